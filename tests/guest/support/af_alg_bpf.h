// The coexistence tests' BPF programs (tests/guest/bpf/coexist.bpf.c): an
// fentry and an fexit program on af_alg_sendmsg, loaded with libbpf and
// attached or detached one at a time, with the calls each has counted.
#pragma once

#include <memory>
#include <string>
#include <tl/expected.hpp>

struct bpf_object;
struct bpf_link;

namespace ks::guest {

class AfAlgBpf {
 public:
  enum class Program { kEntry, kExit };

  // Loads the object (af_alg must be loaded: its BTF is the programs' target).
  static tl::expected<std::unique_ptr<AfAlgBpf>, std::string> load();
  ~AfAlgBpf();
  AfAlgBpf(const AfAlgBpf&) = delete;
  AfAlgBpf& operator=(const AfAlgBpf&) = delete;

  // Attaching returns the kernel's errno (0 when attached).
  int attach(Program program);
  void detach(Program program);

  long entries() const;
  long exits() const;
  // The return value af_alg_sendmsg gave its caller, as the fexit program saw it.
  long last_return() const;

 private:
  AfAlgBpf() = default;
  long counter(unsigned slot) const;

  bpf_object* object_ = nullptr;
  bpf_link* entry_link_ = nullptr;
  bpf_link* exit_link_ = nullptr;
};

}  // namespace ks::guest
