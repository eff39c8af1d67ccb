// What a trigger reports: the path it took worked, or the first system call
// that failed and its errno. Shared by every trigger in this folder.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace ks::trigger {

// A trip either works, or fails at one step: the error's what names the
// call ("sendmsg"), its code the errno.
using Trip = util::Result<void>;

// "ok", or "sendmsg: Operation not permitted (errno 1)".
std::string describe(const Trip& trip);
// The call that failed, or empty.
std::string failed_step(const Trip& trip);
// Its errno, or 0 when the trip worked.
int trip_errno(const Trip& trip);

// The failure of @step with the current errno.
inline tl::unexpected<util::Error> failed(const std::string& step) { return util::fail(step, util::errno_code(errno)); }

// The one word of a trigger kind that takes one (a kind, a type): not
// empty and at most @max characters, the kernel's limit on that name; any
// other words are an error that says @usage.
util::Result<std::string> one_word(const std::vector<std::string>& words, size_t max, std::string_view usage);

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace ks::trigger
