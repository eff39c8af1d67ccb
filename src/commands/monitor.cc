#include "commands/monitor.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "check/check.h"
#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/kernel_failure.h"
#include "commands/report_output.h"
#include "engage/plan.h"
#include "engage/transaction.h"
#include "kernel/kernel_info.h"
#include "uapi/killswitch.h"
#include "wire/channel.h"

namespace ks::commands {

void setup_monitor(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<MonitorOptions>();
  auto* cmd = app.add_subcommand("monitor", "Count a function's calls for a while without changing them (pre-soak)");
  cmd->add_option("function", opts->target, "function name, or module:function")->required();
  cmd->add_option("--for", opts->seconds, "how long to count, in seconds (default 10)")->check(CLI::Range(1u, 86400u));
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_monitor(*opts, ctx); });
}

namespace {

int fail(Context& ctx, const MonitorOptions& opts, const std::string& why, int code) {
  if (opts.json)
    print_json_error(ctx.out, code, why);
  else
    ctx.err << "killswitch monitor: " << why << "\n";
  return code;
}

unsigned long total_hits(const system::System& sys, const std::vector<std::string>& targets) {
  unsigned long total = 0;
  for (const auto& t : targets) {
    auto text = sys.killswitch_read(std::string(KS_FN_DIR) + "/" + t + "/" + KS_FN_HITS_FILE);
    if (text) total += std::strtoul(text->c_str(), nullptr, 10);
  }
  return total;
}

}  // namespace

namespace {

// Counts calls once a second for @opts.seconds (or until interrupted), with
// a progress line; returns the calls of each second.
std::vector<unsigned long> count_calls(const MonitorOptions& opts, Context& ctx, const std::string& name,
                                       const std::vector<std::string>& targets) {
  // The engagements are new, so their counters started at zero when they were
  // made: every call since counts, including any before the first reading here.
  std::vector<unsigned long> per_second;
  unsigned long last = 0;
  for (unsigned s = 0; s < opts.seconds && !ctx.interrupted(); ++s) {
    ctx.sleep(1);
    unsigned long now = total_hits(ctx.sys, targets);
    per_second.push_back(now - last);
    last = now;
    if (opts.json) continue;
    std::string line = fmt::format("{}: {} calls/s, {} calls in {} s, {} s left", name, per_second.back(), now, s + 1,
                                   opts.seconds - s - 1);
    if (ctx.tty)
      ctx.out << "\r\033[K" << line << std::flush;
    else
      ctx.out << line << "\n";
  }
  if (ctx.tty && !opts.json) ctx.out << "\n";
  return per_second;
}

// Takes the monitor's probes down; the errors, in words.
std::vector<std::string> stop_monitoring(Context& ctx, const std::vector<std::string>& targets) {
  std::vector<std::string> errors;
  for (const auto& t : targets) {
    auto command = wire::Command::disengage(t);
    if (auto stopped = wire::send(ctx.sys, command); !stopped)
      errors.push_back(describe_failure(ctx, command, stopped.error()));
  }
  return errors;
}

}  // namespace

int run_monitor(const MonitorOptions& opts, Context& ctx) {
  auto backend = system::detect_backend(ctx.sys);
  if (backend == system::Backend::kNone)
    return fail(ctx, opts, "killswitch is not available: load it with 'modprobe killswitch'", kExitUnavailable);
  if (backend == system::Backend::kBuiltin)
    return fail(ctx, opts, "the kernel's built-in killswitch cannot monitor; load killswitch.ko", kExitUnavailable);

  kernel::KernelInfo info(ctx.sys);
  auto plan = engage::plan(info, backend, {{opts.target, std::nullopt, std::nullopt, wire::Verb::kMonitor}});
  if (!plan.ok()) {
    if (!opts.json && plan.stop == engage::Stop::kRefused) print_report(ctx.err, *plan.stopped_report());
    return fail(ctx, opts, "cannot monitor: " + plan.why, plan_exit_code(plan));
  }
  const check::Report& report = plan.reports.back();
  std::vector<std::string> targets;
  for (const auto& c : plan.commands) targets.push_back(c.target);
  auto outcome = engage::execute(ctx.sys, plan);
  if (!outcome.ok())
    return fail(ctx, opts, describe_failure(ctx, *outcome.failed, *outcome.error), failure_exit_code(*outcome.error));
  std::vector<unsigned long> per_second = count_calls(opts, ctx, report.target, targets);

  // Per target, read before the files go away with the monitor.
  nlohmann::json per_target = nlohmann::json::object();
  unsigned long calls = 0;  // from one reading per target, so the parts add up to the total
  for (const auto& t : targets) {
    unsigned long part = total_hits(ctx.sys, {t});
    per_target[t] = part;
    calls += part;
  }
  std::vector<std::string> stop_errors = stop_monitoring(ctx, targets);
  unsigned seconds = static_cast<unsigned>(per_second.size());
  std::string verdict =
      calls == 0 ? fmt::format("{} was not called in {} s: engaging it is unlikely to disturb this workload",
                               report.target, seconds)
                 : fmt::format(
                       "{} was called {} times in {} s ({:.1f}/s): engaging it will change what those callers "
                       "get; use --if to narrow it down",
                       report.target, calls, seconds, seconds ? double(calls) / seconds : 0.0);
  if (opts.json) {
    nlohmann::json j{{"targets", targets},       {"seconds", seconds},       {"calls", calls},
                     {"per_second", per_second}, {"per_target", per_target}, {"verdict", verdict},
                     {"called", calls != 0}};
    if (!stop_errors.empty()) j["errors"] = stop_errors;
    print_json(ctx.out, j);
  } else {
    ctx.out << verdict << "\n";
    for (const auto& e : stop_errors) ctx.err << "killswitch monitor: " << e << "\n";
  }
  if (!stop_errors.empty()) return kExitRefused;
  return calls == 0 ? kExitOk : kExitWarning;
}

}  // namespace ks::commands
