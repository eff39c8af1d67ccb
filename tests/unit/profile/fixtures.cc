#include "fixtures.h"

#include <sstream>
#include <vector>

extern "C" {
#include "parse.h"
#include "condition.h"
}

namespace ks::profile::testing {

std::error_code FakeControl::command(std::string_view text) {
  log.emplace_back(text);
  std::vector<char> buf(text.begin(), text.end());
  buf.push_back('\0');
  ks_command cmd{};
  if (ks_parse_command(buf.data(), text.size(), &cmd) != 0) return std::make_error_code(std::errc::invalid_argument);
  std::string target = cmd.target ? cmd.target : "";
  switch (cmd.verb) {
    case KS_CMD_ENGAGE: {
      if (unknown.count(cmd.symbol)) return std::make_error_code(std::errc::no_such_file_or_directory);
      if (table_.count(target)) return std::make_error_code(std::errc::device_or_resource_busy);
      char cond[1024] = "";
      if (cmd.cond.n) ks_format_condition(&cmd.cond, cond, sizeof(cond));
      table_[target] = {cmd.retval, cond};
      return {};
    }
    case KS_CMD_DISENGAGE:
      if (!table_.erase(target)) return std::make_error_code(std::errc::no_such_file_or_directory);
      return {};
    default:
      return std::make_error_code(std::errc::operation_not_supported);
  }
}

tl::expected<std::vector<sysfs::EngagedLine>, std::error_code> FakeControl::engaged() const {
  std::ostringstream text;
  for (const auto& [target, e] : table_) {
    text << target << " retval=" << e.retval << " hits=0 state=engaged";
    if (!e.cond.empty()) text << " if=" << e.cond;
    text << "\n";
  }
  auto lines = sysfs::parse_engaged(text.str());
  if (!lines) return tl::unexpected(std::make_error_code(std::errc::bad_message));
  return *lines;
}

}  // namespace ks::profile::testing
