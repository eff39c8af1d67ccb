#include "commands/status.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "profile/applicability.h"
#include "profile/boot_cmdline.h"
#include "profile/catalog.h"
#include "profile/kernel_facts.h"
#include "system/backend.h"
#include "system/boot_security.h"
#include "system/lockdown.h"
#include "util/file_io.h"
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
  system::BootSecurity security;
  // What the next boot engages: persisted profiles (killswitch.service)
  // and the kernel command line fragment (persist --boot).
  std::vector<std::string> persisted;
  // Each persisted profile and whether the running kernel needs it, and why.
  std::vector<std::pair<std::string, profile::Verdict>> needs;
  std::string boot_parameter;
  std::string module_version;  // of the loaded killswitch.ko
  nlohmann::json catalog;      // {"path", "profiles"}: what the catalog holds
  std::optional<util::Error> boot_error;
};

void read_next_boot(const Context& ctx, Status& s) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(ctx.paths.persist_dir, ec))
    if (entry.path().extension() == ".toml") s.persisted.push_back(entry.path().stem().string());
  std::sort(s.persisted.begin(), s.persisted.end());
  if (auto facts = profile::read_kernel_facts(ctx.sys); facts && !s.persisted.empty()) {
    profile::Loaded loaded = profile::load_profiles({ctx.paths.persist_dir});
    for (const auto& p : loaded.profiles) s.needs.emplace_back(p.id, profile::decide(p, *facts));
  }
  if (!std::filesystem::exists(ctx.paths.boot_cmdline_file, ec)) return;
  auto text = util::read_text(ctx.paths.boot_cmdline_file);
  auto parsed = text ? profile::parse_boot_file(*text) : util::Result<profile::BootProfiles>(util::fail(text.error()));
  if (parsed)
    s.boot_parameter = profile::engage_parameter(*parsed);
  else
    s.boot_error = parsed.error();
}

Status read_status(const Context& ctx) {
  const system::System& sys = ctx.sys;
  Status s;
  read_next_boot(ctx, s);
  s.security = system::read_boot_security(sys);
  s.module_version = sys.module_version("killswitch").value_or("");
  std::error_code ec;
  size_t profiles = 0;
  for (const auto& dir : ctx.paths.catalog_dirs)
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      profiles += entry.path().extension() == ".toml";
  s.catalog = {{"paths", nlohmann::json::array()}, {"profiles", profiles}};
  for (const auto& dir : ctx.paths.catalog_dirs) s.catalog["paths"].push_back(dir.string());
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
  if (s.error) j["error"] = error_json(kExitSystem, s.error->message());
  const auto& sec = s.security;
  nlohmann::json module{{"file", or_null(sec.module_file)}};
  if (sec.module) {
    module["signed"] = sec.module->is_signed;
    module["signer"] = or_null(sec.module->signer);
    module["key"] = or_null(sec.module->key);
  } else {
    module["signed"] = nullptr;
    module["error"] = sec.module_error;
  }
  j["secure_boot"] = or_null(sec.secure_boot);
  j["module"] = module;
  j["engage_route"] = system::engage_route(sec, s.backend);
  j["next_boot"] = {{"persisted", s.persisted}, {"kernel_cmdline", or_null(s.boot_parameter)}};
  j["next_boot"]["need"] = nlohmann::json::array();
  for (const auto& [id, verdict] : s.needs)
    j["next_boot"]["need"].push_back(
        {{"id", id}, {"need", profile::need_name(verdict.need)}, {"reason", verdict.reason}});
  j["versions"] = {{"tool", KS_VERSION},
                   {"json", kJsonVersion},
                   {"abi", KS_ABI_VERSION},
                   {"module", or_null(s.module_version)},
                   {"catalog", s.catalog}};
  if (s.boot_error) j["next_boot"]["error"] = s.boot_error->message();
  return j;
}

std::string backend_line(system::Backend backend) {
  switch (backend) {
    case system::Backend::kNone:
      return "killswitch: not available (load it with 'modprobe killswitch')";
    case system::Backend::kModule:
      return "killswitch: killswitch.ko (all features)";
    case system::Backend::kInTree:
      return "killswitch: built into the kernel (the in-tree series; all features)";
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

std::string module_line(const system::BootSecurity& sec) {
  if (!sec.module)
    return "module file: " + (sec.module_file.empty() ? sec.module_error : sec.module_file + ": " + sec.module_error);
  if (!sec.module->is_signed) return "module file: " + sec.module_file + ", not signed";
  return "module file: " + sec.module_file + ", signed by \"" + sec.module->signer + "\" (key " + sec.module->key + ")";
}

void print_security(Context& ctx, const Status& s) {
  const auto& sec = s.security;
  ctx.out << "secure boot: "
          << (!sec.secure_boot   ? "unknown (no UEFI variables)"
              : *sec.secure_boot ? "on"
                                 : "off")
          << "\n";
  ctx.out << "lockdown: " << system::lockdown_name(s.lockdown)
          << (system::refuses_changes(s.lockdown) ? " (runtime changes are refused)" : "") << "\n";
  ctx.out << module_line(sec) << "\n";
  ctx.out << "to engage: " << system::engage_route(sec, s.backend) << "\n";
  ctx.out << "next boot: "
          << (s.persisted.empty() ? std::string("no persisted profiles")
                                  : "applies " + util::join(s.persisted) + " (killswitch.service)")
          << (s.boot_parameter.empty() ? "" : "; kernel command line (after update-grub): " + s.boot_parameter) << "\n";
  for (const auto& [id, verdict] : s.needs)
    ctx.out << "  " << id << ": " << profile::need_name(verdict.need) << ": " << verdict.reason << "\n";
  if (s.boot_error) ctx.err << "killswitch status: " << s.boot_error->message() << "\n";
}

void print_status(Context& ctx, const Status& s) {
  ctx.out << backend_line(s.backend) << "\n";
  print_security(ctx, s);
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
  Status s = read_status(ctx);
  if (opts.json)
    print_json(ctx.out, status_json(s));
  else
    print_status(ctx, s);
  if (s.error) return kExitSystem;
  // Printed in full either way; the exit code lets a script tell.
  return s.backend == system::Backend::kNone ? kExitUnavailable : kExitOk;
}

}  // namespace ks::commands
