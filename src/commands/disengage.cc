#include "commands/disengage.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/kernel_failure.h"
#include "uapi/killswitch.h"
#include "symbols/clone_suffix.h"
#include "sysfs/engaged_line.h"

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

// @engaged names @wanted itself, or one of its compiler clones, with the same module prefix.
bool matches(const std::string& engaged, const std::string& wanted) {
  if (engaged == wanted) return true;
  auto split = [](const std::string& t) {
    size_t colon = t.find(':');
    return colon == std::string::npos ? std::pair{std::string(), t}
                                      : std::pair{t.substr(0, colon), t.substr(colon + 1)};
  };
  auto [emod, esym] = split(engaged);
  auto [wmod, wsym] = split(wanted);
  if (emod != wmod) return false;
  auto clone = symbols::parse_clone_name(esym);
  return clone && clone->base == wsym;
}

int finish(Context& ctx, const DisengageOptions& opts, const std::vector<std::string>& done, const std::string& error,
           int code) {
  if (opts.json) {
    nlohmann::json j{{"disengaged", done}};
    if (!error.empty()) j["error"] = error;
    ctx.out << j.dump(2) << "\n";
  } else {
    for (const auto& t : done) ctx.out << "disengaged " << t << "\n";
    if (!error.empty()) ctx.err << "killswitch disengage: " << error << "\n";
  }
  return code;
}

}  // namespace

int run_disengage(const DisengageOptions& opts, Context& ctx) {
  if (!opts.all && opts.target.empty()) return finish(ctx, opts, {}, "name a function, or use --all", kExitUsage);
  if (!ctx.sys.killswitch_present())
    return finish(ctx, opts, {}, "killswitch is not available on " + ctx.sys.describe() + ": nothing is engaged",
                  kExitUnavailable);
  auto text = ctx.sys.killswitch_read(KS_ENGAGED_FILE);
  if (!text) return finish(ctx, opts, {}, text.error().message(), kExitSystem);
  auto lines = sysfs::parse_engaged(*text);
  if (!lines) return finish(ctx, opts, {}, "cannot parse the engaged file: " + lines.error(), kExitSystem);

  std::vector<std::string> targets;
  for (const auto& line : *lines)
    if (opts.all || matches(line.symbol, opts.target)) targets.push_back(line.symbol);

  if (opts.all) {
    if (auto err = ctx.sys.killswitch_write(KS_CONTROL_FILE, std::string(KS_VERB_DISENGAGE_ALL) + "\n"))
      return finish(ctx, opts, {}, describe_failure(ctx, KS_VERB_DISENGAGE_ALL, "", err), failure_exit_code(err));
    return finish(ctx, opts, targets, "", kExitOk);
  }
  if (targets.empty()) {
    // Let the kernel answer for what the engaged file did not show (the built-in one may differ).
    if (auto err = ctx.sys.killswitch_write(KS_CONTROL_FILE, std::string(KS_VERB_DISENGAGE) + " " + opts.target + "\n"))
      return finish(ctx, opts, {}, describe_failure(ctx, KS_VERB_DISENGAGE, opts.target, err), failure_exit_code(err));
    return finish(ctx, opts, {opts.target}, "", kExitOk);
  }
  std::vector<std::string> done;
  for (const auto& t : targets) {
    if (auto err = ctx.sys.killswitch_write(KS_CONTROL_FILE, std::string(KS_VERB_DISENGAGE) + " " + t + "\n"))
      return finish(ctx, opts, done, describe_failure(ctx, KS_VERB_DISENGAGE, t, err), failure_exit_code(err));
    done.push_back(t);
  }
  return finish(ctx, opts, done, "", kExitOk);
}

}  // namespace ks::commands
