// killswitch check <function> [value] [--if COND] [--json]
#pragma once

#include <optional>
#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct CheckOptions {
  std::string target;
  std::optional<std::string> value;
  std::optional<std::string> condition;
  bool json = false;
};

void setup_check(CLI::App& app, Context& ctx, int& exit_code);
int run_check(const CheckOptions& opts, Context& ctx);

}  // namespace ks::commands
