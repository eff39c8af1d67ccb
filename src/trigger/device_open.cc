#include "trigger/device_open.h"

#include <fcntl.h>

namespace ks::trigger {

Trip device_open(const std::string& node) {
  Fd fd(::open(node.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return failed("open(" + node + ")");
  return {};
}

util::Result<Trip> device_open_from_words(const std::vector<std::string>& words) {
  // Only device nodes: this is no general-purpose file opener.
  if (words.size() != 1 || words[0].rfind("/dev/", 0) != 0 || words[0].find("/..") != std::string::npos)
    return util::fail("open-device takes a node under /dev (/dev/ppp, /dev/cachefiles, ...)");
  return device_open(words[0]);
}

}  // namespace ks::trigger
