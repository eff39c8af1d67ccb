// Every verdict and reason of check, on the fixture tree.
#include "check/check.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <sstream>

#include "support/fixture.h"

namespace ks::check {
namespace {

class CheckTest : public ::testing::Test {
 protected:
  Report run(const std::string& target, std::optional<long> value = std::nullopt,
             std::optional<std::string> cond = std::nullopt, wire::Verb verb = wire::Verb::kEngage) {
    kernel::KernelInfo info(fake_);
    return check(info, system::detect_backend(fake_), Request{target, value, cond, verb});
  }
  static const Reason* reason(const Report& r, const std::string& code) {
    for (const auto& x : r.reasons)
      if (x.code == code) return &x;
    return nullptr;
  }
  testing::FakeSystem fake_ = testing::fixture_fake();
};

TEST_F(CheckTest, ModuleFunctionWithAnErrnoIsSafe) {
  auto r = run("af_alg_sendmsg", -EPERM);
  EXPECT_EQ(r.verdict(), Severity::kInfo);
  EXPECT_TRUE(r.found);
  EXPECT_EQ(r.module, "af_alg");
  EXPECT_EQ(r.traceable, true);
  EXPECT_EQ(r.blacklisted, false);
  ASSERT_TRUE(r.prototype);
  EXPECT_EQ(r.prototype->object, "af_alg");
  EXPECT_TRUE(r.has("errno"));
  EXPECT_EQ(r.rule, "accepted");
  EXPECT_EQ(r.targets(), std::vector<std::string>{"af_alg_sendmsg"});
  EXPECT_EQ(r.verdict_line(), "af_alg_sendmsg: safe to engage with -1 (-EPERM)");
}

TEST_F(CheckTest, VoidFunctionIsRefused) {
  auto r = run("af_alg_pull_tsgl", 0);
  EXPECT_EQ(r.verdict(), Severity::kRefused);
  EXPECT_EQ(r.rule, "type");
  ASSERT_TRUE(reason(r, "void"));
  EXPECT_NE(reason(r, "void")->message.find("callers never learn"), std::string::npos);
}

TEST_F(CheckTest, SignedValuesAreJudged) {
  EXPECT_TRUE(run("tcp_sendmsg", 0).has("zero"));
  EXPECT_EQ(run("tcp_sendmsg", 0).verdict(), Severity::kRefused) << "0 reports success";
  EXPECT_EQ(run("tcp_sendmsg", 0).rule, "grants");
  EXPECT_TRUE(run("tcp_sendmsg", 5).has("positive"));
  EXPECT_TRUE(run("tcp_sendmsg", -5000).has("not_errno"));
  EXPECT_EQ(run("tcp_sendmsg", -5000).rule, "range");
  auto r = run("fixture_short", 70000);
  EXPECT_TRUE(r.has("out_of_range"));
  EXPECT_EQ(r.verdict(), Severity::kRefused);
  EXPECT_EQ(run("fixture_short", -EINVAL).verdict(), Severity::kInfo);
}

TEST_F(CheckTest, PointersAreRefusedWhateverTheValue) {
  EXPECT_TRUE(run("filp_open", 0).has("null_pointer"));
  EXPECT_EQ(run("filp_open", 0).verdict(), Severity::kRefused);
  EXPECT_EQ(run("filp_open", -ENOMEM).verdict(), Severity::kRefused) << "callers may not expect ERR_PTR";
  auto r = run("filp_open", 1234);
  EXPECT_TRUE(r.has("pointer_value"));
  EXPECT_EQ(r.rule, "type");
}

TEST_F(CheckTest, UnsignedEnumAndAggregateReturns) {
  EXPECT_TRUE(run("get_unmapped_area", -ENOMEM).has("unsigned_errno"));
  EXPECT_TRUE(run("nr_free_buffer_pages", -1).has("out_of_range"));
  EXPECT_TRUE(run("nr_free_buffer_pages", 0).has("zero"));
  EXPECT_TRUE(run("fixture_get_state", 1).has("enum"));
  auto pair = run("fixture_make_pair", 0);
  EXPECT_TRUE(pair.has("return_type"));
  EXPECT_EQ(pair.verdict(), Severity::kRefused);
}

TEST_F(CheckTest, TheVerdictIsTheModulesOwn) {
  auto open = run("security_file_open", -EACCES);
  EXPECT_EQ(open.verdict(), Severity::kRefused) << "on the way back to the control file";
  EXPECT_EQ(open.rule, "vital");
  EXPECT_EQ(run("capable", 0).rule, "vital");
  EXPECT_EQ(run("may_setgroups", 0).verdict(), Severity::kInfo);
  EXPECT_TRUE(run("may_setgroups", 0).has("reviewed"));
  EXPECT_EQ(run("may_setgroups", 1).rule, "type");
  EXPECT_EQ(run("may_setgroups", 2).rule, "range");
  EXPECT_EQ(run("do_seccomp", -EPERM).rule, "protects");
  EXPECT_EQ(run("__sock_create", -EAFNOSUPPORT).rule, "accepted");
  EXPECT_TRUE(run("register_kprobe", -1).has("machinery"));
  EXPECT_EQ(run("register_kprobe", std::nullopt, std::nullopt, wire::Verb::kMonitor).verdict(), Severity::kRefused)
      << "not even monitored";
  EXPECT_EQ(run("audit_log_start", -1).verdict(), Severity::kRefused);
  EXPECT_NE(run("audit_log_start", std::nullopt, std::nullopt, wire::Verb::kMonitor).verdict(), Severity::kRefused)
      << "monitoring audit is fine";
  EXPECT_EQ(run("tcp_sendmsg").verdict(), Severity::kInfo) << "without a value, the default -EPERM is judged";
}

TEST_F(CheckTest, AmbiguousNamesListCandidates) {
  auto same_object = run("dup_name", -1);
  EXPECT_EQ(same_object.verdict(), Severity::kUnsafe);
  EXPECT_NE(same_object.verdict_line().find("unsafe"), std::string::npos);
  EXPECT_EQ(same_object.candidates.size(), 2u);
  EXPECT_NE(reason(same_object, "ambiguous")->message.find("only one of them"), std::string::npos);
  auto modules = run("dup_mod", -1);
  EXPECT_NE(reason(modules, "ambiguous")->message.find("mod_a:dup_mod, mod_b:dup_mod"), std::string::npos);
  auto picked = run("mod_a:dup_mod", -1);
  EXPECT_FALSE(picked.has("ambiguous"));
  EXPECT_EQ(picked.module, "mod_a");
  EXPECT_EQ(picked.targets(), std::vector<std::string>{"mod_a:dup_mod"});
}

TEST_F(CheckTest, MissingFunctionsAndPendingModules) {
  auto missing = run("no_such_function", -1);
  EXPECT_TRUE(missing.not_found());
  EXPECT_EQ(missing.verdict_line(), "no_such_function: not found");
  EXPECT_TRUE(run("af_alg:no_such_function", -1).not_found()) << "module loaded, no such function in it";
  auto pending = run("some-mod:some_fn", -1);
  EXPECT_TRUE(pending.pending);
  EXPECT_EQ(pending.target, "some_mod:some_fn") << "module names use _";
  EXPECT_EQ(pending.verdict(), Severity::kWarning);
  EXPECT_EQ(pending.targets(), std::vector<std::string>{"some_mod:some_fn"});
  EXPECT_TRUE(run("bad name!", -1).has("bad_name"));
}

TEST_F(CheckTest, TraceabilityBlacklistAndBtf) {
  EXPECT_TRUE(run("notrace_func", -1).has("not_traceable"));
  auto blacklisted = run("do_int3", -1);
  EXPECT_TRUE(blacklisted.has("blacklisted"));
  EXPECT_EQ(blacklisted.verdict(), Severity::kRefused);
  auto no_btf = run("esp_input", -1);
  EXPECT_TRUE(no_btf.has("no_prototype"));
  EXPECT_EQ(no_btf.module, "esp4");
  fake_.traceable_text.clear();
  EXPECT_TRUE(run("vfs_read", -1).has("traceable_unknown"));
  fake_.blacklist_text.clear();
  EXPECT_TRUE(run("vfs_read", -1).has("blacklist_unknown"));
  fake_.kallsyms_text.clear();
  EXPECT_TRUE(run("vfs_read", -1).has("no_kallsyms"));
}

TEST_F(CheckTest, ClonesAreFoundAndColdBlocksSkipped) {
  auto r = run("fixture_clone", -1);
  EXPECT_EQ(r.clones, (std::vector<std::string>{"fixture_clone.constprop.0", "fixture_clone.part.0"}));
  EXPECT_EQ(r.cold, std::vector<std::string>{"fixture_clone.cold"});
  EXPECT_EQ(r.targets(),
            (std::vector<std::string>{"fixture_clone", "fixture_clone.constprop.0", "fixture_clone.part.0"}));
  EXPECT_TRUE(r.has("clones"));
  EXPECT_TRUE(r.has("clone_signature"));
  EXPECT_EQ(r.verdict(), Severity::kWarning);
  auto with_args = run("fixture_clone", -1, "a == 1");
  EXPECT_TRUE(with_args.has("clone_arguments"));
  EXPECT_EQ(with_args.verdict(), Severity::kUnsafe);
  EXPECT_TRUE(run("fixture_clone.cold", -1).has("cold_block"));
  auto only = run("inlined_away", -1);
  EXPECT_TRUE(only.has("only_clones"));
  EXPECT_EQ(only.targets(), std::vector<std::string>{"inlined_away.isra.0"});
}

TEST_F(CheckTest, ConditionsAreTranslatedOrRefused) {
  auto r = run("__sock_create", -EAFNOSUPPORT, "family == AF_ALG");
  EXPECT_EQ(r.condition, "arg2==38");
  EXPECT_EQ(r.verdict(), Severity::kInfo);
  EXPECT_EQ(run("__sock_create", -1, "domain == 1").verdict(), Severity::kRefused);
}

TEST_F(CheckTest, KillswitchStateIsPartOfTheAnswer) {
  fake_.engagements.push_back({"af_alg_sendmsg", -1, 0, 0, wire::State::kEngaged, ""});
  auto engaged = run("af_alg_sendmsg", -1);
  ASSERT_TRUE(reason(engaged, "already_engaged"));
  EXPECT_EQ(reason(engaged, "already_engaged")->message,
            "af_alg_sendmsg is already engaged (retval -1 (-EPERM), hits 0)");
  fake_.present = false;
  EXPECT_TRUE(run("vfs_read", -1).has("no_killswitch"));
  fake_.present = true;
  fake_.modules_text = "af_alg 36864 0 - Live 0x0\n";  // no killswitch.ko: the built-in one
  EXPECT_TRUE(run("__sock_create", -1, "uid != 0").has("needs_module"));
  EXPECT_TRUE(run("af_alg:af_alg_sendmsg", -1).has("needs_module"));
  EXPECT_FALSE(run("af_alg_sendmsg", -1).has("needs_module"));
}

// A module that is not loaded: its return type comes from the BTF of the
// file modprobe would load, so a refusal is known before the module loads.
TEST_F(CheckTest, PendingTargetIsJudgedByTheModuleFilesBtf) {
  auto without_af_alg = [](const std::string& text) {
    std::string out, line;
    std::istringstream in(text);
    while (std::getline(in, line))
      if (line.find("af_alg") == std::string::npos) out += line + "\n";
    return out;
  };
  fake_.modules_text = without_af_alg(fake_.modules_text);
  fake_.kallsyms_text = without_af_alg(fake_.kallsyms_text);
  fake_.module_files["af_alg"] = fake_.btf_files["af_alg"];
  fake_.btf_files.erase("af_alg");
  auto r = run("af_alg:af_alg_pull_tsgl", -EPERM);
  EXPECT_TRUE(r.pending);
  EXPECT_EQ(r.verdict(), Severity::kRefused);
  EXPECT_EQ(r.rule, "type");
  auto ok = run("af_alg:af_alg_sendmsg", -EPERM);
  EXPECT_TRUE(ok.pending);
  EXPECT_EQ(ok.rule, "accepted");
  ASSERT_TRUE(ok.prototype);
  EXPECT_FALSE(ok.has("judged_at_load"));
  // Without the file, the name now and the type at load.
  fake_.module_files.clear();
  auto later = run("af_alg:af_alg_pull_tsgl", -EPERM);
  EXPECT_TRUE(later.has("judged_at_load"));
  EXPECT_NE(later.verdict(), Severity::kRefused);
}

}  // namespace
}  // namespace ks::check
