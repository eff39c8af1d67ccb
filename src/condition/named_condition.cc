#include "condition/named_condition.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <vector>

#include "condition/constants.h"

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

}  // namespace

util::Result<Translated> translate(std::string_view input, const btf::Prototype* proto, const btf::Btf* btf) {
  Translated out;
  std::string grammar;
  for (const auto& pred : split_and(input)) {
    if (pred.empty()) return util::fail("empty predicate in condition '" + std::string(input) + "'");
    std::string op;
    size_t at = pred.find("==");
    if (at != std::string::npos) {
      op = "==";
    } else if ((at = pred.find("!=")) != std::string::npos) {
      op = "!=";
    } else if ((at = pred.find('&')) != std::string::npos) {
      op = "&";
    } else {
      return util::fail("'" + pred + "' has no operator: use ==, != or & (bits set)");
    }
    std::string lhs = trim(std::string_view(pred).substr(0, at));
    std::string rhs = trim(std::string_view(pred).substr(at + op.size()));
    if (lhs.empty() || rhs.empty())
      return util::fail("'" + pred + "' needs a name on the left and a value on the right");

    std::string piece;
    if (lhs == "uid" || lhs == "euid") {
      long id = 0;  // "root"
      if (rhs != "root") {
        auto v = c_integer(rhs);
        if (!v) return util::fail("'" + rhs + "' is not a user id");
        id = *v;
      }
      piece = lhs + op + std::to_string(id);
    } else if (lhs == "userns") {
      if (rhs != "init") return util::fail("userns can only be compared with 'init'");
      piece = lhs + op + rhs;
    } else if (lhs == "comm") {
      piece = lhs + op + rhs;
    } else {
      unsigned index = 0;
      if (lhs.size() == 4 && lhs.rfind("arg", 0) == 0 && std::isdigit(static_cast<unsigned char>(lhs[3]))) {
        index = static_cast<unsigned>(lhs[3] - '0');
      } else if (!proto) {
        return util::fail("cannot resolve the parameter name '" + lhs +
                          "' without BTF for the function: write argK (K = 1..6) instead");
      } else if (auto i = proto->param_index(lhs)) {
        index = *i;
      } else {
        std::string names;
        for (const auto& p : proto->params) names += (names.empty() ? "" : ", ") + p.name;
        return util::fail(proto->name + " has no parameter called '" + lhs + "' (its parameters: " + names + ")");
      }
      if (proto && index <= proto->params.size())
        if (auto ok = check_registers(*proto, index); !ok) return util::fail(ok.error());
      if (index < 1 || index > KS_COND_ARGS) return util::fail("argument index must be 1..6: " + lhs);
      auto value = value_of(rhs, btf);
      if (!value) return util::fail(value.error());
      piece = "arg" + std::to_string(index) + op + std::to_string(*value);
      out.uses_args = true;
    }
    grammar += (grammar.empty() ? "" : "&&") + piece;
  }

  // The module's own parser has the last word, and gives the canonical text.
  ks_cond cond{};
  if (ks_parse_condition(grammar.c_str(), &cond) != 0)
    return util::fail("the condition '" + std::string(input) + "' became '" + grammar +
                      "', which the module would not accept (at most 8 predicates; comm at most 15 characters)");
  char canon[KS_COND_TEXT_MAX];
  ks_format_condition(&cond, canon, sizeof canon);
  out.text = canon;
  return out;
}

}  // namespace ks::condition
