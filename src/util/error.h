// Errors as values, the one convention of the tool: a fallible function
// returns Result<T> (Result<void> when there is nothing to return), whose
// error says what went wrong in words, optionally where (file:line:column of
// an input) and the errno behind it. Errors print as "where: what (strerror)"
// and become exit codes only in the commands.
#pragma once

#include <cerrno>
#include <optional>
#include <string>
#include <system_error>
#include <tl/expected.hpp>
#include <utility>

namespace ks::util {

// A place in an input file; line and column count from 1, 0 when unknown.
struct Location {
  std::string file;
  long line = 0;
  long column = 0;
};

struct Error {
  std::string what;
  std::error_code code;           // empty when there is no errno behind it
  std::optional<Location> where;  // set for errors in a file the user wrote

  std::string message() const {
    std::string text = what;
    if (where) {
      std::string at = where->file;
      if (where->line > 0) at += ":" + std::to_string(where->line) + ":" + std::to_string(where->column);
      text = at + ": " + text;
    }
    return code ? text + " (" + code.message() + ")" : text;
  }
  int errno_value() const { return code.category() == std::generic_category() ? code.value() : 0; }
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(std::string what, std::error_code code = {}) {
  return tl::unexpected(Error{std::move(what), code, std::nullopt});
}

inline tl::unexpected<Error> fail(Error error) { return tl::unexpected(std::move(error)); }

inline tl::unexpected<Error> fail_at(Location where, std::string what) {
  return tl::unexpected(Error{std::move(what), {}, std::move(where)});
}

// The error_code of an errno value.
inline std::error_code errno_code(int value) { return {value, std::generic_category()}; }
// The error_code of errno as the last system call left it.
inline std::error_code last_error() { return errno_code(errno); }

}  // namespace ks::util

// Returns the error of @expr (a Result) from the calling function.
#define KS_TRY(expr)                                                                 \
  do {                                                                               \
    auto ks_try_result_ = (expr);                                                    \
    if (!ks_try_result_) return ::ks::util::fail(std::move(ks_try_result_.error())); \
  } while (0)

#define KS_TRY_CONCAT_(a, b) a##b
#define KS_TRY_NAME_(line) KS_TRY_CONCAT_(ks_try_value_, line)
#define KS_TRY_ASSIGN_(tmp, lhs, expr)                       \
  auto tmp = (expr);                                         \
  if (!tmp) return ::ks::util::fail(std::move(tmp.error())); \
  lhs = std::move(*tmp)

// Declares or assigns @lhs from the value of @expr, or returns its error:
//   KS_TRY_ASSIGN(auto text, sys.kallsyms());
// It is several statements: under an if, put it in braces.
#define KS_TRY_ASSIGN(lhs, expr) KS_TRY_ASSIGN_(KS_TRY_NAME_(__LINE__), lhs, expr)
