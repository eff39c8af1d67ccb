// What every --json document shares: a "version" (of the document format;
// it changes only when a key changes meaning or goes away), and errors as
// one object with a stable code named after the exit code (docs/cli.md, JSON).
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

namespace ks::commands {

inline constexpr int kJsonVersion = 1;

// "ok", "warning", "usage", "unsafe", "refused", "not_found", "unavailable", "system".
const char* exit_code_name(int exit_code);

// {"code": "not_found", "exit_code": 5, "message": "..."}
nlohmann::json error_json(int exit_code, const std::string& message);

// Prints @doc, stamped with "version".
void print_json(std::ostream& out, nlohmann::json doc);

// Prints a document that is only an error; returns @exit_code.
int print_json_error(std::ostream& out, int exit_code, const std::string& message);

}  // namespace ks::commands
