#include "condition/named_condition.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <vector>

#include "condition/constants.h"
#include "wire/command.h"

extern "C" {
#include "condition.h"
}

namespace ks::condition {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split_and(std::string_view s) {
  std::vector<std::string> parts;
  size_t pos = 0;
  for (;;) {
    size_t at = s.find("&&", pos);
    parts.push_back(trim(s.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos)));
    if (at == std::string_view::npos) break;
    pos = at + 2;
  }
  return parts;
}

std::optional<long> c_integer(const std::string& s) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 0);
  if (errno || *end) return std::nullopt;
  return v;
}

util::Result<long> value_of(const std::string& rhs, const btf::Btf* btf) {
  if (auto v = c_integer(rhs)) return *v;
  if (auto v = named_constant(rhs)) return *v;
  if (btf)
    if (auto v = btf->enumerator(rhs)) return static_cast<long>(*v);
  return util::fail("unknown constant '" + rhs + "': write a number or a name such as AF_ALG or SOCK_RAW");
}

// The register index of parameter @index (1-based): each integer, enum,
// bool or pointer parameter takes one of the six argument registers.
util::Result<void> check_registers(const btf::Prototype& proto, unsigned index) {
  if (index > KS_COND_ARGS)
    return util::fail("parameter " + std::to_string(index) + " of " + proto.name +
                      " is not passed in a register (only the first 6 are)");
  for (unsigned i = 0; i < index; ++i) {
    auto kind = proto.params[i].kind;
    if (kind == btf::TypeKind::kAggregate || kind == btf::TypeKind::kOther || proto.params[i].size > 8)
      return util::fail("parameter " + std::to_string(i + 1) + " of " + proto.name + " (" + proto.params[i].type +
                        ") is not one register, so arguments after it cannot be told apart");
  }
  return {};
}

struct Predicate {
  std::string lhs, op, rhs;
};

util::Result<Predicate> split_predicate(const std::string& pred) {
  Predicate p;
  size_t at = pred.find("==");
  if (at != std::string::npos) {
    p.op = "==";
  } else if ((at = pred.find("!=")) != std::string::npos) {
    p.op = "!=";
  } else if ((at = pred.find('&')) != std::string::npos) {
    p.op = "&";
  } else {
    return util::fail("'" + pred + "' has no operator: use ==, != or & (bits set)");
  }
  p.lhs = trim(std::string_view(pred).substr(0, at));
  p.rhs = trim(std::string_view(pred).substr(at + p.op.size()));
  if (p.lhs.empty() || p.rhs.empty())
    return util::fail("'" + pred + "' needs a name on the left and a value on the right");
  return p;
}

// The 1-based argument index of @name: "argK", or a parameter name from BTF.
util::Result<unsigned> arg_index(const std::string& name, const btf::Prototype* proto) {
  unsigned index = 0;
  if (name.size() == 4 && name.rfind("arg", 0) == 0 && std::isdigit(static_cast<unsigned char>(name[3]))) {
    index = static_cast<unsigned>(name[3] - '0');
  } else if (!proto) {
    return util::fail("cannot resolve the parameter name '" + name +
                      "' without BTF for the function: write argK (K = 1..6) instead");
  } else if (auto i = proto->param_index(name)) {
    index = *i;
  } else {
    std::string names;
    for (const auto& p : proto->params) names += (names.empty() ? "" : ", ") + p.name;
    return util::fail(proto->name + " has no parameter called '" + name + "' (its parameters: " + names + ")");
  }
  if (proto && index <= proto->params.size()) KS_TRY(check_registers(*proto, index));
  if (index < 1 || index > KS_COND_ARGS) return util::fail("argument index must be 1..6: " + name);
  return index;
}

// One predicate in the module's grammar.
util::Result<std::string> translate_predicate(const Predicate& p, const btf::Prototype* proto, const btf::Btf* btf) {
  if (p.lhs == "uid" || p.lhs == "euid") {
    long id = 0;  // "root"
    if (p.rhs != "root") {
      auto v = c_integer(p.rhs);
      if (!v) return util::fail("'" + p.rhs + "' is not a user id");
      id = *v;
    }
    return p.lhs + p.op + std::to_string(id);
  }
  if (p.lhs == "userns") {
    if (p.rhs != "init") return util::fail("userns can only be compared with 'init'");
    return p.lhs + p.op + p.rhs;
  }
  if (p.lhs == "comm") return p.lhs + p.op + p.rhs;
  KS_TRY_ASSIGN(unsigned index, arg_index(p.lhs, proto));
  KS_TRY_ASSIGN(long value, value_of(p.rhs, btf));
  return "arg" + std::to_string(index) + p.op + std::to_string(value);
}

}  // namespace

util::Result<Translated> translate(std::string_view input, const btf::Prototype* proto, const btf::Btf* btf) {
  Translated out;
  std::string grammar;
  for (const auto& pred : split_and(input)) {
    if (pred.empty()) return util::fail("empty predicate in condition '" + std::string(input) + "'");
    KS_TRY_ASSIGN(Predicate p, split_predicate(pred));
    KS_TRY_ASSIGN(std::string piece, translate_predicate(p, proto, btf));
    out.uses_args = out.uses_args || piece.rfind("arg", 0) == 0;
    grammar += (grammar.empty() ? "" : "&&") + piece;
  }
  // The module's own parser has the last word, and gives the canonical text.
  auto canonical = wire::canonical_condition(grammar);
  if (!canonical)
    return util::fail("the condition '" + std::string(input) + "' became '" + grammar +
                      "', which the module would not accept (at most 8 predicates; comm at most 15 characters)");
  out.text = *canonical;
  return out;
}

}  // namespace ks::condition
