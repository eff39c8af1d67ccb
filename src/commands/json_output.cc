#include "commands/json_output.h"

#include <ostream>

#include "commands/exit_codes.h"

namespace ks::commands {

const char* exit_code_name(int exit_code) {
  switch (exit_code) {
    case kExitOk:
      return "ok";
    case kExitWarning:
      return "warning";
    case kExitUsage:
      return "usage";
    case kExitUnsafe:
      return "unsafe";
    case kExitRefused:
      return "refused";
    case kExitNotFound:
      return "not_found";
    case kExitUnavailable:
      return "unavailable";
    case kExitSystem:
      return "system";
  }
  return "unknown";
}

nlohmann::json error_json(int exit_code, const std::string& message) {
  return {{"code", exit_code_name(exit_code)}, {"exit_code", exit_code}, {"message", message}};
}

void print_json(std::ostream& out, nlohmann::json doc) {
  doc["version"] = kJsonVersion;
  out << doc.dump(2) << "\n";
}

int print_json_error(std::ostream& out, int exit_code, const std::string& message) {
  print_json(out, {{"error", error_json(exit_code, message)}});
  return exit_code;
}

}  // namespace ks::commands
