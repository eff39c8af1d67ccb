#include "support/guest.h"

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

std::string kernel_log() {
  std::string log;
  FILE* pipe = ::popen("dmesg", "r");
  if (!pipe) return log;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) log.append(buf, n);
  ::pclose(pipe);
  return log;
}

bool module_loaded(const std::string& name) {
  std::ifstream modules("/proc/modules");
  std::string line;
  while (std::getline(modules, line))
    if (line.compare(0, name.size() + 1, name + " ") == 0) return true;
  return false;
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

void KillswitchTest::SetUp() {
  if (!module_loaded("killswitch")) load_module("killswitch");
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
