#include "kernel/kernel_info.h"

#include "system/backend.h"
#include "util/file_io.h"

namespace ks::kernel {

const symbols::SymbolTable* KernelInfo::symbols(std::string* why) {
  if (!symbols_tried_) {
    symbols_tried_ = true;
    auto text = sys_.kallsyms();
    if (text)
      symbols_ = symbols::SymbolTable::parse(*text);
    else
      symbols_error_ = text.error().message();
  }
  if (!symbols_ && why) *why = symbols_error_;
  return symbols_ ? &*symbols_ : nullptr;
}

std::optional<bool> KernelInfo::traceable(const std::string& name) {
  if (!traceable_tried_) {
    traceable_tried_ = true;
    if (auto text = sys_.traceable_functions()) traceable_ = symbols::parse_traceable(*text);
  }
  if (!traceable_) return std::nullopt;
  return traceable_->count(name) != 0;
}

std::optional<bool> KernelInfo::blacklisted(const std::string& name) {
  if (!blacklist_tried_) {
    blacklist_tried_ = true;
    if (auto text = sys_.kprobe_blacklist()) blacklist_ = symbols::parse_blacklist(*text);
  }
  if (!blacklist_) return std::nullopt;
  return blacklist_->count(name) != 0;
}

bool KernelInfo::module_loaded(const std::string& module) {
  if (!modules_) modules_ = sys_.modules().value_or("");
  return system::module_listed(*modules_, module);
}

const btf::Btf* KernelInfo::btf(const std::string& module, std::string* why) {
  if (!btf_tried_) {
    btf_tried_ = true;
    auto raw = sys_.btf_file("vmlinux");
    if (!raw) {
      btf_error_ = raw.error().message();
    } else if (auto parsed = btf::Btf::from_file(*raw)) {
      btf_ = std::move(*parsed);
    } else {
      btf_error_ = parsed.error().message();
    }
  }
  if (!btf_) {
    if (why) *why = btf_error_;
    return nullptr;
  }
  if (!module.empty() && !btf_->has_module(module) && !module_btf_errors_.count(module)) {
    auto raw = sys_.btf_file(module);
    // A module that is not loaded: the .BTF section of the file modprobe would load.
    if (!raw && !module_loaded(module)) {
      if (auto file = sys_.module_file(module)) raw = *file;
    }
    if (!raw) {
      module_btf_errors_[module] = raw.error().message();
    } else if (auto added = btf_->add_module(module, *raw); !added) {
      module_btf_errors_[module] = added.error().message();
    }
  }
  if (!module.empty() && why && module_btf_errors_.count(module)) *why = module_btf_errors_[module];
  return &*btf_;
}

std::optional<btf::Prototype> KernelInfo::prototype(const std::string& function, const std::string& module) {
  const btf::Btf* b = btf(module);
  if (!b) return std::nullopt;
  return b->function(function, module);
}

const std::optional<std::string>& KernelInfo::raw_btf(const std::string& object) {
  auto it = raw_btf_.find(object);
  if (it != raw_btf_.end()) return it->second;
  std::optional<std::string> bytes;
  if (auto path = sys_.btf_file(object)) {
    if (auto text = util::read_text(*path)) bytes = std::move(*text);
  } else if (object != "vmlinux") {
    // Not loaded: what libbpf read from the module file, as raw split BTF.
    if (const btf::Btf* b = btf(object)) bytes = b->module_raw(object);
  }
  return raw_btf_.emplace(object, std::move(bytes)).first->second;
}

const ks_btf_view* KernelInfo::btf_view(const std::string& object) {
  if (auto it = btf_views_.find(object); it != btf_views_.end()) return it->second.ok ? &it->second.view : nullptr;
  const ks_btf_view* base = nullptr;
  if (object != "vmlinux" && !(base = btf_view("vmlinux"))) return nullptr;
  BtfView& entry = btf_views_[object];
  const auto& bytes = raw_btf(object);
  if (!bytes) return nullptr;
  ks_btf_blob blob{bytes->data(), bytes->size()};
  if (ks_btf_view_init(&entry.view, &blob, base) != 0) return nullptr;
  entry.offsets.resize(entry.view.count);
  ks_btf_view_index(&entry.view, entry.offsets.data());
  entry.ok = true;
  return &entry.view;
}

ks_return_type KernelInfo::return_type(const std::string& function, const std::string& module) {
  ks_return_type type{KS_RET_UNKNOWN, 0};
  const ks_btf_view* base = btf_view("vmlinux");
  if (!base) return type;
  const ks_btf_view* split = nullptr;
  if (!module.empty() && !(split = btf_view(module))) return type;
  if (ks_btf_view_return_type(base, split, function.c_str(), &type) != 0) type = {KS_RET_UNKNOWN, 0};
  return type;
}

}  // namespace ks::kernel
