// Splitting the line-oriented text the kernel exports (kallsyms, trace lists,
// /proc/modules, killswitch's engaged file) into lines and blank-separated fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ks::util {

// Calls @fn with each line of @text, without its newline; a last line without
// one counts too.
template <typename Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    fn(text.substr(pos, end - pos));
    pos = end + 1;
  }
}

// The fields of @line, split on spaces and tabs; none for a blank line.
std::vector<std::string_view> split_blanks(std::string_view line);

// @items joined by @separator: "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// The word of @candidates that @typed most likely meant (a prefix, or a
// typo within a third of the word), or empty: for "did you mean".
std::string closest_word(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace ks::util
