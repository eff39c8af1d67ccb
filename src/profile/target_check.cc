#include "profile/target_check.h"

#include "wire/target.h"

extern "C" {
#include "safety.h"
}

namespace ks::profile {

util::Result<void> check_target(Target& target) {
  KS_TRY_ASSIGN(wire::Target parsed, wire::parse_target(target.function));
  KS_TRY_ASSIGN(long retval, wire::parse_retval(target.value));
  std::string canonical;
  if (!target.condition.empty()) {
    KS_TRY_ASSIGN(canonical, wire::canonical_condition(target.condition));
  }
  // The name rules; the type rules need the running kernel's BTF and are
  // applied by the module when the profile is applied.
  ks_verdict verdict{};
  if (ks_check_name(parsed.symbol.c_str(), true, &verdict) != 0)
    return util::fail("the module's safety rules refuse " + target.function + " " + target.value + ": " +
                      ks_refusal_reason(&verdict));
  // The module keys engagements by the target as it normalises it.
  target.function = parsed.text();
  target.retval = retval;
  target.canonical_condition = canonical;
  return {};
}

}  // namespace ks::profile
