// Return values as an operator writes them: numbers in C syntax, errno
// names with or without the sign (-EPERM, EPERM), NULL, false/true and
// ERR_PTR(-ENOMEM). The kernel gets the number.
#pragma once

#include <string>
#include <string_view>

#include "btf/prototype.h"
#include "util/error.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::values {

// The largest errno: -kMaxErrno..-1 are error values (the module's uapi header).
inline constexpr long kMaxErrno = KS_MAX_ERRNO;

util::Result<long> parse_value(std::string_view text);

// The errno name @typed ("EPRM", "-EACESS") most likely meant, sign kept; empty if none is close.
std::string errno_suggestion(std::string_view typed);

// "-1 (-EPERM)", "0 (NULL)", "0 (false)", "42": the number and what it means for @kind.
std::string describe_value(long value, btf::TypeKind kind = btf::TypeKind::kSigned);

// "-EPERM" for -1, or empty when @value is not a negative errno with a name.
std::string errno_name(long value);

}  // namespace ks::values
