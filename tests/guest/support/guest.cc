#include "support/guest.h"

#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {

int sh(const std::string& command) {
  int status = std::system(command.c_str());
  if (status < 0 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

bool mount_tracefs() { return sh("test -e " + kTracefs + "/trace || mount -t tracefs nodev " + kTracefs) == 0; }

std::string kernel_log_since_boot() {
  std::string log;
  FILE* pipe = ::popen("dmesg", "r");
  if (!pipe) return log;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) log.append(buf, n);
  ::pclose(pipe);
  return log;
}

namespace {
// The last line of the kernel log when the running test began, timestamp
// included, so that it is found again whatever came after it.
std::string g_log_mark;

class LogMarker : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo&) override {
    std::string log = kernel_log_since_boot();
    size_t end = log.find_last_not_of('\n');
    if (end == std::string::npos) {
      g_log_mark.clear();
      return;
    }
    size_t start = log.rfind('\n', end);
    start = start == std::string::npos ? 0 : start + 1;
    g_log_mark = log.substr(start, end + 1 - start) + "\n";
  }
};

// Registered before gtest_main runs the tests.
const bool g_log_marker_registered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new LogMarker);
  return true;
}();
}  // namespace

std::string kernel_log() {
  std::string log = kernel_log_since_boot();
  if (g_log_mark.empty()) return log;
  // The first match: if the ring buffer dropped the mark, the whole log.
  size_t at = log.find(g_log_mark);
  return at == std::string::npos ? log : log.substr(at + g_log_mark.size());
}

std::string kernel_log_tail(size_t bytes) {
  std::string log = kernel_log();
  return log.size() > bytes ? log.substr(log.size() - bytes) : log;
}

bool module_loaded(const std::string& name) {
  std::ifstream modules("/proc/modules");
  std::string line;
  while (std::getline(modules, line))
    if (line.compare(0, name.size() + 1, name + " ") == 0) return true;
  return false;
}

namespace {
// Whether a line of the running kernel's /lib/modules/<release>/@file ends
// with @suffix.
bool modules_file_has(const char* file, const std::string& suffix) {
  struct utsname uts {};
  if (::uname(&uts) != 0) return false;
  std::ifstream in(std::string("/lib/modules/") + uts.release + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() >= suffix.size() && line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}
}  // namespace

bool killswitch_builtin() { return modules_file_has("modules.builtin", "/killswitch.ko"); }

bool module_available(const std::string& name) {
  // modules.dep names files (kernel/net/can/can-bcm.ko.xz: ...); modprobe
  // takes - and _ alike.
  auto normal = [](std::string text) {
    for (char& c : text)
      if (c == '-') c = '_';
    return text;
  };
  const std::string wanted = normal(name);
  struct utsname uts {};
  if (::uname(&uts) != 0) return false;
  std::ifstream in(std::string("/lib/modules/") + uts.release + "/modules.dep");
  std::string line;
  while (std::getline(in, line)) {
    std::string path = line.substr(0, line.find(':'));
    std::string file = path.substr(path.rfind('/') + 1);
    if (normal(file.substr(0, file.find(".ko"))) == wanted) return true;
  }
  return false;
}

KernelIds kernel_ids() {
  // TAINT_KILLSWITCH 'Z' and AUDIT_KILLSWITCH built in; TAINT_LIVEPATCH 'K'
  // and AUDIT_KERNEL_OTHER for the module.
  if (killswitch_builtin()) return {1L << 19, 'Z', 1340};
  return {1L << 15, 'K', 1316};
}

void load_module(const std::string& name, const std::string& params) {
  ASSERT_EQ(sh("modprobe " + name + (params.empty() ? "" : " " + params)), 0) << "modprobe " << name;
  ASSERT_TRUE(module_loaded(name));
}

void unload_module(const std::string& name) {
  ASSERT_EQ(sh("rmmod " + name), 0) << "rmmod " << name;
  ASSERT_FALSE(module_loaded(name));
}

namespace target {
namespace {
constexpr const char* kDir = "/sys/kernel/debug/test_killswitch/";

long read_value(const char* file) {
  auto value = util::read_long(std::string(kDir) + file);
  EXPECT_TRUE(value) << "reading " << kDir << file << ": " << value.error().message();
  return value.value_or(-999999);
}
}  // namespace

long call_int() { return read_value("int"); }
long call_long() { return read_value("long"); }
long call_notrace() { return read_value("notrace"); }
long body_runs() { return read_value("body_runs"); }
}  // namespace target

void KillswitchTest::SetUpTestSuite() {
  // rmmod fails while something is engaged on it: the last suite left an
  // engagement behind.
  if (module_loaded("test_killswitch")) unload_module("test_killswitch");
}

void KillswitchTest::SetUp() {
  if (!killswitch_builtin() && !module_loaded("killswitch")) load_module("killswitch");
  if (!module_loaded("test_killswitch")) load_module("test_killswitch");
  ASSERT_TRUE(ks_.present());
  ASSERT_FALSE(ks_.disengage_all());
}

void KillswitchTest::TearDown() {
  if (ks_.present()) {
    EXPECT_FALSE(ks_.disengage_all());
  }
}

void AfAlgLoadedTest::SetUp() {
  KillswitchTest::SetUp();
  auto warmup = trigger::af_alg_aead_round_trip();
  ASSERT_TRUE(warmup.has_value()) << trigger::describe(warmup);
}

std::string KillswitchTest::engaged_text() const {
  auto text = ks_.engaged_text();
  EXPECT_TRUE(text) << text.error().message();
  return text.value_or("<unreadable>");
}

int in_child(const std::function<int()>& body) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) ::_exit(body());
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

int af_alg_errno_in_child(const std::function<bool()>& setup) {
  return in_child([&] {
    if (!setup()) return 200;
    auto result = trigger::af_alg_aead_round_trip();
    return result.has_value() ? 0 : trigger::trip_errno(result);
  });
}

}  // namespace ks::guest
