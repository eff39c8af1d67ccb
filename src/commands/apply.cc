#include "commands/apply.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "profile/applier.h"
#include "profile/catalog.h"
#include "profile/kernel_facts.h"
#include "profile/report.h"
#include "util/text.h"

namespace ks::commands {

void setup_apply(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("apply", "Apply mitigation profiles where the running kernel needs them");
  cmd->add_option("profiles", opts->paths, "profile ids (CVE-...), files, or folders of *.toml")->required();
  cmd->add_flag("--dry-run", opts->dry_run, "decide and report, change nothing");
  cmd->add_flag("--ignore-version", opts->ignore_version, "apply even where the kernel is known to be fixed");
  cmd->add_flag("--include-unknown", opts->include_unknown,
                "apply also the profiles of a folder that cannot tell whether this kernel needs them");
  cmd->add_option("--confirm", opts->confirm_seconds,
                  "the kernel disengages what this run engages after SECONDS unless `killswitch confirm` comes first")
      ->check(CLI::Range(1, 86400));
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_apply(*opts, ctx); });
}

namespace {

// The exit code of profiles that could not be loaded: 2 when one is
// malformed, else 5 (an id no catalog has, a folder without profiles).
int load_errors_code(const std::vector<util::Error>& errors) {
  if (errors.empty()) return kExitOk;
  for (const auto& e : errors)
    if (profile::is_malformed(e)) return kExitUsage;
  return kExitNotFound;
}

nlohmann::json load_errors_json(const std::vector<util::Error>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back(profile::error_json(e));
  return out;
}

void print_load_errors(Context& ctx, const std::vector<util::Error>& errors) {
  for (const auto& e : errors) ctx.err << "killswitch apply: " << e.message() << "\n";
}

}  // namespace

int run_apply(const ApplyOptions& opts, Context& ctx) {
  profile::Loaded loaded = profile::load_named(opts.paths, ctx.paths.catalog_dirs);
  // Nothing to apply is never a silent success: a wrong folder looks the same.
  if (loaded.profiles.empty() && loaded.errors.empty())
    loaded.errors.push_back(util::Error{"no profiles (*.toml) in " + util::join(opts.paths), {}, std::nullopt});
  if (loaded.profiles.empty()) {
    // Nothing to decide: the errors are the whole answer.
    int code = load_errors_code(loaded.errors);
    if (opts.json)
      print_json(ctx.out, nlohmann::json{{"results", nlohmann::json::array()},
                                         {"errors", load_errors_json(loaded.errors)},
                                         {"exit_code", code}});
    else
      print_load_errors(ctx, loaded.errors);
    return code;
  }

  auto facts = profile::read_kernel_facts(ctx.sys);
  if (!facts) {
    if (opts.json)
      print_json_error(ctx.out, kExitSystem, facts.error().message());
    else
      ctx.err << "killswitch apply: " << facts.error().message() << "\n";
    return kExitSystem;
  }
  std::vector<profile::ProfileResult> results;
  kernel::KernelInfo info(ctx.sys);
  for (const auto& p : loaded.profiles)
    results.push_back(profile::apply_profile(p, *facts, ctx.sys, info,
                                             {.dry_run = opts.dry_run,
                                              .ignore_version = opts.ignore_version,
                                              .include_unknown = opts.include_unknown,
                                              .named = loaded.is_named(p),
                                              .confirm_seconds = opts.confirm_seconds}));

  int code = kExitOk;
  bool not_loaded = false;
  for (const auto& r : results) {
    if (r.outcome != profile::Outcome::kFailed) continue;
    not_loaded = not_loaded || !ctx.sys.killswitch_present();
    code = kExitRefused;
  }
  if (not_loaded) code = kExitUnavailable;
  if (!loaded.errors.empty()) code = load_errors_code(loaded.errors);

  if (opts.json) {
    auto j = profile::report_json(*facts, results);
    j["errors"] = load_errors_json(loaded.errors);
    j["exit_code"] = code;
    print_json(ctx.out, j);
  } else {
    ctx.out << profile::report_text(results);
    print_load_errors(ctx, loaded.errors);
  }
  return code;
}

}  // namespace ks::commands
