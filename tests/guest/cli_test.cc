// The killswitch tool, run as an operator would run it, against the real
// module on Debian's stock kernel: its answers come from the real
// kallsyms, tracefs, kprobe blacklist and BTF, and its JSON is parsed back.
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "support/guest.h"
#include "support/tool.h"
#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

bool has_reason(const nlohmann::json& report, const std::string& code) {
  for (const auto& r : report["reasons"])
    if (r["code"] == code) return true;
  return false;
}

using CliTest = AfAlgLoadedTest;

TEST_F(CliTest, CheckAfAlgSendmsgReadsItsPrototypeFromModuleBtf) {
  auto run = tool("check af_alg_sendmsg -EPERM --json");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  auto j = run.json();
  EXPECT_EQ(j["found"], true);
  EXPECT_EQ(j["module"], "af_alg");
  EXPECT_EQ(j["unique"], true);
  EXPECT_EQ(j["traceable"], true);
  EXPECT_EQ(j["blacklisted"], false);
  EXPECT_EQ(j["prototype"]["btf"], "af_alg");
  EXPECT_EQ(j["prototype"]["return_type"], "int");
  EXPECT_EQ(j["prototype"]["params"][0]["type"], "struct socket *");
  EXPECT_EQ(j["value"], -EPERM);
  EXPECT_EQ(j["verdict"], "info");
  EXPECT_EQ(j["rule"], "accepted");
  EXPECT_EQ(engaged_text(), "") << "check never engages";
}

TEST_F(CliTest, CheckExplainsWhyAVoidFunctionIsRefused) {
  auto run = tool("check af_alg_pull_tsgl --json");
  EXPECT_EQ(run.status, 4) << run.out << run.err;
  auto j = run.json();
  EXPECT_EQ(j["prototype"]["return_kind"], "void");
  EXPECT_TRUE(has_reason(j, "void"));
  EXPECT_EQ(j["rule"], "type");
  EXPECT_EQ(j["verdict"], "refused");
  auto engage = tool("engage af_alg_pull_tsgl --force");
  EXPECT_EQ(engage.status, 4) << "--force never overrides the module";
  EXPECT_EQ(ks_.command("engage af_alg_pull_tsgl 0").value(), EACCES) << "nor does echo";
  EXPECT_EQ(engaged_text(), "");
}

TEST_F(CliTest, CheckKnowsTheModuleRulesAndTheKernelsLists) {
  auto fail_open = tool("check security_file_open 0 --json");
  EXPECT_EQ(fail_open.status, 4);
  EXPECT_EQ(fail_open.json()["rule"], "vital");
  auto grants = tool("check security_socket_create 0 --json");
  EXPECT_EQ(grants.status, 4);
  EXPECT_EQ(grants.json()["rule"], "grants");
  auto machinery = tool("check register_kprobe --json");
  EXPECT_EQ(machinery.status, 4);
  EXPECT_TRUE(has_reason(machinery.json(), "machinery"));
  auto missing = tool("check no_such_function_here --json");
  EXPECT_EQ(missing.status, 5);
  EXPECT_EQ(missing.json()["verdict"], "not_found");
}

TEST_F(CliTest, EngageByNameWithEpermStopsAfAlgUntilDisengaged) {
  auto run = tool("engage af_alg_sendmsg -EPERM --json");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(run.json()["engaged"], nlohmann::json::array({"af_alg_sendmsg"}));
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), EPERM);
  EXPECT_NE(engaged_text().find("af_alg_sendmsg retval=-1 "), std::string::npos) << engaged_text();

  auto status = tool("status --json");
  ASSERT_EQ(status.status, 0);
  auto s = status.json();
  EXPECT_EQ(s["backend"], "module");
  EXPECT_EQ(s["tainted"], true);
  ASSERT_EQ(s["engagements"].size(), 1u);
  EXPECT_EQ(s["engagements"][0]["target"], "af_alg_sendmsg");
  EXPECT_EQ(s["engagements"][0]["state"], "engaged");
  EXPECT_GE(s["engagements"][0]["hits"].get<unsigned long>(), 1u);

  auto again = tool("engage af_alg_sendmsg EACCES");
  EXPECT_EQ(again.status, 4);
  EXPECT_NE(again.err.find("af_alg_sendmsg is already engaged (retval -1); disengage it first or change "
                           "fn/af_alg_sendmsg/retval"),
            std::string::npos)
      << again.err;

  auto off = tool("disengage af_alg_sendmsg");
  EXPECT_EQ(off.status, 0) << off.err;
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), 0);
  EXPECT_EQ(tool("disengage af_alg_sendmsg").status, 5);
}

