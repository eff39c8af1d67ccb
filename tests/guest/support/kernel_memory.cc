#include "support/kernel_memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace ks::guest {

KernelMemory kernel_memory() {
  KernelMemory memory;
  std::ifstream slabinfo("/proc/slabinfo");
  std::string line;
  while (std::getline(slabinfo, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("slabinfo", 0) == 0) continue;
    std::istringstream fields(line);
    std::string name;
    long active = 0;
    if (fields >> name >> active) memory.slab_objects += active;
  }
  std::ifstream meminfo("/proc/meminfo");
  while (std::getline(meminfo, line)) {
    if (line.rfind("Percpu:", 0) == 0) memory.percpu_kb = std::stol(line.substr(7));
  }
  return memory;
}

}  // namespace ks::guest
