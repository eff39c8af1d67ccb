#include "wire/engaged.h"

#include <charconv>

#include "util/text.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::wire {
namespace {

template <typename Int>
std::optional<Int> parse_int(std::string_view text) {
  Int out{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return out;
}

util::Result<EngagedLine> malformed(std::string what) {
  return util::fail("malformed engaged line: " + what, util::errno_code(EBADMSG));
}

}  // namespace

std::string_view state_name(State state) {
  switch (state) {
    case State::kEngaged:
      return KS_STATE_ENGAGED;
    case State::kMonitoring:
      return KS_STATE_MONITORING;
    case State::kProbing:
      return KS_STATE_PROBING;
    case State::kPending:
      return KS_STATE_PENDING;
  }
  return "?";
}

std::optional<State> parse_state(std::string_view text) {
  for (State s : {State::kEngaged, State::kMonitoring, State::kProbing, State::kPending})
    if (text == state_name(s)) return s;
  return std::nullopt;
}

std::string EngagedLine::field(std::string_view key) const {
  auto it = extra.find(std::string(key));
  return it == extra.end() ? std::string() : it->second;
}

std::optional<State> EngagedLine::state() const { return parse_state(field(KS_KEY_STATE)); }
std::string EngagedLine::module() const { return field(KS_KEY_MODULE); }
std::string EngagedLine::condition() const { return field(KS_KEY_IF); }
std::optional<unsigned long> EngagedLine::passes() const { return parse_int<unsigned long>(field(KS_KEY_PASSES)); }
std::optional<unsigned long> EngagedLine::timeout_left() const {
  return parse_int<unsigned long>(field(KS_KEY_TIMEOUT_LEFT));
}

util::Result<EngagedLine> parse_engaged_line(std::string_view line) {
  auto fields = util::split_blanks(line);
  if (fields.size() < 3) return malformed("expected '<target> retval=<n> hits=<n>': " + std::string(line));
  EngagedLine out;
  out.target = std::string(fields[0]);
  for (size_t i = 1; i < fields.size(); ++i) {
    auto field = fields[i];
    size_t eq = field.find('=');
    if (eq == std::string_view::npos || eq == 0) return malformed("field is not key=value: " + std::string(field));
    auto key = field.substr(0, eq);
    auto value = field.substr(eq + 1);
    if (i == 1) {
      auto retval = parse_int<long>(value);
      if (key != KS_KEY_RETVAL || !retval)
        return malformed("second field must be retval=<long>: " + std::string(field));
      out.retval = *retval;
    } else if (i == 2) {
      auto hits = parse_int<unsigned long>(value);
      if (key != KS_KEY_HITS || !hits) return malformed("third field must be hits=<ulong>: " + std::string(field));
      out.hits = *hits;
    } else {
      out.extra.emplace(std::string(key), std::string(value));
    }
  }
  return out;
}

util::Result<std::vector<EngagedLine>> parse_engaged(std::string_view text) {
  std::vector<EngagedLine> lines;
  util::Result<void> status;
  util::for_each_line(text, [&](std::string_view line) {
    if (!status || util::split_blanks(line).empty()) return;
    auto parsed = parse_engaged_line(line);
    if (parsed)
      lines.push_back(std::move(*parsed));
    else
      status = util::fail(parsed.error());
  });
  if (!status) return util::fail(status.error());
  return lines;
}

const EngagedLine* find_engaged(const std::vector<EngagedLine>& lines, std::string_view target) {
  for (const auto& line : lines)
    if (line.target == target) return &line;
  return nullptr;
}

}  // namespace ks::wire
