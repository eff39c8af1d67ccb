#include "commands/engage.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "check/check.h"
#include "check/value_fit.h"
#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/kernel_failure.h"
#include "commands/report_output.h"
#include "engage/plan.h"
#include "engage/transaction.h"
#include "kernel/kernel_info.h"
#include "util/text.h"
#include "values/value.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::commands {

void setup_engage(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<EngageOptions>();
  auto* cmd = app.add_subcommand("engage", "Make a function (and its compiler clones) return a value without running");
  cmd->add_option("function", opts->target, "function name, or module:function")->required();
  cmd->add_option("value", opts->value,
                  "value to return: -EPERM, EPERM, -1, NULL, false, ... (default: -EPERM, or false for bool)");
  cmd->add_option("--if", opts->condition, "only calls for which this holds, e.g. 'family == AF_ALG && uid != 0'");
  cmd->add_option("--try", opts->try_seconds, "count calls for SECONDS first; engage only if there were none")
      ->check(CLI::Range(1u, static_cast<unsigned>(KS_TRY_SECONDS_MAX)));
  cmd->add_option("--confirm", opts->confirm_seconds,
                  "undo it after SECONDS unless 'killswitch confirm' runs in time, so a mistake that locks you "
                  "out cannot last")
      ->check(CLI::Range(1u, static_cast<unsigned>(KS_TRY_SECONDS_MAX)));
  cmd->add_flag("--force", opts->force, "engage even what check calls unsafe (never what the kernel refuses)");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_engage(*opts, ctx); });
}

namespace {

// Why nothing was engaged: the sentence, the exit code, the check behind it.
struct Refusal {
  std::string why;
  int code;
  std::optional<check::Report> report;
};

int refuse(Context& ctx, const EngageOptions& opts, const Refusal& r) {
  if (opts.json) {
    nlohmann::json j{{"engaged", nlohmann::json::array()}, {"error", error_json(r.code, r.why)}};
    if (r.report) j["check"] = report_json(*r.report);
    print_json(ctx.out, j);
  } else {
    if (r.report) print_report(ctx.err, *r.report);
    ctx.err << "killswitch engage: " << r.why << "\n";
  }
  return r.code;
}

// What the options need from the killswitch that is there.
std::optional<Refusal> backend_refusal(const EngageOptions& opts, system::Backend backend, const std::string& where) {
  if (backend == system::Backend::kNone)
    return Refusal{"killswitch is not available on " + where +
                       ": load the module (modprobe killswitch) or boot a kernel with the built-in killswitch",
                   kExitUnavailable, std::nullopt};
  if (backend == system::Backend::kBuiltin &&
      (opts.condition || opts.try_seconds || opts.confirm_seconds || opts.target.find(':') != std::string::npos))
    return Refusal{
        "the kernel's built-in killswitch has only engage and disengage; --if, --try, --confirm and "
        "module:function need killswitch.ko",
        kExitUnavailable, std::nullopt};
  return std::nullopt;
}

int print_failure(Context& ctx, const EngageOptions& opts, const engage::Outcome& outcome,
                  const check::Report& report) {
  std::string why = describe_failure(ctx, *outcome.failed, *outcome.error);
  if (!outcome.rolled_back.empty())
    why += "; nothing is engaged: " + util::join(outcome.rolled_back) + " was disengaged again";
  if (!outcome.rollback_failures.empty())
    why += "; WARNING: could not disengage " + util::join(outcome.rollback_failures) + ", which stays engaged";
  if (opts.json) {
    nlohmann::json j{{"engaged", outcome.done},
                     {"failed", outcome.failed->target},
                     {"errno", outcome.error->errno_value()},
                     {"error", error_json(failure_exit_code(*outcome.error), why)},
                     {"rolled_back", outcome.rolled_back},
                     {"check", report_json(report)}};
    print_json(ctx.out, j);
  } else {
    ctx.err << "killswitch engage: " << why << "\n";
  }
  return failure_exit_code(*outcome.error);
}

void print_success(Context& ctx, const EngageOptions& opts, const wire::Command& command,
                   const engage::Outcome& outcome, const check::Report& report) {
  auto kind = report.prototype ? report.prototype->return_kind : btf::TypeKind::kSigned;
  std::string value_text = values::describe_value(command.value, kind);
  if (opts.json) {
    nlohmann::json j{
        {"engaged", outcome.done},
        {"verb", wire::verb_name(command.verb)},
        {"value", command.value},
        {"value_text", value_text},
        {"condition", report.condition ? nlohmann::json(*report.condition) : nlohmann::json(nullptr)},
        {"try_seconds", opts.try_seconds ? nlohmann::json(*opts.try_seconds) : nlohmann::json(nullptr)},
        {"confirm_seconds", opts.confirm_seconds ? nlohmann::json(*opts.confirm_seconds) : nlohmann::json(nullptr)},
        {"forced", opts.force && report.verdict() == check::Severity::kUnsafe},
        {"check", report_json(report)}};
    print_json(ctx.out, j);
    return;
  }
  for (const auto& reason : report.reasons)
    if (reason.severity >= check::Severity::kWarning)
      ctx.err << "killswitch engage: " << check::severity_name(reason.severity) << ": " << reason.message << "\n";
  for (const auto& target : outcome.done) {
    if (opts.try_seconds)
      ctx.out << "probing " << target << " for " << *opts.try_seconds << " s: it engages with " << value_text
              << " only if it is not called meanwhile (see 'killswitch status')\n";
    else
      ctx.out << "engaged " << target << ": returns " << value_text
              << (report.condition ? " when " + *report.condition : std::string())
              << (opts.confirm_seconds ? "; disengaged again in " + std::to_string(*opts.confirm_seconds) +
                                             " s unless you run 'killswitch confirm'"
                                       : std::string())
              << "\n";
  }
}

}  // namespace

int run_engage(const EngageOptions& opts, Context& ctx) {
  auto req = check::make_request(opts.target, opts.value, opts.condition);
  if (!req) return refuse(ctx, opts, {req.error().message(), kExitUsage, std::nullopt});
  if (opts.condition && opts.try_seconds)
    return refuse(ctx, opts,
                  {"--try cannot be combined with --if: a trial window counts every call", kExitUsage, std::nullopt});
  if (opts.confirm_seconds && opts.try_seconds)
    return refuse(ctx, opts, {"--confirm cannot be combined with --try", kExitUsage, std::nullopt});
  auto backend = system::detect_backend(ctx.sys);
  if (auto refusal = backend_refusal(opts, backend, ctx.sys.describe())) return refuse(ctx, opts, *refusal);
  kernel::KernelInfo info(ctx.sys);
  auto plan = engage::plan(
      info, backend, {*req},
      {.force = opts.force, .try_seconds = opts.try_seconds, .confirm_seconds = opts.confirm_seconds.value_or(0)});
  if (!plan.ok()) {
    std::optional<check::Report> report;
    if (const auto* r = plan.stopped_report()) report = *r;
    std::string why = plan.stop == engage::Stop::kNoValue ? plan.why : "not engaged: " + plan.why;
    return refuse(ctx, opts, {why, plan_exit_code(plan), report});
  }
  const check::Report* report = &plan.reports.back();
  const wire::Command& command = plan.commands.front();
  auto outcome = engage::execute(ctx.sys, plan);
  if (!outcome.ok()) return print_failure(ctx, opts, outcome, *report);
  print_success(ctx, opts, command, outcome, *report);
  return kExitOk;
}

}  // namespace ks::commands