TEST_F(CliTest, NamedArgumentConditionBlocksOnlyAfAlgSockets) {
  auto run = tool("engage __sock_create -EAFNOSUPPORT --if 'family == AF_ALG' --json");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  auto j = run.json();
  EXPECT_EQ(j["condition"], "arg2==38");
  EXPECT_EQ(j["engaged"][0], "__sock_create");
  int alg = ::socket(AF_ALG, SOCK_SEQPACKET, 0);
  EXPECT_EQ(alg, -1);
  EXPECT_EQ(errno, EAFNOSUPPORT);
  int inet = ::socket(AF_INET, SOCK_DGRAM, 0);
  EXPECT_GE(inet, 0) << std::strerror(errno);
  if (inet >= 0) ::close(inet);
  EXPECT_EQ(ks_.hits("__sock_create").value_or(0), 1u);
  EXPECT_EQ(util::read_text(ks_.fn_dir("__sock_create") / "condition").value_or(""), "arg2==38\n");
  EXPECT_EQ(tool("disengage --all").status, 0);
  EXPECT_EQ(engaged_text(), "");
}

// crypto_mod_get is partly inlined in Debian's 6.1 kernel: callers call
// crypto_mod_get.part.0 directly, so a probe on crypto_mod_get alone misses them.
TEST_F(CliTest, ClonesOnTheStockKernelAreFoundAndProbedTogether) {
  auto kallsyms = util::read_text("/proc/kallsyms").value_or("");
  ASSERT_NE(kallsyms.find(" crypto_mod_get.part.0\n"), std::string::npos) << "the stock kernel changed";
  auto run = tool("check crypto_mod_get --json");
  ASSERT_NE(run.status, -1);
  auto j = run.json();
  std::set<std::string> clones(j["clones"].begin(), j["clones"].end());
  EXPECT_EQ(clones.count("crypto_mod_get.part.0"), 1u) << run.out;
  EXPECT_TRUE(has_reason(j, "clones"));

  // Monitor both while AF_ALG looks its algorithm up: the calls are counted.
  FILE* monitor = ::popen((std::string(kTool) + " monitor crypto_mod_get --for 3 --json").c_str(), "r");
  ASSERT_NE(monitor, nullptr);
  // The tool reads kallsyms and BTF first: wait until both probes are in place
  // (its 3 s start then). Up to 30 s: under TCG on a loaded host that took
  // more than 5 s once.
  for (int i = 0; i < 600 && engaged_text().find("crypto_mod_get.part.0") == std::string::npos; ++i) ::usleep(50000);
  EXPECT_NE(engaged_text().find("crypto_mod_get.part.0 retval=0 hits=0 state=monitoring"), std::string::npos)
      << engaged_text();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(trigger::af_alg_aead_round_trip().has_value());
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, monitor)) > 0) out.append(buf, n);
  int status = ::pclose(monitor);
  ASSERT_TRUE(WIFEXITED(status)) << out;
  EXPECT_EQ(WEXITSTATUS(status), 1) << "called: " << out;
  auto m = nlohmann::json::parse(out);
  std::set<std::string> targets(m["targets"].begin(), m["targets"].end());
  EXPECT_EQ(targets.count("crypto_mod_get"), 1u);
  EXPECT_EQ(targets.count("crypto_mod_get.part.0"), 1u);
  EXPECT_GT(m["calls"].get<unsigned long>(), 0u);
  EXPECT_EQ(m["calls"], m["per_target"]["crypto_mod_get"].get<unsigned long>() +
                            m["per_target"]["crypto_mod_get.part.0"].get<unsigned long>());
  EXPECT_EQ(engaged_text(), "") << "monitoring stopped";
}

TEST_F(CliTest, ModuleTargetNotLoadedYetIsPending) {
  ASSERT_FALSE(module_loaded("algif_hash"));
  auto check = tool("check algif_hash:hash_sendmsg -EPERM --json");
  EXPECT_EQ(check.status, 1) << check.out << check.err;
  EXPECT_EQ(check.json()["pending"], true);
  auto run = tool("engage algif_hash:hash_sendmsg -EPERM --json");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  auto status = tool("status --json").json();
  ASSERT_EQ(status["engagements"].size(), 1u);
  EXPECT_EQ(status["engagements"][0]["target"], "algif_hash:hash_sendmsg");
  EXPECT_EQ(status["engagements"][0]["state"], "pending");
  EXPECT_EQ(tool("disengage algif_hash:hash_sendmsg").status, 0);
  EXPECT_EQ(engaged_text(), "");
}

