#include "commands/revert.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "profile/applier.h"
#include "profile/catalog.h"
#include "profile/report.h"

namespace ks::commands {

void setup_revert(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<RevertOptions>();
  auto* cmd = app.add_subcommand("revert", "Disengage what a profile engaged");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...), files, or folders of *.toml")->required();
  cmd->add_flag("--dry-run", opts->dry_run, "report, change nothing");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_revert(*opts, ctx); });
}

int run_revert(const RevertOptions& opts, Context& ctx) {
  int code = kExitOk;
  std::vector<profile::ProfileResult> results;
  nlohmann::json errors = nlohmann::json::array();
  profile::Loaded loaded = profile::load_named(opts.profiles, ctx.paths.catalog_dirs);
  for (const auto& e : loaded.errors) {
    errors.push_back(profile::error_json(e));
    if (!opts.json) ctx.err << "killswitch revert: " << e.message() << "\n";
    code = profile::is_malformed(e) ? kExitUsage : kExitNotFound;
  }
  for (const auto& p : loaded.profiles) {
    results.push_back(profile::revert_profile(p, ctx.sys, opts.dry_run));
    if (results.back().outcome == profile::Outcome::kFailed) code = kExitRefused;
  }
  if (opts.json) {
    nlohmann::json list = nlohmann::json::array();
    bool changed = false;
    for (const auto& r : results) {
      list.push_back(profile::result_json(r));
      changed = changed || r.changed;
    }
    print_json(ctx.out,
               nlohmann::json{{"results", list}, {"changed", changed}, {"errors", errors}, {"exit_code", code}});
  } else {
    ctx.out << profile::report_text(results);
  }
  return code;
}

}  // namespace ks::commands
