// BTF, the kernel's own type information, read through libbpf: vmlinux's
// and, split on top of it, a module's. Owns the struct btf handles.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "btf/prototype.h"
#include "util/error.h"

struct btf;

namespace ks::btf {

class Btf {
 public:
  // Parses raw BTF from a file such as /sys/kernel/btf/vmlinux.
  static util::Result<Btf> from_file(const std::filesystem::path& vmlinux);
  // Adds a module's split BTF from a file such as /sys/kernel/btf/<module>,
  // or from the .BTF section of the module's .ko when it is not loaded.
  util::Result<void> add_module(const std::string& module, const std::filesystem::path& path);
  // A module's split BTF as raw bytes, as /sys/kernel/btf/<module> holds it.
  std::optional<std::string> module_raw(std::string_view module) const;
  bool has_module(std::string_view module) const { return modules_.count(std::string(module)) != 0; }

  // The prototype of function @name: in @module's BTF when given, else vmlinux's.
  std::optional<Prototype> function(std::string_view name, std::string_view module = {}) const;
  // The value of an enumerator called @name anywhere in vmlinux or the loaded modules' BTF.
  std::optional<long long> enumerator(std::string_view name) const;

 private:
  struct Free {
    void operator()(struct ::btf* b) const;
  };
  using Handle = std::unique_ptr<struct ::btf, Free>;

  Handle vmlinux_;
  std::map<std::string, Handle> modules_;
};

}  // namespace ks::btf
