#include "commands/status.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "explain/kernel_error.h"
#include "uapi/killswitch.h"
#include "sysfs/engaged_line.h"
#include "system/backend.h"
#include "values/value.h"

namespace ks::commands {

void setup_status(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "Show engagements, hits, passes, taint, lockdown and the backend");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->footer(kExitCodesHelp);
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_status(*opts, ctx); });
}

int run_status(const StatusOptions& opts, Context& ctx) {
  auto backend = system::detect_backend(ctx.sys);
  std::string lockdown = explain::lockdown_level(ctx.sys.lockdown().value_or(""));
  long kernel_taint = std::strtol(ctx.sys.kernel_taint().value_or("0").c_str(), nullptr, 10);

  nlohmann::json j;
  j["backend"] = system::backend_name(backend);
  j["missing_features"] = system::missing_features(backend);
  j["lockdown"] = lockdown;
  j["kernel_taint"] = kernel_taint;
  j["engagements"] = nlohmann::json::array();
  j["tainted"] = nullptr;

  int code = kExitOk;
  std::string error;
  if (backend != system::Backend::kNone) {
    if (auto taint = ctx.sys.killswitch_read(KS_TAINT_FILE)) j["tainted"] = taint->rfind("1", 0) == 0;
    auto text = ctx.sys.killswitch_read(KS_ENGAGED_FILE);
    tl::expected<std::vector<sysfs::EngagedLine>, std::string> lines = tl::unexpected(std::string());
    if (text)
      lines = sysfs::parse_engaged(*text);
    else
      lines = tl::unexpected(text.error().message());
    if (!lines) {
      error = lines.error();
      code = kExitSystem;
    } else {
      for (const auto& l : *lines) {
        nlohmann::json e{{"target", l.symbol}, {"retval", l.retval}, {"hits", l.hits}};
        auto get = [&](const char* key) -> nlohmann::json {
          auto it = l.extra.find(key);
          return it == l.extra.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
        };
        e["state"] = get("state");
        e["condition"] = get("if");
        e["module"] = get("module");
        auto passes = l.extra.find("passes");
        e["passes"] = passes == l.extra.end() ? nlohmann::json(nullptr)
                                              : nlohmann::json(std::strtoul(passes->second.c_str(), nullptr, 10));
        e["timeout_left"] = get("timeout_left");
        j["engagements"].push_back(e);
      }
    }
  }

  if (opts.json) {
    if (!error.empty()) j["error"] = error;
    ctx.out << j.dump(2) << "\n";
    return code;
  }
  switch (backend) {
    case system::Backend::kNone:
      ctx.out << "killswitch: not available (load it with 'modprobe killswitch')\n";
      break;
    case system::Backend::kModule:
      ctx.out << "killswitch: killswitch.ko (all features)\n";
      break;
    case system::Backend::kBuiltin: {
      ctx.out << "killswitch: the kernel's built-in killswitch; missing: ";
      std::string list;
      for (const auto& f : system::missing_features(backend)) list += (list.empty() ? "" : ", ") + f;
      ctx.out << list << "\n";
      break;
    }
  }
  ctx.out << "lockdown: " << lockdown
          << (lockdown == "integrity" || lockdown == "confidentiality" ? " (runtime changes are refused)" : "") << "\n";
  ctx.out << "kernel taint: " << kernel_taint << ", killswitch taint: "
          << (j["tainted"].is_null()     ? "unknown"
              : j["tainted"].get<bool>() ? "yes"
                                         : "no")
          << "\n";
  if (!error.empty()) ctx.err << "killswitch status: " << error << "\n";
  if (j["engagements"].empty()) {
    ctx.out << "nothing engaged\n";
    return code;
  }
  ctx.out << fmt::format("{:<36} {:>18} {:>10} {:>10} {:<11} {}\n", "TARGET", "RETVAL", "HITS", "PASSES", "STATE",
                         "CONDITION");
  for (const auto& e : j["engagements"]) {
    auto text = [](const nlohmann::json& v) {
      return v.is_null() ? std::string("-") : v.is_string() ? v.get<std::string>() : v.dump();
    };
    ctx.out << fmt::format("{:<36} {:>18} {:>10} {:>10} {:<11} {}\n", e["target"].get<std::string>(),
                           values::describe_value(e["retval"].get<long>()), e["hits"].get<unsigned long>(),
                           text(e["passes"]), text(e["state"]), text(e["condition"]));
  }
  return code;
}

}  // namespace ks::commands
