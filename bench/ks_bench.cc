// ks-bench: what killswitch costs, measured inside the guest. Run by
// `make bench` under QEMU -icount shift=0,sleep=off, where guest time counts
// instructions (1 ns per instruction), so the numbers repeat from run to
// run and variants compare side by side. Prints a Markdown report.
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/killswitch_fs.h"
#include "support/module_functions.h"
#include "util/file_io.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kBench = "/sys/kernel/debug/killswitch_test/bench";
constexpr const char* kPlainKprobe = "/sys/kernel/debug/killswitch_test/kprobe";
constexpr const char* kEmpty = "killswitch_test_empty";
constexpr unsigned long kCalls = 200000;
constexpr int kSyscalls = 5000;

ks::guest::KillswitchFs killswitch;

void must(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "ks-bench: %s failed\n", what.c_str());
    std::exit(1);
  }
}

void command(const ks::wire::Command& c) { must(!killswitch.send(c), c.text()); }

// Median over three runs of the in-kernel loop, in ns per call.
double ns_per_call() {
  std::vector<double> runs;
  for (int i = 0; i < 3; ++i) {
    must(ks::util::write_once(kBench, std::to_string(kCalls)).has_value(), "bench write");
    auto text = ks::util::read_text(kBench);
    must(text.has_value(), "bench read");
    unsigned long calls = 0;
    unsigned long long ns = 0;
    must(std::sscanf(text->c_str(), "%lu %llu", &calls, &ns) == 2, "bench parse");
    runs.push_back(static_cast<double>(ns) / static_cast<double>(calls));
  }
  std::sort(runs.begin(), runs.end());
  return runs[1];
}

constexpr const char* kTracing = "/sys/kernel/tracing/";

// The function tracer on @function alone (a second ftrace user), or off.
void function_tracer(const char* function, bool on) {
  std::system("test -e /sys/kernel/tracing/trace || mount -t tracefs nodev /sys/kernel/tracing");
  must(ks::util::write_once(std::string(kTracing) + "set_ftrace_filter", on ? function : "").has_value(),
       "set_ftrace_filter");
  must(ks::util::write_once(std::string(kTracing) + "current_tracer", on ? "function" : "nop").has_value(),
       "current_tracer");
}

// getpgid(0), a cheap system call whose entry function has BTF: ns per call.
double getpgid_ns() {
  auto start = Clock::now();
  for (int i = 0; i < kSyscalls; ++i) ::getpgid(0);
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kSyscalls;
}

double socket_close_ns() {
  auto start = Clock::now();
  for (int i = 0; i < kSyscalls; ++i) {
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    must(fd >= 0, "socket(AF_INET)");
    ::close(fd);
  }
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kSyscalls;
}

}  // namespace

