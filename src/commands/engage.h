// killswitch engage <function> [value] [--if COND] [--try SECONDS] [--force] [--json]
#pragma once

#include <optional>
#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct EngageOptions {
  std::string target;
  std::optional<std::string> value;
  std::optional<std::string> condition;
  std::optional<unsigned> try_seconds;
  std::optional<unsigned> confirm_seconds;  // undone by the kernel unless confirmed in time
  bool force = false;
  bool json = false;
};

void setup_engage(CLI::App& app, Context& ctx, int& exit_code);
int run_engage(const EngageOptions& opts, Context& ctx);

}  // namespace ks::commands
