// The catalog's proof: every profile with a [proof] is shown to act on the
// running kernel, in one guest per kernel. For each one whose functions this
// kernel has (the modules its proof names loaded first):
//   1. its trigger (ks-trigger's words) runs as on any host;
//   2. applied (past its version check: Debian's current kernels are
//      fixed), the trigger fails with the errno the profile documents and
//      its functions count the hits, so the trigger did reach them; what it
//      keeps (more ks-trigger words) and an ordinary workload work;
//   3. reverted, the trigger does again what it did before.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "profile/catalog.h"
#include "support/profiles.h"
#include "support/tool.h"
#include "trigger/by_words.h"

namespace ks::guest {
namespace {

class CatalogProofTest : public ProfileTest {
 protected:
  void prove(const profile::Profile& p);
  std::unique_ptr<kernel::KernelInfo> info_;  // read once, with every module loaded
  int proven_ = 0;
  int absent_ = 0;
};

// The trigger's errno (0 when the path worked); a malformed trigger fails the test.
int trigger_errno(const std::vector<std::string>& words) {
  auto trip = trigger::run_trigger(words);
  if (!trip) {
    ADD_FAILURE() << trigger::words_text(words) << ": " << trip.error().message();
    return -1;
  }
  return trigger::trip_errno(*trip);
}

// What any host does all day, which no catalog profile may break: a TCP
// connection over loopback, files written, renamed and read back, a process
// forked and reaped. Empty when it all worked, else what failed.
std::string ordinary_workload() {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener < 0) return std::string("socket(AF_INET): ") + std::strerror(errno);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  std::string failure;
  int client = -1, server = -1;
  char buf[4] = {};
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 1) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    failure = std::string("TCP listen: ") + std::strerror(errno);
  else if ((client = ::socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
           ::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
           (server = ::accept(listener, nullptr, nullptr)) < 0)
    failure = std::string("TCP connect: ") + std::strerror(errno);
  else if (::write(client, "ping", 4) != 4 || ::read(server, buf, 4) != 4)
    failure = "TCP data";
  for (int fd : {client, server, listener})
    if (fd >= 0) ::close(fd);
  if (!failure.empty()) return failure;

  const std::filesystem::path file = "/tmp/catalog-workload";
  std::ofstream(file) << "kept";
  std::error_code ec;
  std::filesystem::rename(file, file.string() + ".2", ec);
  std::string text;
  std::ifstream(file.string() + ".2") >> text;
  std::filesystem::remove(file.string() + ".2", ec);
  if (text != "kept") return "files: wrote \"kept\", read back \"" + text + "\"";

  pid_t pid = ::fork();
  if (pid == 0) ::_exit(7);
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 7)
    return "fork and wait";
  return "";
}

// Every module the proofs need, loaded once: then one read of kallsyms
// says which profiles this kernel has the functions of.
profile::Loaded load_catalog_and_its_modules() {
  auto all = profile::load_profiles({kCatalogDir});
  for (const auto& e : all.errors) ADD_FAILURE() << e.message();
  for (const auto& p : all.profiles) {
    if (!p.proof) continue;
    for (const auto& m : p.proof->modules)
      if (module_available(m) && !module_loaded(m)) load_module(m);
  }
  return all;
}

// Whether the running kernel has every function of @p, as its targets name
// them: "symbol" in vmlinux, "module:symbol" in a loaded module.
bool has_functions(kernel::KernelInfo& info, const profile::Profile& p) {
  const symbols::SymbolTable* table = info.symbols();
  if (!table) return false;
  for (const auto& t : p.targets) {
    auto colon = t.function.find(':');
    std::string module = colon == std::string::npos ? "" : t.function.substr(0, colon);
    std::string name = colon == std::string::npos ? t.function : t.function.substr(colon + 1);
    const auto& found = table->find(name);
    if (std::none_of(found.begin(), found.end(), [&](const auto& sym) { return sym.module == module; })) return false;
  }
  return true;
}

