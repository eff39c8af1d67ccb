// The Prometheus text exposition format, version 0.0.4: metric families
// with their HELP and TYPE lines, then one line per sample. Knows nothing
// of killswitch; metrics/families.h says what is exposed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ks::metrics {

enum class Type { kGauge, kCounter };

using Labels = std::vector<std::pair<std::string, std::string>>;  // name, value; in the order written

struct Sample {
  Labels labels;
  uint64_t value = 0;
};

struct Family {
  std::string name;
  std::string help;
  Type type = Type::kGauge;
  std::vector<Sample> samples;
};

// A label value as the format quotes it: backslash, double quote and
// newline escaped.
std::string escape_label_value(std::string_view value);

// HELP text: backslash and newline escaped (quotes stay as they are).
std::string escape_help(std::string_view help);

// The exposition of @families: sorted by name, each family's samples by
// their labels, so two scrapes of the same state are the same text.
std::string render(std::vector<Family> families);

}  // namespace ks::metrics
