// What the tool knows about the running kernel, parsed once from System:
// symbols, traceable functions, the kprobe blacklist, modules and BTF.
// A source that cannot be read is remembered as unknown, not as empty, so
// a check says "could not tell" instead of "no".
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "btf/btf.h"
#include "symbols/symbol_table.h"
#include "system/system.h"

extern "C" {
#include "return_type.h"
}

namespace ks::kernel {

class KernelInfo {
 public:
  explicit KernelInfo(const system::System& sys) : sys_(sys) {}

  const system::System& sys() const { return sys_; }

  // nullptr (and the error in @why) when kallsyms cannot be read.
  const symbols::SymbolTable* symbols(std::string* why = nullptr);
  // nullopt when the list cannot be read.
  std::optional<bool> traceable(const std::string& name);
  std::optional<bool> blacklisted(const std::string& name);
  bool module_loaded(const std::string& module);

  // vmlinux BTF, plus @module's when given and loaded; nullptr when none can be read.
  const btf::Btf* btf(const std::string& module = {}, std::string* why = nullptr);
  std::optional<btf::Prototype> prototype(const std::string& function, const std::string& module);
  // What @function returns, read by the module's own BTF reader
  // (kmod/return_type.c) from the same files, so the tool's verdict is the
  // kernel's; KS_RET_UNKNOWN when the BTF is missing or does not say.
  ks_return_type return_type(const std::string& function, const std::string& module);

 private:
  const system::System& sys_;
  std::optional<symbols::SymbolTable> symbols_;
  std::string symbols_error_;
  bool symbols_tried_ = false;
  std::optional<std::unordered_map<std::string, std::vector<std::string>>> traceable_;
  bool traceable_tried_ = false;
  std::optional<std::unordered_map<std::string, int>> blacklist_;
  bool blacklist_tried_ = false;
  std::optional<std::string> modules_;
  std::optional<btf::Btf> btf_;
  std::string btf_error_;
  bool btf_tried_ = false;
  std::unordered_map<std::string, std::string> module_btf_errors_;
  std::unordered_map<std::string, std::optional<std::string>> raw_btf_;  // object -> bytes
  const std::optional<std::string>& raw_btf(const std::string& object);
  // An object's BTF checked, counted and indexed once, as the module keeps
  // vmlinux's: a listing of every profile looks up hundreds of functions.
  struct BtfView {
    ks_btf_view view{};
    std::vector<uint32_t> offsets;  // view.offsets points here
    bool ok = false;
  };
  std::unordered_map<std::string, BtfView> btf_views_;  // object -> view (nodes stay put)
  const ks_btf_view* btf_view(const std::string& object);
};

}  // namespace ks::kernel
