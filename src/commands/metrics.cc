#include "commands/metrics.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "commands/exit_codes.h"
#include "metrics/exposition.h"
#include "metrics/families.h"
#include "metrics/snapshot.h"
#include "util/atomic_file.h"

namespace ks::commands {

void setup_metrics(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<MetricsOptions>();
  auto* cmd = app.add_subcommand("metrics", "Print killswitch's state in Prometheus' text format");
  cmd->add_option("--output", opts->output,
                  "replace FILE atomically instead of printing (node_exporter's textfile collector)");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_metrics(*opts, ctx); });
}

int run_metrics(const MetricsOptions& opts, Context& ctx) {
  metrics::Snapshot snapshot = metrics::read_snapshot(ctx.sys, {ctx.paths.persist_dir, ctx.paths.catalog_dirs});
  std::string text = metrics::render(metrics::families(snapshot, KS_VERSION));
  for (const auto& e : snapshot.errors) ctx.err << "killswitch metrics: " << e.source << ": " << e.message << "\n";
  if (opts.output.empty()) {
    ctx.out << text;
  } else if (auto written = util::replace_atomically(opts.output, text, 0644); !written) {
    ctx.err << "killswitch metrics: " << written.error().message() << "; the old file is unchanged\n";
    return kExitSystem;
  }
  // A read error is in the metrics (killswitch_metrics_errors), and in the exit code.
  return snapshot.errors.empty() ? kExitOk : kExitSystem;
}

}  // namespace ks::commands
