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
  ks_verdict verdict{};
  if (ks_check_safety(parsed.symbol.c_str(), true, retval, &verdict) != 0)
    return util::fail("the module's safety rules refuse " + target.function + " " + target.value + ": " +
                      ks_refusal_reason(&verdict));
  // The module keys engagements by the target as it normalises it.
  target.function = parsed.text();
  target.retval = retval;
  target.canonical_condition = canonical;
  return {};
}

}  // namespace ks::profile
