// killswitch metrics [--output FILE]: the state of killswitch on this host
// in Prometheus' text format (docs/metrics.md), on stdout or, for
// node_exporter's textfile collector, replacing FILE atomically.
#pragma once

#include <string>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct MetricsOptions {
  std::string output;  // empty: stdout
};

void setup_metrics(CLI::App& app, Context& ctx, int& exit_code);
// 0 when everything was read and written; 7 when a source could not be
// read (the metrics say which, and are written all the same) or the output
// could not be written (the old file stays).
int run_metrics(const MetricsOptions& opts, Context& ctx);

}  // namespace ks::commands
