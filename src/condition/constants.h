// Names an operator may use on the right of a condition: socket families,
// socket types, protocols and clone flags, with the values of the libc
// headers (the same numbers as the kernel's uapi). Enumerators that the
// kernel's BTF knows (IPPROTO_TCP, SOCK_RAW) are found there too.
#pragma once

#include <optional>
#include <string_view>

namespace ks::condition {

std::optional<long> named_constant(std::string_view name);

}  // namespace ks::condition
