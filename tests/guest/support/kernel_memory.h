// What the kernel has allocated, as a leak check can see it without kmemleak
// (Debian's kernel has none): objects in use in every slab cache and the
// per-CPU allocator's size.
#pragma once

#include <map>
#include <string>

namespace ks::guest {

struct KernelMemory {
  std::map<std::string, long> slab_caches;    // active_objs per /proc/slabinfo line
  std::map<std::string, long> objs_per_slab;  // objperslab of each cache
  long slab_objects = 0;                      // their sum
  long percpu_kb = 0;                         // Percpu: in /proc/meminfo
};

KernelMemory kernel_memory();

// Waits for deferred (RCU) frees, drops unused dentries and inodes and makes
// every slab cache give back its per-CPU slabs (so counts move by objects, not
// whole slabs), then measures. Written from this process: a shell would add
// its own objects to the count. Takes a few seconds: it also waits for the
// frees it causes itself.
KernelMemory settle_and_measure();

// Growth of the slab caches from @before to @after that whole slabs do not
// explain: SLUB counts every object of a CPU's current slab as in use, so a
// cache may seem to grow by up to a slab per vCPU when nothing leaked.
long growth_beyond_slab_noise(const KernelMemory& before, const KernelMemory& after, int cpus = 2);

// The caches that grew most from @before to @after, "name +n" each, for
// telling a leak from noise when a check fails.
std::string largest_growth(const KernelMemory& before, const KernelMemory& after, int how_many = 6);

}  // namespace ks::guest
