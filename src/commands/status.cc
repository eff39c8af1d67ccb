#include "commands/status.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "commands/exit_codes.h"
#include "system/backend.h"
#include "system/lockdown.h"
#include "util/text.h"
#include "values/value.h"
#include "wire/channel.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::commands {

void setup_status(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "Show engagements, hits, passes, taint, lockdown and the backend");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_status(*opts, ctx); });
}

namespace {

// What status found, before it is shown as text or JSON.
struct Status {
  system::Backend backend = system::Backend::kNone;
  system::Lockdown lockdown = system::Lockdown::kNone;
  long kernel_taint = 0;
  std::optional<bool> tainted;  // killswitch's own taint file; unknown without one
  std::vector<wire::EngagedLine> engagements;
  std::optional<util::Error> error;
};

Status read_status(const system::System& sys) {
  Status s;
  s.backend = system::detect_backend(sys);
  s.lockdown = system::parse_lockdown(sys.lockdown().value_or(""));
  s.kernel_taint = std::strtol(sys.kernel_taint().value_or("0").c_str(), nullptr, 10);
  if (s.backend == system::Backend::kNone) return s;
  if (auto taint = sys.killswitch_read(KS_TAINT_FILE)) s.tainted = taint->rfind("1", 0) == 0;
  if (auto lines = wire::read_engaged(sys))
    s.engagements = std::move(*lines);
  else
    s.error = lines.error();
  return s;
}

template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json or_null(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

nlohmann::json status_json(const Status& s) {
  nlohmann::json j;
  j["backend"] = system::backend_name(s.backend);
  j["missing_features"] = system::missing_features(s.backend);
  j["lockdown"] = system::lockdown_name(s.lockdown);
  j["kernel_taint"] = s.kernel_taint;
  j["tainted"] = or_null(s.tainted);
  j["engagements"] = nlohmann::json::array();
  for (const auto& l : s.engagements) {
    auto state = l.state();
    j["engagements"].push_back({{"target", l.target},
                                {"retval", l.retval},
                                {"hits", l.hits},
                                {"state", state ? nlohmann::json(wire::state_name(*state)) : nlohmann::json(nullptr)},
                                {"condition", or_null(l.condition())},
                                {"module", or_null(l.module())},
                                {"passes", or_null(l.passes())},
                                {"timeout_left", or_null(l.field(KS_KEY_TIMEOUT_LEFT))}});
  }
  if (s.error) j["error"] = s.error->message();
  return j;
}

std::string backend_line(system::Backend backend) {
  switch (backend) {
    case system::Backend::kNone:
      return "killswitch: not available (load it with 'modprobe killswitch')";
    case system::Backend::kModule:
      return "killswitch: killswitch.ko (all features)";
    case system::Backend::kBuiltin:
      break;
  }
  return "killswitch: the kernel's built-in killswitch; missing: " + util::join(system::missing_features(backend));
}

void print_engagements(std::ostream& out, const std::vector<wire::EngagedLine>& lines) {
  if (lines.empty()) {
    out << "nothing engaged\n";
    return;
  }
  auto dash = [](const std::string& text) { return text.empty() ? std::string("-") : text; };
  out << fmt::format("{:<36} {:>18} {:>10} {:>10} {:<11} {}\n", "TARGET", "RETVAL", "HITS", "PASSES", "STATE",
                     "CONDITION");
  for (const auto& l : lines) {
    auto passes = l.passes();
    auto state = l.state();
    out << fmt::format("{:<36} {:>18} {:>10} {:>10} {:<11} {}\n", l.target, values::describe_value(l.retval), l.hits,
                       passes ? std::to_string(*passes) : "-", state ? std::string(wire::state_name(*state)) : "-",
                       dash(l.condition()));
  }
}

void print_status(Context& ctx, const Status& s) {
  ctx.out << backend_line(s.backend) << "\n";
  ctx.out << "lockdown: " << system::lockdown_name(s.lockdown)
          << (system::refuses_changes(s.lockdown) ? " (runtime changes are refused)" : "") << "\n";
  ctx.out << "kernel taint: " << s.kernel_taint << ", killswitch taint: "
          << (!s.tainted   ? "unknown"
              : *s.tainted ? "yes"
                           : "no")
          << "\n";
  if (s.error) ctx.err << "killswitch status: " << s.error->message() << "\n";
  print_engagements(ctx.out, s.engagements);
}

}  // namespace

int run_status(const StatusOptions& opts, Context& ctx) {
  Status s = read_status(ctx.sys);
  if (opts.json)
    ctx.out << status_json(s).dump(2) << "\n";
  else
    print_status(ctx, s);
  if (s.error) return kExitSystem;
  // Printed in full either way; the exit code lets a script tell.
  return s.backend == system::Backend::kNone ? kExitUnavailable : kExitOk;
}

}  // namespace ks::commands
