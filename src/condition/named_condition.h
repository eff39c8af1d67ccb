// Conditions as an operator writes them, turned into the module's grammar:
//   'family == AF_ALG'      ->  arg2==38   (parameter name from BTF, constant from a table)
//   'uid != 0 && userns != init'  ->  uid!=0&&userns!=init
// The result is checked with the module's own condition parser, so what
// the tool sends is what the module accepts.
#pragma once

#include <string>
#include <string_view>

#include "btf/btf.h"
#include "btf/prototype.h"
#include "util/error.h"

namespace ks::condition {

struct Translated {
  std::string text;        // the module's canonical grammar
  bool uses_args = false;  // some predicate reads a function argument
};

// @proto and @btf may be null (no BTF): then only argK, uid, euid, userns
// and comm can be used, and constants come from the built-in table.
util::Result<Translated> translate(std::string_view input, const btf::Prototype* proto, const btf::Btf* btf);

}  // namespace ks::condition
