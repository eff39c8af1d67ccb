#include "wire/target.h"

#include <vector>

extern "C" {
#include "parse.h"
}

namespace ks::wire {

util::Result<Target> parse_target(std::string_view text) {
  std::vector<char> buf(text.begin(), text.end());
  buf.push_back('\0');
  ks_command cmd{};
  if (ks_parse_target(buf.data(), &cmd) != 0)
    return util::fail(
        "'" + std::string(text) + "' is not a function name (letters, digits, _ and .; optionally module:)",
        util::errno_code(EINVAL));
  Target out;
  out.module.assign(cmd.target, cmd.module_len);
  out.symbol = cmd.symbol;
  return out;
}

}  // namespace ks::wire
