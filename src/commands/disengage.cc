#include "commands/disengage.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "commands/each_target.h"
#include "commands/exit_codes.h"
#include "commands/kernel_failure.h"
#include "symbols/clone_suffix.h"
#include "wire/channel.h"
#include "wire/target.h"

namespace ks::commands {

void setup_disengage(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<DisengageOptions>();
  auto* cmd = app.add_subcommand("disengage", "Let a function (and its clones) run normally again");
  auto* fn = cmd->add_option("function", opts->target, "function name, or module:function, as engaged");
  auto* all = cmd->add_flag("--all", opts->all, "disengage everything");
  fn->excludes(all);
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_disengage(*opts, ctx); });
}

namespace {

int finish(Context& ctx, const DisengageOptions& opts, const std::vector<std::string>& done, const std::string& error,
           int code) {
  return print_each(ctx, opts.json, "disengaged", "disengaged", "", "disengage", {done, error, code});
}

// @engaged names @wanted itself, or one of its compiler clones, with the same module prefix.
bool matches(const std::string& engaged, const std::string& wanted) {
  if (engaged == wanted) return true;
  auto e = wire::parse_target(engaged);
  auto w = wire::parse_target(wanted);
  if (!e || !w || e->module != w->module) return false;
  auto clone = symbols::parse_clone_name(e->symbol);
  return clone && clone->base == w->symbol;
}

// Disengages each of @targets in turn; stops at the first refusal.
int disengage_each(Context& ctx, const DisengageOptions& opts, const std::vector<std::string>& targets) {
  std::vector<wire::Command> commands;
  for (const auto& t : targets) commands.push_back(wire::Command::disengage(t));
  auto result = send_each(ctx, commands);
  return finish(ctx, opts, result.done, result.error, result.code);
}

}  // namespace

int run_disengage(const DisengageOptions& opts, Context& ctx) {
  if (!opts.all && opts.target.empty()) return finish(ctx, opts, {}, "name a function, or use --all", kExitUsage);
  if (!ctx.sys.killswitch_present())
    return finish(ctx, opts, {}, "killswitch is not available on " + ctx.sys.describe() + ": nothing is engaged",
                  kExitUnavailable);
  auto lines = wire::read_engaged(ctx.sys);
  if (!lines) return finish(ctx, opts, {}, lines.error().message(), kExitSystem);

  std::vector<std::string> targets;
  for (const auto& line : *lines)
    if (opts.all || matches(line.target, opts.target)) targets.push_back(line.target);

  if (opts.all) {
    auto command = wire::Command::disengage_all();
    if (auto sent = wire::send(ctx.sys, command); !sent)
      return finish(ctx, opts, {}, describe_failure(ctx, command, sent.error()), failure_exit_code(sent.error()));
    return finish(ctx, opts, targets, "", kExitOk);
  }
  // Let the kernel answer for what the engaged file did not show (the built-in one may differ).
  if (targets.empty()) targets.push_back(opts.target);
  return disengage_each(ctx, opts, targets);
}

}  // namespace ks::commands
