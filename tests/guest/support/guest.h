// What guest tests need from the guest around them: running commands,
// loading and unloading modules, the kernel log, and the test target module.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "support/killswitch_fs.h"

namespace ks::guest {

// Runs @command with /bin/sh; returns its exit status (or -1).
int sh(const std::string& command);

// The kernel log since the running test began: the tests of a suite share a
// guest, and one test must not see another's lines.
std::string kernel_log();
// Its last @bytes at most: what to show when a write was refused.
std::string kernel_log_tail(size_t bytes = 2000);
// The whole kernel log, from boot.
std::string kernel_log_since_boot();

bool module_loaded(const std::string& name);

// Where the tests find tracefs; mount_tracefs() mounts it there unless it
// is already (false if it cannot).
inline const std::string kTracefs = "/sys/kernel/tracing";
bool mount_tracefs();

// Whether killswitch is built into the running kernel (the in-tree form,
// make intree) rather than loaded as killswitch.ko.
bool killswitch_builtin();

// The kernel's names for killswitch's taint flag and audit records: the
// in-tree series adds its own, the module borrows the nearest (kmod/kernel_ids.h).
struct KernelIds {
  long taint_bit;     // 1 << n in /proc/sys/kernel/tainted
  char taint_letter;  // on the Tainted: line of an oops
  int audit_type;     // "audit: type=N" in the kernel log
};
KernelIds kernel_ids();

// Whether the running kernel has @name as a loadable module (modules.dep).
bool module_available(const std::string& name);

// For tests that need xfs, the idle module with thousands of functions the
// Debian kernels have; the in-tree kernel is built without it.
#define KS_SKIP_WITHOUT_XFS()                                                                   \
  do {                                                                                          \
    if (!::ks::guest::module_available("xfs")) GTEST_SKIP() << "this kernel has no xfs module"; \
  } while (0)

// For tests of what only a module does (reload, unload, module parameters).
#define KS_SKIP_IF_BUILTIN()                                                                       \
  do {                                                                                             \
    if (::ks::guest::killswitch_builtin()) GTEST_SKIP() << "killswitch is built in: no unloading"; \
  } while (0)

// modprobe/rmmod, asserting (with gtest) that they worked.
void load_module(const std::string& name, const std::string& params = "");
void unload_module(const std::string& name);

// The test target module, test_killswitch.ko, through its debugfs files.
namespace target {
inline constexpr const char* kInt = "test_killswitch_int";
inline constexpr const char* kLong = "test_killswitch_long";
inline constexpr const char* kArgs = "test_killswitch_args";
inline constexpr const char* kVoid = "test_killswitch_void";
inline constexpr const char* kNotrace = "test_killswitch_notrace";  // no ftrace site
// A kernel function kprobes refuses (NOKPROBE_SYMBOL in kernel/notifier.c),
// on every architecture and kernel the suite runs.
inline constexpr const char* kKprobeBlacklisted = "notifier_call_chain";
inline constexpr long kIntValue = 42;
inline constexpr long kLongValue = 0x123456789L;
// test_killswitch_many_<n>, n from kManyFirst on, kManyCount of them: more
// functions than there can be engagements at once. Nothing calls them.
inline constexpr int kManyFirst = 1000;
inline constexpr int kManyCount = 1100;
inline std::string many(int n) { return "test_killswitch_many_" + std::to_string(n); }

long call_int();
long call_long();
long call_notrace();
long body_runs();
}  // namespace target

// Fixture for tests on a loaded killswitch.ko and test_killswitch.ko: every
// test starts and ends with nothing engaged.
class KillswitchTest : public ::testing::Test {
 protected:
  // Several suites share a guest (tests/guest/CMakeLists.txt): each starts
  // with test_killswitch loaded afresh, its counters (body_runs) from zero.
  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;
  // The engaged file verbatim, for "nothing changed" checks.
  std::string engaged_text() const;

  KillswitchFs ks_;
};

// The same, after one AF_ALG AEAD round trip: af_alg and algif_aead are
// loaded (autoloaded by it), so their functions are in kallsyms, their BTF
// in /sys/kernel/btf, and a bare name like af_alg_sendmsg can be engaged.
class AfAlgLoadedTest : public KillswitchTest {
 protected:
  void SetUp() override;
};

}  // namespace ks::guest

namespace ks::guest {

// Runs @body in a forked child and returns its exit status (or -1): for
// calls that must come from another uid, user namespace or comm.
int in_child(const std::function<int()>& body);

// The AF_ALG round trip's errno in a child (0 when it worked).
int af_alg_errno_in_child(const std::function<bool()>& setup);

}  // namespace ks::guest
