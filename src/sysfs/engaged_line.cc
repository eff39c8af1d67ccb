#include "sysfs/engaged_line.h"

#include <charconv>

#include "util/text.h"

namespace ks::sysfs {
namespace {

template <typename Int>
bool parse_int(std::string_view text, Int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

}  // namespace

tl::expected<EngagedLine, std::string> parse_engaged_line(std::string_view line) {
  auto fields = util::split_blanks(line);
  if (fields.size() < 3) return tl::unexpected("expected '<symbol> retval=<n> hits=<n>': " + std::string(line));
  EngagedLine out;
  out.symbol = std::string(fields[0]);
  for (size_t i = 1; i < fields.size(); ++i) {
    auto field = fields[i];
    size_t eq = field.find('=');
    if (eq == std::string_view::npos || eq == 0) return tl::unexpected("field is not key=value: " + std::string(field));
    auto key = field.substr(0, eq);
    auto value = field.substr(eq + 1);
    if (i == 1) {
      if (key != "retval" || !parse_int(value, out.retval))
        return tl::unexpected("second field must be retval=<long>: " + std::string(field));
    } else if (i == 2) {
      if (key != "hits" || !parse_int(value, out.hits))
        return tl::unexpected("third field must be hits=<ulong>: " + std::string(field));
    } else {
      out.extra.emplace(std::string(key), std::string(value));
    }
  }
  return out;
}

tl::expected<std::vector<EngagedLine>, std::string> parse_engaged(std::string_view text) {
  std::vector<EngagedLine> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto parsed = parse_engaged_line(line);
    if (!parsed) return tl::unexpected(parsed.error());
    lines.push_back(std::move(*parsed));
  }
  return lines;
}

}  // namespace ks::sysfs
