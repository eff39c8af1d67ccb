#include "trigger/network_namespace.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>

#include <string>

namespace ks::trigger {

Trip in_own_network_namespace(const std::function<Trip()>& steps) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return failed("pipe");
  Fd reader(ends[0]);
  pid_t child = ::fork();
  if (child < 0) {
    ::close(ends[1]);
    return failed("fork");
  }
  if (child == 0) {
    Trip trip = ::unshare(CLONE_NEWNET) == 0 ? steps() : failed("unshare(CLONE_NEWNET)");
    int err = trip_errno(trip);
    std::string step = failed_step(trip);
    if (::write(ends[1], &err, sizeof(err)) == sizeof(err)) (void)!::write(ends[1], step.data(), step.size());
    ::_exit(0);
  }
  ::close(ends[1]);
  int err = 0;
  bool reported = ::read(reader.get(), &err, sizeof(err)) == sizeof(err);
  std::string step;
  char buf[256];
  for (ssize_t n; (n = ::read(reader.get(), buf, sizeof(buf))) > 0;) step.append(buf, static_cast<size_t>(n));
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!reported) {
    errno = ECHILD;
    return failed("the namespace's child");
  }
  if (err == 0) return {};
  errno = err;
  return failed(step);
}

}  // namespace ks::trigger
