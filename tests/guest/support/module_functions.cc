#include "support/module_functions.h"

#include <algorithm>
#include <fstream>

namespace ks::guest {

std::vector<std::string> module_functions(const std::string& module, size_t want) {
  std::ifstream in("/sys/kernel/tracing/available_filter_functions");
  std::vector<std::string> names;
  const std::string tag = " [" + module + "]";
  for (std::string line; names.size() < want && std::getline(in, line);) {
    if (line.size() <= tag.size() || line.compare(line.size() - tag.size(), tag.size(), tag) != 0) continue;
    std::string name = line.substr(0, line.size() - tag.size());
    if (name.find('.') != std::string::npos || name.rfind("__traceiter_", 0) == 0) continue;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

}  // namespace ks::guest
