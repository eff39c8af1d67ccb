#include "commands/apply.h"

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
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_apply(*opts, ctx); });
}

int run_apply(const ApplyOptions& opts, Context& ctx) {
  profile::Loaded loaded = profile::load_named(opts.paths, ctx.paths.catalog_dirs);
  // Nothing to apply is never a silent success: a wrong folder looks the same.
  if (loaded.profiles.empty() && loaded.errors.empty())
    loaded.errors.push_back(util::Error{"no profiles (*.toml) in " + util::join(opts.paths), {}, std::nullopt});
  if (loaded.profiles.empty()) {
    // Nothing to decide: the errors are the whole answer.
    nlohmann::json errors = nlohmann::json::array();
    int code = kExitNotFound;
    for (const auto& e : loaded.errors) {
      errors.push_back(profile::error_json(e));
      if (profile::is_malformed(e)) code = kExitUsage;
      if (!opts.json) ctx.err << "killswitch apply: " << e.message() << "\n";
    }
    if (opts.json)
      print_json(ctx.out,
                 nlohmann::json{{"results", nlohmann::json::array()}, {"errors", errors}, {"exit_code", code}});
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
                                              .named = loaded.is_named(p)}));

  int code = kExitOk;
  bool not_loaded = false;
  for (const auto& r : results) {
    if (r.outcome != profile::Outcome::kFailed) continue;
    not_loaded = not_loaded || !ctx.sys.killswitch_present();
    code = kExitRefused;
  }
  if (not_loaded) code = kExitUnavailable;
  for (const auto& e : loaded.errors) {
    if (profile::is_malformed(e)) {
      code = kExitUsage;
      break;
    }
    code = kExitNotFound;  // an id no catalog has
  }

  if (opts.json) {
    auto j = profile::report_json(*facts, results);
    j["errors"] = nlohmann::json::array();
    for (const auto& e : loaded.errors) j["errors"].push_back(profile::error_json(e));
    j["exit_code"] = code;
    print_json(ctx.out, j);
  } else {
    ctx.out << profile::report_text(results);
    for (const auto& e : loaded.errors) ctx.err << "killswitch apply: " << e.message() << "\n";
  }
  return code;
}

}  // namespace ks::commands
