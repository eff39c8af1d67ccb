// Whether a value makes sense as what a function returns: a pointer can
// only be NULL or ERR_PTR(-errno), a bool 0 or 1, an int must fit, a void
// function has no value at all and its callers never learn it was skipped.
#pragma once

#include <string>
#include <vector>

#include "btf/prototype.h"
#include "check/report.h"

namespace ks::check {

std::vector<Reason> value_fit(const btf::Prototype& proto, long value);

// The value engage uses when none is given: -EPERM for errno-style and
// pointer returns, false for bool; nullopt when there is no sensible default.
std::optional<long> default_value(const btf::Prototype* proto);

}  // namespace ks::check
