#include "btf/btf.h"

#include <bpf/btf.h>

#include <cerrno>

namespace ks::btf {
namespace {

std::string name_of(const struct ::btf* b, const btf_type* t) {
  const char* n = btf__name_by_offset(b, t->name_off);
  return n ? n : "";
}

// The type as C spells it; @depth guards against malformed loops.
std::string type_name(const struct ::btf* b, __u32 id, int depth = 0) {
  if (id == 0) return "void";
  const btf_type* t = btf__type_by_id(b, id);
  if (!t || depth > 16) return "?";
  switch (btf_kind(t)) {
    case BTF_KIND_INT:
    case BTF_KIND_FLOAT:
    case BTF_KIND_TYPEDEF:
      return name_of(b, t);
    case BTF_KIND_PTR: {
      const btf_type* target = btf__type_by_id(b, t->type);
      if (target && btf_is_func_proto(target)) return type_name(b, target->type, depth + 1) + " (*)()";
      std::string inner = type_name(b, t->type, depth + 1);
      return inner.back() == '*' ? inner + "*" : inner + " *";
    }
    case BTF_KIND_CONST:
      return "const " + type_name(b, t->type, depth + 1);
    case BTF_KIND_VOLATILE:
      return "volatile " + type_name(b, t->type, depth + 1);
    case BTF_KIND_RESTRICT:
    case BTF_KIND_TYPE_TAG:
      return type_name(b, t->type, depth + 1);
    case BTF_KIND_STRUCT:
      return "struct " + name_of(b, t);
    case BTF_KIND_UNION:
      return "union " + name_of(b, t);
    case BTF_KIND_ENUM:
    case BTF_KIND_ENUM64:
      return "enum " + name_of(b, t);
    case BTF_KIND_FWD:
      return (btf_kflag(t) ? "union " : "struct ") + name_of(b, t);
    case BTF_KIND_ARRAY:
      return type_name(b, btf_array(t)->type, depth + 1) + "[]";
    default:
      return "?";
  }
}

// Looks through typedefs and qualifiers to what the value really is.
void classify(const struct ::btf* b, __u32 id, TypeKind& kind, unsigned& size) {
  if (id == 0) {
    kind = TypeKind::kVoid;
    size = 0;
    return;
  }
  __s32 resolved = btf__resolve_type(b, id);
  const btf_type* t = resolved > 0 ? btf__type_by_id(b, resolved) : nullptr;
  __s64 sz = btf__resolve_size(b, id);
  size = sz > 0 ? static_cast<unsigned>(sz) : 0;
  kind = TypeKind::kOther;
  if (!t) return;
  if (btf_is_int(t)) {
    __u8 enc = btf_int_encoding(t);
    kind = (enc & BTF_INT_BOOL) ? TypeKind::kBool : (enc & BTF_INT_SIGNED) ? TypeKind::kSigned : TypeKind::kUnsigned;
    // plain "char" has no signedness in BTF; on x86 it is signed
    if (enc & BTF_INT_CHAR) kind = TypeKind::kSigned;
  } else if (btf_is_ptr(t)) {
    kind = TypeKind::kPointer;
  } else if (btf_is_any_enum(t)) {
    kind = TypeKind::kEnum;
  } else if (btf_is_composite(t)) {
    kind = TypeKind::kAggregate;
  }
}

// The id of function @name among @b's own types: a module's BTF is split
// on vmlinux's, and libbpf's lookup searches the base first, where a
// function of the same name (raw_init: ipv4's, not can_raw's) would answer.
__s32 own_function_id(const struct ::btf* b, std::string_view name) {
  const struct ::btf* base = btf__base_btf(b);
  __u32 first = base ? btf__type_cnt(base) : 1;
  for (__u32 id = first; id < btf__type_cnt(b); ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (t && btf_is_func(t) && name == btf__name_by_offset(b, t->name_off)) return static_cast<__s32>(id);
  }
  return -1;
}

std::optional<Prototype> prototype(const struct ::btf* b, std::string_view name, const std::string& object) {
  __s32 id = own_function_id(b, name);
  if (id <= 0) return std::nullopt;
  const btf_type* fn = btf__type_by_id(b, id);
  const btf_type* proto = fn ? btf__type_by_id(b, fn->type) : nullptr;
  if (!proto || !btf_is_func_proto(proto)) return std::nullopt;
  Prototype p;
  p.name = std::string(name);
  p.object = object;
  p.return_type = type_name(b, proto->type);
  classify(b, proto->type, p.return_kind, p.return_size);
  const btf_param* params = btf_params(proto);
  for (__u16 i = 0; i < btf_vlen(proto); ++i) {
    // A last parameter of type 0 marks a variadic function.
    if (params[i].type == 0) {
      p.variadic = true;
      continue;
    }
    Param param;
    const char* n = btf__name_by_offset(b, params[i].name_off);
    param.name = n ? n : "";
    param.type = type_name(b, params[i].type);
    classify(b, params[i].type, param.kind, param.size);
    p.params.push_back(std::move(param));
  }
  return p;
}

std::optional<long long> find_enumerator(const struct ::btf* b, std::string_view wanted, __u32 first) {
  __u32 count = btf__type_cnt(b);
  for (__u32 id = first; id < count; ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (btf_is_enum(t)) {
      const struct btf_enum* e = btf_enum(t);
      for (__u16 i = 0; i < btf_vlen(t); ++i)
        if (wanted == btf__name_by_offset(b, e[i].name_off)) return e[i].val;
    } else if (btf_is_enum64(t)) {
      const struct btf_enum64* e = btf_enum64(t);
      for (__u16 i = 0; i < btf_vlen(t); ++i)
        if (wanted == btf__name_by_offset(b, e[i].name_off)) return static_cast<long long>(btf_enum64_value(&e[i]));
    }
  }
  return std::nullopt;
}

}  // namespace

void Btf::Free::operator()(struct ::btf* b) const { btf__free(b); }

util::Result<Btf> Btf::from_file(const std::filesystem::path& path) {
  struct ::btf* b = btf__parse_raw(path.c_str());
  if (!b) return util::fail("cannot parse the BTF in " + path.string(), {errno, std::generic_category()});
  Btf out;
  out.vmlinux_.reset(b);
  return out;
}

std::optional<std::string> Btf::module_raw(std::string_view module) const {
  auto it = modules_.find(std::string(module));
  if (it == modules_.end()) return std::nullopt;
  __u32 size = 0;
  const void* data = btf__raw_data(it->second.get(), &size);
  if (!data) return std::nullopt;
  return std::string(static_cast<const char*>(data), size);
}

util::Result<void> Btf::add_module(const std::string& module, const std::filesystem::path& path) {
  // btf__parse_split reads raw BTF and an ELF file's .BTF section alike.
  struct ::btf* b = btf__parse_split(path.c_str(), vmlinux_.get());
  if (!b)
    return util::fail("cannot parse the BTF of module " + module + " in " + path.string(),
                      {errno, std::generic_category()});
  modules_[module].reset(b);
  return {};
}

std::optional<Prototype> Btf::function(std::string_view name, std::string_view module) const {
  if (!module.empty()) {
    auto it = modules_.find(std::string(module));
    if (it == modules_.end()) return std::nullopt;
    return prototype(it->second.get(), name, it->first);
  }
  return prototype(vmlinux_.get(), name, "vmlinux");
}

std::optional<long long> Btf::enumerator(std::string_view name) const {
  if (auto v = find_enumerator(vmlinux_.get(), name, 1)) return v;
  __u32 base_count = btf__type_cnt(vmlinux_.get());
  for (const auto& [module, handle] : modules_)
    if (auto v = find_enumerator(handle.get(), name, base_count)) return v;
  return std::nullopt;
}

}  // namespace ks::btf
