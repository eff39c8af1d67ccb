// A function's prototype as BTF tells it: what the tool needs to judge a
// return value and to name arguments in conditions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ks::btf {

// The return type with typedefs and qualifiers looked through.
enum class TypeKind { kVoid, kBool, kSigned, kUnsigned, kPointer, kEnum, kAggregate, kOther };

struct Param {
  std::string name;  // may be empty when BTF has none
  std::string type;  // as C spells it: "struct socket *"
  TypeKind kind = TypeKind::kOther;
  unsigned size = 0;
};

struct Prototype {
  std::string name;
  std::string object;  // "vmlinux" or the module whose BTF holds it
  std::string return_type;
  TypeKind return_kind = TypeKind::kOther;
  unsigned return_size = 0;  // bytes; 0 for void
  std::vector<Param> params;
  bool variadic = false;

  // "int af_alg_sendmsg(struct socket *sock, struct msghdr *msg, size_t size, unsigned int ivsize)"
  std::string text() const;
  // 1-based index of the parameter called @name, if any.
  std::optional<unsigned> param_index(std::string_view name) const;
};

std::string kind_name(TypeKind kind);

}  // namespace ks::btf
