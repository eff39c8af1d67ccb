// What the kernel has allocated, as a leak check can see it without kmemleak
// (Debian's kernel has none): objects in use in every slab cache and the
// per-CPU allocator's size.
#pragma once

namespace ks::guest {

struct KernelMemory {
  long slab_objects = 0;  // sum of active_objs in /proc/slabinfo
  long percpu_kb = 0;     // Percpu: in /proc/meminfo
};

KernelMemory kernel_memory();

}  // namespace ks::guest
