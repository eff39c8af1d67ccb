// One line of /sys/kernel/security/killswitch/engaged:
//   <symbol> retval=<long> hits=<ulong>[ key=value ...]
// The first three fields are the compatible core (ABI section 1); the
// key=value pairs after them are extensions, which a reader keeps but need
// not understand.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace ks::sysfs {

struct EngagedLine {
  std::string symbol;
  long retval = 0;
  unsigned long hits = 0;
  std::map<std::string, std::string> extra;  // fields after hits=, unknown keys included
};

// Parses one line (without its newline); the error says what is wrong.
tl::expected<EngagedLine, std::string> parse_engaged_line(std::string_view line);

// Parses the whole file: one EngagedLine per non-empty line.
tl::expected<std::vector<EngagedLine>, std::string> parse_engaged(std::string_view text);

}  // namespace ks::sysfs
