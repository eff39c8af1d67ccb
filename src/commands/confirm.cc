#include "commands/confirm.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>

#include "commands/each_target.h"
#include "commands/exit_codes.h"
#include "wire/channel.h"

namespace ks::commands {

void setup_confirm(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<ConfirmOptions>();
  auto* cmd = app.add_subcommand(
      "confirm", "Keep what 'engage --confirm' engaged; unconfirmed, the kernel disengages it when its time is up");
  cmd->add_option("function", opts->target, "one engagement, as engaged (default: every one waiting)");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_confirm(*opts, ctx); });
}

namespace {

int finish(Context& ctx, const ConfirmOptions& opts, const std::vector<std::string>& done, const std::string& error,
           int code) {
  return print_each(ctx, opts.json, "confirmed", "confirmed", ": it stays engaged", "confirm", {done, error, code});
}

// Engaged, or pending until its module loads (not probing), with time
// left: an engage ... expire= not confirmed yet. The kernel counts a
// pending one's deadline too.
bool waiting(const wire::EngagedLine& line) {
  const std::optional<wire::State> state = line.state();
  return (state == wire::State::kEngaged || state == wire::State::kPending) && line.timeout_left().value_or(0) > 0;
}

}  // namespace

int run_confirm(const ConfirmOptions& opts, Context& ctx) {
  if (!ctx.sys.killswitch_present())
    return finish(ctx, opts, {}, "killswitch is not available on " + ctx.sys.describe(), kExitUnavailable);
  auto lines = wire::read_engaged(ctx.sys);
  if (!lines) return finish(ctx, opts, {}, lines.error().message(), kExitSystem);
  std::vector<std::string> targets;
  for (const auto& line : *lines)
    if (waiting(line) && (opts.target.empty() || line.target == opts.target)) targets.push_back(line.target);
  if (targets.empty())
    return finish(ctx, opts, {},
                  opts.target.empty() ? "nothing waits for confirmation"
                                      : opts.target + " is not engaged with --confirm, or was confirmed already",
                  opts.target.empty() ? kExitOk : kExitNotFound);
  std::vector<wire::Command> commands;
  for (const auto& t : targets) commands.push_back(wire::Command::confirm(t));
  auto result = send_each(ctx, commands);
  return finish(ctx, opts, result.done, result.error, result.code);
}

}  // namespace ks::commands
