#include "commands/check.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "check/check.h"
#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/report_output.h"
#include "kernel/kernel_info.h"
#include "values/value.h"

namespace ks::commands {

void setup_check(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Say whether a function can be engaged safely, and why");
  cmd->add_option("function", opts->target, "function name, or module:function")->required();
  cmd->add_option("value", opts->value, "value it would return: -EPERM, EPERM, -1, NULL, false, ...");
  cmd->add_option("--if", opts->condition, "condition, e.g. 'family == AF_ALG && uid != 0'");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_check(*opts, ctx); });
}

int run_check(const CheckOptions& opts, Context& ctx) {
  auto req = check::make_request(opts.target, opts.value, opts.condition);
  if (!req) {
    ctx.err << "killswitch check: " << req.error().message() << "\n";
    return kExitUsage;
  }
  kernel::KernelInfo info(ctx.sys);
  auto report = check::check(info, system::detect_backend(ctx.sys), *req);
  if (opts.json)
    print_json(ctx.out, report_json(report));
  else
    print_report(ctx.out, report);
  return report_exit_code(report);
}

}  // namespace ks::commands
