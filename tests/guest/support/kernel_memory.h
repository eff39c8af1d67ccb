// What the kernel has allocated, as a leak check can see it without kmemleak
// (Debian's kernel has none): objects in use in every slab cache and the
// per-CPU allocator's size.
#pragma once

#include <map>
#include <string>

namespace ks::guest {

struct KernelMemory {
  std::map<std::string, long> slab_caches;  // active_objs per /proc/slabinfo line
  long slab_objects = 0;                    // their sum
  long percpu_kb = 0;                       // Percpu: in /proc/meminfo
};

KernelMemory kernel_memory();

// Drops unused dentries and inodes and makes every slab cache give back its
// per-CPU slabs (so counts move by objects, not whole slabs), then measures.
// Written from this process: a shell would add its own objects to the count.
KernelMemory settle_and_measure();

// The caches that grew most from @before to @after, "name +n" each, for
// telling a leak from noise when a check fails.
std::string largest_growth(const KernelMemory& before, const KernelMemory& after, int how_many = 6);

}  // namespace ks::guest
