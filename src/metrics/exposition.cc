#include "metrics/exposition.h"

#include <algorithm>

namespace ks::metrics {

namespace {

// Backslash and newline are escaped everywhere; a double quote only inside
// a label value, where it would end the value.
std::string escape(std::string_view text, bool quotes) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '"' && quotes)
      out += "\\\"";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) { return escape(value, true); }

std::string escape_help(std::string_view help) { return escape(help, false); }

namespace {

std::string sample_line(const std::string& name, const Sample& s) {
  std::string line = name;
  if (!s.labels.empty()) {
    line += '{';
    for (size_t i = 0; i < s.labels.size(); ++i) {
      if (i) line += ',';
      line += s.labels[i].first + "=\"" + escape_label_value(s.labels[i].second) + '"';
    }
    line += '}';
  }
  return line + ' ' + std::to_string(s.value) + '\n';
}

}  // namespace

std::string render(std::vector<Family> families) {
  std::sort(families.begin(), families.end(), [](const Family& a, const Family& b) { return a.name < b.name; });
  std::string text;
  for (auto& f : families) {
    std::sort(f.samples.begin(), f.samples.end(), [](const Sample& a, const Sample& b) { return a.labels < b.labels; });
    text += "# HELP " + f.name + ' ' + escape_help(f.help) + '\n';
    text += "# TYPE " + f.name + (f.type == Type::kCounter ? " counter\n" : " gauge\n");
    for (const auto& s : f.samples) text += sample_line(f.name, s);
  }
  return text;
}

}  // namespace ks::metrics
