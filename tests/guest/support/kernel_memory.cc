#include "support/kernel_memory.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace ks::guest {

KernelMemory kernel_memory() {
  KernelMemory memory;
  std::ifstream slabinfo("/proc/slabinfo");
  std::string line;
  while (std::getline(slabinfo, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("slabinfo", 0) == 0) continue;
    std::istringstream fields(line);
    std::string name;
    long active = 0, total = 0, size = 0, per_slab = 0;
    if (fields >> name >> active >> total >> size >> per_slab) {
      memory.slab_caches[name] += active;
      memory.objs_per_slab[name] = per_slab;
      memory.slab_objects += active;
    }
  }
  std::ifstream meminfo("/proc/meminfo");
  while (std::getline(meminfo, line)) {
    if (line.rfind("Percpu:", 0) == 0) memory.percpu_kb = std::stol(line.substr(7));
  }
  return memory;
}

KernelMemory settle_and_measure() {
  // Objects the workload freed through RCU callbacks are gone after this.
  ::sleep(2);
  std::ofstream("/proc/sys/vm/drop_caches") << "2\n";
  std::error_code ec;
  for (const auto& cache : std::filesystem::directory_iterator("/sys/kernel/slab", ec))
    std::ofstream(cache.path() / "shrink") << "1\n";
  // The files just opened are freed after an RCU grace period: let that pass,
  // or they count, more or less of them depending on the host's load.
  ::sleep(2);
  return kernel_memory();
}

long growth_beyond_slab_noise(const KernelMemory& before, const KernelMemory& after, int cpus) {
  long growth = 0;
  for (const auto& [name, count] : after.slab_caches) {
    auto old = before.slab_caches.find(name);
    long delta = count - (old == before.slab_caches.end() ? 0 : old->second);
    auto per_slab = after.objs_per_slab.find(name);
    long noise = cpus * (per_slab == after.objs_per_slab.end() ? 0 : per_slab->second);
    if (delta > noise) growth += delta - noise;
  }
  return growth;
}

std::string largest_growth(const KernelMemory& before, const KernelMemory& after, int how_many) {
  std::vector<std::pair<long, std::string>> growth;
  for (const auto& [name, count] : after.slab_caches) {
    auto old = before.slab_caches.find(name);
    long delta = count - (old == before.slab_caches.end() ? 0 : old->second);
    if (delta > 0) growth.emplace_back(delta, name);
  }
  std::sort(growth.rbegin(), growth.rend());
  std::string text;
  for (int i = 0; i < how_many && i < static_cast<int>(growth.size()); ++i)
    text += (i ? ", " : "") + growth[i].second + " +" + std::to_string(growth[i].first);
  return text;
}

}  // namespace ks::guest
