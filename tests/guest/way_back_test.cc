// The way back (docs/safety.md, rule 2): whatever is engaged, root can
// still write `disengage_all` to the control file and read `engaged`. This
// traces exactly what the kernel runs for that, in this kernel, and checks
// that the module's rules refuse to short-circuit every function on it.
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/guest.h"
#include "util/file_io.h"

extern "C" {
#include "return_type.h"
#include "safety.h"
}

namespace ks::guest {
namespace {

using WayBackTest = KillswitchTest;

// The functions the function tracer saw task @pid run, outside interrupts.
std::set<std::string> traced_functions(const std::string& trace, int pid) {
  std::set<std::string> names;
  std::istringstream in(trace);
  std::string line;
  const std::string task = "-" + std::to_string(pid) + " ";
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.find(task) == std::string::npos) continue;
    // "  sh-123  [000] d.h1.  12.345: func <-caller": the flags say irq context.
    size_t close = line.find("] ");
    if (close == std::string::npos) continue;
    std::string flags = line.substr(close + 2, line.find(' ', close + 2) - close - 2);
    if (flags.size() > 2 && (flags[2] == 'h' || flags[2] == 's' || flags[2] == 'H')) continue;
    size_t colon = line.find(": ", close);
    size_t arrow = line.find(" <-", colon);
    if (colon == std::string::npos || arrow == std::string::npos) continue;
    names.insert(line.substr(colon + 2, arrow - colon - 2));
  }
  return names;
}

TEST_F(WayBackTest, EveryFunctionOnTheWayBackIsRefused) {
  ASSERT_TRUE(mount_tracefs());
  ASSERT_FALSE(ks_.engage(target::kInt, -EPERM));
  const std::string root = ks_.root().string();
  // One shell, traced by pid, runs exactly what an operator would.
  const std::string script = "echo function > " + kTracefs + "/current_tracer; echo $$ > " + kTracefs +
                             "/set_ftrace_pid; echo 1 > " + kTracefs + "/tracing_on; echo disengage_all > " + root +
                             "/control; while read -r l; do :; done < " + root + "/engaged; echo 0 > " + kTracefs +
                             "/tracing_on; echo $$ > /tmp/ks-traced-pid";
  ASSERT_EQ(sh(script), 0);
  EXPECT_EQ(engaged_text(), "") << "disengage_all worked";
  std::string trace = util::read_text(kTracefs + "/trace").value_or("");
  int pid = std::stoi(util::read_text("/tmp/ks-traced-pid").value_or("0"));
  sh("echo nop > " + kTracefs + "/current_tracer; echo > " + kTracefs + "/set_ftrace_pid; echo > " + kTracefs +
     "/trace");
  std::set<std::string> path = traced_functions(trace, pid);
  ASSERT_GT(path.size(), 50u) << "the trace is too short to be the way back";
  ASSERT_TRUE(path.count("vfs_write")) << "the trace does not show the control write";

  auto btf = util::read_text("/sys/kernel/btf/vmlinux");
  ASSERT_TRUE(btf);
  ks_btf_blob vmlinux{btf->data(), btf->size()};
  std::string accepted;
  for (const auto& name : path) {
    ks_return_type type{KS_RET_UNKNOWN, 0};
    ks_btf_return_type(&vmlinux, nullptr, name.c_str(), &type);
    ks_verdict verdict{};
    if (ks_check_safety(name.c_str(), true, -EPERM, &type, &verdict) == 0) accepted += " " + name;
  }
  EXPECT_EQ(accepted, "") << "on the way back, yet accepted with -EPERM (add them to the way back in kmod/safety.c)";
}

}  // namespace
}  // namespace ks::guest