int main() {
  must(std::system("modprobe killswitch_test") == 0, "modprobe killswitch_test");
  must(!killswitch.disengage_all(), "disengage_all");

  std::printf("### Cost per call of `%s` (in-kernel loop of %lu calls, median of 3)\n\n", kEmpty, kCalls);
  std::printf("| variant | ns per call | over plain |\n|---|---:|---:|\n");
  double plain = ns_per_call();
  auto row = [&](const char* name, double ns) { std::printf("| %s | %.1f | %+.1f |\n", name, ns, ns - plain); };
  row("(a) plain function", plain);
  command(ks::wire::Command::engage(kEmpty, -EPERM));
  row("(b) engaged: short-circuited", ns_per_call());
  command(ks::wire::Command::disengage(kEmpty));
  command(ks::wire::Command::engage(kEmpty, -EPERM, "uid==4242"));
  row("(c) engaged, condition does not match: runs", ns_per_call());
  command(ks::wire::Command::disengage(kEmpty));
  command(ks::wire::Command::monitor(kEmpty));
  row("(c') monitor: counted, runs", ns_per_call());
  command(ks::wire::Command::disengage(kEmpty));
  must(ks::util::write_once(kPlainKprobe, "1").has_value(), "plain kprobe on");
  row("(d) plain kprobe, empty handler (the upstream patch's mechanism)", ns_per_call());
  must(ks::util::write_once(kPlainKprobe, "0").has_value(), "plain kprobe off");
  function_tracer(kEmpty, true);
  row("(e) the function tracer on it (a second ftrace user), nothing engaged", ns_per_call());
  command(ks::wire::Command::engage(kEmpty, -EPERM));
  row("(e') the function tracer on it, and engaged: short-circuited", ns_per_call());
  command(ks::wire::Command::disengage(kEmpty));
  function_tracer(kEmpty, false);

  const char* entry = "__x64_sys_getpgid";
  std::printf("\n### getpgid(0) from user space, its entry function `%s` (%d calls)\n\n", entry, kSyscalls);
  std::printf("| variant | ns per call | over plain |\n|---|---:|---:|\n");
  getpgid_ns();  // warm up
  double syscall_plain = getpgid_ns();
  auto syscall_row = [&](const char* name, double ns) {
    std::printf("| %s | %.0f | %+.0f |\n", name, ns, ns - syscall_plain);
  };
  syscall_row("nothing engaged", syscall_plain);
  command(ks::wire::Command::monitor(entry));
  syscall_row("monitored", getpgid_ns());
  command(ks::wire::Command::disengage(entry));
  command(ks::wire::Command::engage(entry, -EPERM, "uid==4242"));
  syscall_row("engaged if uid==4242 (does not match: runs)", getpgid_ns());
  command(ks::wire::Command::disengage(entry));
  command(ks::wire::Command::engage(entry, -EPERM));
  syscall_row("engaged: short-circuited (returns -EPERM)", getpgid_ns());
  command(ks::wire::Command::disengage(entry));

  std::printf("\n### socket(AF_INET) + close() from user space (%d iterations)\n\n", kSyscalls);
  std::printf("| variant | ns per iteration | added |\n|---|---:|---:|\n");
  socket_close_ns();  // warm up
  double socket_plain = socket_close_ns();
  std::printf("| nothing engaged | %.0f | |\n", socket_plain);
  command(ks::wire::Command::engage("__sock_create", -EAFNOSUPPORT, "arg2==38"));
  double socket_engaged = socket_close_ns();
  std::printf("| `engage __sock_create -EAFNOSUPPORT if arg2==38` (AF_ALG only; does not match) | %.0f | %+.1f%% |\n",
              socket_engaged, 100.0 * (socket_engaged - socket_plain) / socket_plain);
  command(ks::wire::Command::disengage("__sock_create"));

  std::printf("\n### Time to engage N functions in monitor mode in one write (functions of the idle xfs module)\n\n");
  must(std::system("modprobe xfs") == 0, "modprobe xfs");
  // As on a production host (Debian boots quiet): notices reach the kernel
  // log and the audit trail, not the slow serial console of this guest.
  must(ks::util::write_once("/proc/sys/kernel/printk", "4").has_value(), "console loglevel");
  auto names = ks::guest::module_functions("xfs", 1000);
  std::printf("| N | engage all, one write (ms) | per function (us) | disengage_all (ms) |\n|---:|---:|---:|---:|\n");
  for (size_t n : {1, 10, 100, 1000}) {
    if (n > names.size()) break;
    std::string batch;
    for (size_t i = 0; i < n; ++i) batch += ks::wire::Command::monitor("xfs:" + names[i]).text();
    auto start = Clock::now();
    bool done = !killswitch.command(batch);
    double engage_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    start = Clock::now();
    must(!killswitch.disengage_all(), "disengage_all");
    double disengage_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::printf("| %zu%s | %.1f | %.0f | %.1f |\n", n, done ? "" : " (refused)", engage_ms,
                engage_ms * 1000 / static_cast<double>(n), disengage_ms);
  }
  return 0;
}