// Before its module loads, a target is judged by the BTF of the module file
// modprobe would load: a refused one is refused now, not left pending.
TEST_F(CliTest, PendingTargetIsJudgedByTheModuleFilesBtf) {
  ASSERT_FALSE(module_loaded("algif_hash"));
  auto check = tool("check algif_hash:hash_sendmsg -EPERM --json");
  EXPECT_EQ(check.json()["rule"], "accepted") << check.out;
  EXPECT_EQ(check.json()["prototype"]["return_type"], "int") << check.out;
  // hash_release returns void.
  auto engage = tool("engage algif_hash:hash_release -EPERM --json");
  EXPECT_EQ(engage.status, 4) << engage.out << engage.err;
  EXPECT_EQ(engage.json()["check"]["rule"], "type") << engage.out;
  EXPECT_EQ(engaged_text(), "");
  EXPECT_FALSE(module_loaded("algif_hash")) << "judged from the file, without loading it";
}

TEST_F(CliTest, EngageWithConfirmIsUndoneUnlessConfirmed) {
  auto run = tool("engage af_alg_sendmsg -EPERM --confirm 3");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("disengaged again in 3 s unless you run 'killswitch confirm'"), std::string::npos) << run.out;
  ::sleep(5);
  EXPECT_EQ(engaged_text(), "") << "not confirmed: gone";

  ASSERT_EQ(tool("engage af_alg_sendmsg -EPERM --confirm 3").status, 0);
  auto confirm = tool("confirm --json");
  ASSERT_EQ(confirm.status, 0) << confirm.out << confirm.err;
  EXPECT_EQ(confirm.json()["confirmed"], nlohmann::json::array({"af_alg_sendmsg"}));
  ::sleep(5);
  EXPECT_NE(engaged_text().find("af_alg_sendmsg retval=-1 "), std::string::npos) << "confirmed: it stays";
  EXPECT_EQ(tool("confirm af_alg_sendmsg").status, 5) << "nothing waits any more";
  EXPECT_EQ(tool("confirm").status, 0) << "confirming nothing is no error";
}

// A module target waits (pending) until its module loads, and its deadline
// runs all the same: confirm keeps it too (a rollout confirms after its
// health check, whether or not the module was loaded by then).
TEST_F(CliTest, ConfirmKeepsAPendingEngagement) {
  // An earlier test of this guest may have loaded it; nothing holds it now.
  if (module_loaded("algif_aead")) {
    ASSERT_EQ(std::system("modprobe -r algif_aead"), 0);
  }
  ASSERT_EQ(tool("engage algif_aead:aead_sendmsg -EPERM --confirm 60").status, 0);
  EXPECT_EQ(tool("status --json").json()["engagements"][0]["state"], "pending");
  auto confirm = tool("confirm --json");
  ASSERT_EQ(confirm.status, 0) << confirm.out << confirm.err;
  EXPECT_EQ(confirm.json()["confirmed"], nlohmann::json::array({"algif_aead:aead_sendmsg"}));
  EXPECT_EQ(engaged_text().find("timeout_left="), std::string::npos) << engaged_text();
  EXPECT_EQ(tool("disengage algif_aead:aead_sendmsg").status, 0);
}

TEST_F(CliTest, TryEngagesOnlyAfterAQuietWindow) {
  auto run = tool("engage af_alg_sendmsg -EPERM --try 2 --json");
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(run.json()["verb"], "tryengage");
  EXPECT_EQ(tool("status --json").json()["engagements"][0]["state"], "probing");
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), 0) << "still only counting";
  ::sleep(4);
  EXPECT_EQ(util::read_text(ks_.fn_dir("af_alg_sendmsg") / "state").value_or("gone"), "gone")
      << "it was called in the window, so it was not engaged";
  auto quiet = tool("engage af_alg_sendmsg -EPERM --try 2");
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  ::sleep(4);
  EXPECT_EQ(util::read_text(ks_.fn_dir("af_alg_sendmsg") / "state").value_or(""), "engaged\n");
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), EPERM);
}

TEST_F(CliTest, UnknownSubcommandGetsASuggestion) {
  auto run = tool("engag af_alg_sendmsg");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("Did you mean 'engage'?"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace ks::guest
