#include "btf/prototype.h"

namespace ks::btf {

std::string Prototype::text() const {
  std::string out = return_type;
  if (out.empty() || out.back() != '*') out += ' ';
  out += name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) out += ", ";
    out += params[i].type;
    if (!params[i].name.empty()) {
      if (params[i].type.back() != '*') out += ' ';
      out += params[i].name;
    }
  }
  if (variadic) out += params.empty() ? "..." : ", ...";
  if (params.empty() && !variadic) out += "void";
  return out + ")";
}

std::optional<unsigned> Prototype::param_index(std::string_view wanted) const {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name == wanted) return static_cast<unsigned>(i + 1);
  return std::nullopt;
}

std::string kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::kVoid:
      return "void";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kSigned:
      return "signed";
    case TypeKind::kUnsigned:
      return "unsigned";
    case TypeKind::kPointer:
      return "pointer";
    case TypeKind::kEnum:
      return "enum";
    case TypeKind::kAggregate:
      return "aggregate";
    case TypeKind::kOther:
      break;
  }
  return "other";
}

}  // namespace ks::btf
