// How a check report is shown: text for people, JSON for fleet tooling.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "check/report.h"
#include "engage/plan.h"

namespace ks::commands {

nlohmann::json report_json(const check::Report& report);
void print_report(std::ostream& out, const check::Report& report);
// The exit code a check with this report ends with.
int report_exit_code(const check::Report& report);
// The exit code of a plan that stopped (kExitOk when it did not).
int plan_exit_code(const engage::Plan& plan);

}  // namespace ks::commands
