#include "values/value.h"

extern "C" {
#include "errno_names.h"
#include "parse.h"
}

#include "util/text.h"

namespace ks::values {

std::string errno_suggestion(std::string_view typed) {
  bool negative = typed.starts_with("-");
  std::string_view word = negative ? typed.substr(1) : typed;
  if (word.size() < 2 || word[0] != 'E') return {};
  std::vector<std::string> names;
  for (int v = 1; v <= kMaxErrno; v++)
    if (const char* name = ks_errno_name(v)) names.emplace_back(name);
  std::string guess = util::closest_word(word, names);
  return guess.empty() ? guess : (negative ? "-" : "") + guess;
}

util::Result<long> parse_value(std::string_view text) {
  std::string s(text);
  if (s == "NULL" || s == "null" || s == "false") return 0L;
  if (s == "true") return 1L;
  // ERR_PTR(-ENOMEM): the pointer that carries an errno is the errno itself.
  if (s.rfind("ERR_PTR(", 0) == 0 && s.back() == ')') return parse_value(s.substr(8, s.size() - 9));
  // A bare errno name means the error, i.e. its negative.
  if (!s.empty() && s[0] == 'E' && ks_errno_value(s.c_str()) > 0) return -static_cast<long>(ks_errno_value(s.c_str()));
  long value = 0;
  if (ks_parse_value(s.c_str(), &value) == 0) return value;
  if (auto guess = errno_suggestion(s); !guess.empty())
    return util::fail("'" + s + "' is not an errno name. Did you mean '" + guess + "'?");
  return util::fail("'" + s +
                    "' is not a value: write a number (-1, 0x10), an errno name (-EPERM, EPERM), NULL, false or true");
}

std::string errno_name(long value) {
  if (value >= 0 || value < -kMaxErrno) return {};
  const char* name = ks_errno_name(static_cast<int>(-value));
  return name ? std::string("-") + name : std::string();
}

std::string describe_value(long value, btf::TypeKind kind) {
  std::string number = std::to_string(value);
  switch (kind) {
    case btf::TypeKind::kPointer:
      if (value == 0) return number + " (NULL)";
      if (auto name = errno_name(value); !name.empty()) return number + " (ERR_PTR(" + name + "))";
      return number;
    case btf::TypeKind::kBool:
      if (value == 0) return number + " (false)";
      if (value == 1) return number + " (true)";
      return number;
    default:
      if (auto name = errno_name(value); !name.empty()) return number + " (" + name + ")";
      return number;
  }
}

}  // namespace ks::values