TEST_F(CatalogProofTest, EveryProfileActsOnThisKernel) {
  auto all = load_catalog_and_its_modules();
  info_ = std::make_unique<kernel::KernelInfo>(system_);
  int without = 0;
  for (const auto& p : all.profiles) {
    if (!p.proof) {
      ++without;
      continue;
    }
    SCOPED_TRACE(p.id);
    prove(p);
    ASSERT_FALSE(HasFatalFailure());
  }
  std::printf("catalog: %d proven on this kernel, %d whose functions it lacks, %d with a test of their own\n", proven_,
              absent_, without);
  EXPECT_GT(proven_, 0);
  // Debian's kernels build every module the catalog names: each profile is
  // proven there (docs/profiles.md says so). The in-tree kernel has few.
  if (!facts_.debian_version.empty()) {
    EXPECT_EQ(absent_, 0) << "a profile this Debian kernel cannot prove";
  }
}

// The operator's view of the same catalog: `killswitch profiles list` says
// for each profile whether this kernel needs it and whether it applies, and
// a profile whose functions this kernel lacks is a line, not an error.
TEST_F(CatalogProofTest, TheListingSaysWhereEachStands) {
  auto all = load_catalog_and_its_modules();
  kernel::KernelInfo info(system_);
  auto run = tool(std::string("--catalog ") + kCatalogDir + " profiles list --json");
  ASSERT_EQ(run.status, 0) << run.err;
  auto listed = run.json()["profiles"];
  ASSERT_EQ(listed.size(), all.profiles.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    const auto& p = all.profiles[i];
    SCOPED_TRACE(p.id);
    ASSERT_EQ(listed[i]["id"], p.id);
    EXPECT_EQ(listed[i]["applied"], false);
    if (has_functions(info, p))
      EXPECT_EQ(listed[i]["applicable"], "yes") << listed[i].value("applicable_reason", "");
    else
      EXPECT_NE(listed[i]["applicable"], "yes");
    EXPECT_NE(listed[i]["need"], "needed") << "Debian's current kernels have every fix of the catalog";
  }
  auto needed = tool(std::string("--catalog ") + kCatalogDir + " profiles list --need needed --json");
  ASSERT_EQ(needed.status, 0) << needed.err;
  EXPECT_EQ(needed.json()["profiles"].size(), 0u);
}

void CatalogProofTest::prove(const profile::Profile& p) {
  const profile::Proof& proof = *p.proof;
  if (!has_functions(*info_, p)) {
    std::printf("%s: not on this kernel (no %s)\n", p.id.c_str(), p.targets[0].function.c_str());
    ++absent_;
    return;
  }
  // 1. The trigger as on any host.
  int before = trigger_errno(proof.trigger);
  EXPECT_NE(before, proof.refused_errno) << "the trigger fails with " << proof.refused << " already";

  // 2. Applied: refused with the documented errno; the rest works.
  auto r = apply(p, true, info_.get());
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_EQ(trigger_errno(proof.trigger), proof.refused_errno)
      << trigger::words_text(proof.trigger) << " is not refused with " << proof.refused;
  unsigned long hits = 0;
  for (const auto& t : p.targets) hits += ks_.hits(t.function).value_or(0);
  EXPECT_GT(hits, 0u) << trigger::words_text(proof.trigger) << " did not reach " << p.targets[0].function;
  for (const auto& keep : proof.keeps)
    EXPECT_EQ(trigger_errno(keep), 0) << trigger::words_text(keep) << " stopped working";
  EXPECT_EQ(ordinary_workload(), "");

  // 3. Reverted: as before.
  auto back = revert(p);
  EXPECT_EQ(back.outcome, profile::Outcome::kReverted) << back.reason;
  EXPECT_EQ(trigger_errno(proof.trigger), before) << "not back after revert";
  EXPECT_EQ(engaged_text(), "");
  std::printf("%s: %s reached %s (%lu hits), refused with %s once applied, back after revert\n", p.id.c_str(),
              trigger::words_text(proof.trigger).c_str(), p.targets[0].function.c_str(), hits, proof.refused.c_str());
  ++proven_;
}

}  // namespace
}  // namespace ks::guest
