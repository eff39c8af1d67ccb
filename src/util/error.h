// Errors as values: what went wrong, in words, plus the errno behind it.
// They print as "what (strerror)" and become exit codes only in main.
#pragma once

#include <string>
#include <system_error>
#include <tl/expected.hpp>

namespace ks::util {

struct Error {
  std::string what;
  std::error_code code;  // empty when there is no errno behind it

  std::string message() const { return code ? what + " (" + code.message() + ")" : what; }
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(std::string what, std::error_code code = {}) {
  return tl::unexpected(Error{std::move(what), code});
}

}  // namespace ks::util
