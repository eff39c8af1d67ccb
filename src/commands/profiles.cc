#include "commands/profiles.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/report_output.h"
#include "profile/applicability.h"
#include "profile/applier.h"
#include "profile/catalog.h"
#include "profile/kernel_facts.h"
#include "profile/report.h"
#include "util/text.h"

namespace ks::commands {

void setup_profiles(CLI::App& app, Context& ctx, int& exit_code) {
  auto* cmd = app.add_subcommand("profiles", "List, show and validate mitigation profiles");
  cmd->require_subcommand(1);

  auto list = std::make_shared<ProfilesListOptions>();
  auto* l = cmd->add_subcommand("list", "The catalog and persisted profiles, and whether this kernel needs each");
  l->add_flag("--json", list->json, "print JSON");
  l->add_option("--cve", list->cve, "only profiles whose id starts so (CVE-2026-31431, CVE-2026)");
  l->add_option("--subsystem", list->subsystem, "only profiles of this part of the kernel (net, net/tipc, fs)");
  l->add_option("--need", list->need, "only profiles this kernel needs, does not need, or may need")
      ->check(CLI::IsMember({"needed", "not-needed", "unknown"}));
  l->footer(
      "Columns: need (the version rules), applicable (its functions are here and the safety rules take\n"
      "them; when-loaded: in a module not loaded yet), applied (engaged as it says now). Profiles that\n"
      "do not apply to this kernel are listed as such; only malformed ones are errors.");
  l->callback([list, &ctx, &exit_code] { exit_code = run_profiles_list(*list, ctx); });

  auto show = std::make_shared<ProfilesShowOptions>();
  auto* s = cmd->add_subcommand("show", "Everything a profile says, and whether this kernel needs it");
  s->add_option("profile", show->profile, "profile id (CVE-...) or file")->required();
  s->add_flag("--json", show->json, "print JSON");
  s->callback([show, &ctx, &exit_code] { exit_code = run_profiles_show(*show, ctx); });

  auto validate = std::make_shared<ProfilesValidateOptions>();
  auto* v = cmd->add_subcommand("validate", "Check profile files; errors name file and line");
  v->add_option("paths", validate->paths, "profile files or folders")->required();
  v->add_flag("--json", validate->json, "print JSON");
  v->callback([validate, &ctx, &exit_code] { exit_code = run_profiles_validate(*validate, ctx); });
}

bool persisted(const Context& ctx, const std::string& id) {
  std::error_code ec;
  return std::filesystem::exists(ctx.paths.persist_dir / (id + ".toml"), ec);
}

namespace {

nlohmann::json profile_json(const profile::Profile& p) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : p.targets) {
    nlohmann::json j{{"function", t.function}, {"value", t.value}, {"retval", t.retval}};
    if (!t.condition.empty()) j["condition"] = t.condition;
    targets.push_back(std::move(j));
  }
  nlohmann::json deb = nlohmann::json::array();
  for (const auto& f : p.fixed_packages) deb.push_back(f.version);
  return {{"id", p.id},
          {"title", p.title},
          {"subsystem", p.subsystem},
          {"summary", p.summary},
          {"references", p.references},
          {"source", p.source.string()},
          {"introduced", p.introduced},
          {"fixed", {{"upstream", p.fixed_upstream}, {"debian", deb}, {"note", p.fix_note}}},
          {"targets", targets},
          {"preserves", p.preserves},
          {"breaks", p.breaks}};
}

}  // namespace

int run_profiles_show(const ProfilesShowOptions& opts, Context& ctx) {
  auto dirs = ctx.paths.catalog_dirs;
  dirs.push_back(ctx.paths.persist_dir);
  auto p = profile::find_profile(opts.profile, dirs);
  if (!p) {
    int code = profile::is_malformed(p.error()) ? kExitUsage : kExitNotFound;
    if (opts.json) return print_json_error(ctx.out, code, p.error().message());
    ctx.err << "killswitch profiles show: " << p.error().message() << "\n";
    return code;
  }
  auto facts = profile::read_kernel_facts(ctx.sys);
  std::optional<profile::Verdict> verdict;
  if (facts) verdict = profile::decide(*p, *facts);
  if (opts.json) {
    auto j = profile_json(*p);
    j["persisted"] = persisted(ctx, p->id);
    if (verdict) j["applicability"] = {{"need", profile::need_name(verdict->need)}, {"reason", verdict->reason}};
    print_json(ctx.out, j);
    return kExitOk;
  }
  auto& o = ctx.out;
  o << p->id << ": " << p->title << "\n\n" << p->summary << "\n\n";
  o << "Targets:\n";
  for (const auto& t : p->targets)
    o << "  " << t.function << " -> " << t.value << (t.condition.empty() ? "" : " if " + t.condition) << "\n";
  o << "Preserves: " << p->preserves << "\n";
  o << "Breaks: " << p->breaks << "\n";
  o << "Fixed:";
  for (const auto& v : p->fixed_upstream) o << " " << v;
  for (const auto& f : p->fixed_packages) o << " " << f.distribution << " " << f.version;
  o << "\n";
  if (!p->fix_note.empty()) o << "Note: " << p->fix_note << "\n";
  for (const auto& r : p->references) o << "See: " << r << "\n";
  if (verdict) o << "On this kernel: " << profile::need_name(verdict->need) << ": " << verdict->reason << "\n";
  o << "Persisted: " << (persisted(ctx, p->id) ? "yes" : "no") << "\n";
  return kExitOk;
}

namespace {

// One profile as validation judged it against the running kernel.
struct Judged {
  const profile::Profile* profile;
  engage::Plan plan;
};

nlohmann::json judged_json(const Judged& j) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& r : j.plan.reports)
    targets.push_back({{"target", r.target},
                       {"verdict", check::severity_name(r.verdict())},
                       {"rule", r.rule},
                       {"pending", r.pending}});
  nlohmann::json out{{"id", j.profile->id}, {"file", j.profile->source.string()}, {"targets", targets}};
  if (!j.plan.ok()) out["error"] = error_json(plan_exit_code(j.plan), j.plan.why);
  return out;
}

}  // namespace

int run_profiles_validate(const ProfilesValidateOptions& opts, Context& ctx) {
  std::vector<std::filesystem::path> paths(opts.paths.begin(), opts.paths.end());
  profile::Loaded all = profile::load_profiles(paths);
  if (all.profiles.empty() && all.errors.empty())
    all.errors.push_back(util::Error{"no profiles (*.toml) in " + util::join(opts.paths), {}, std::nullopt});
  // Well-formed is not enough: each target goes through the checks engage
  // makes, on the running kernel, so a profile the safety rules refuse
  // fails here and not at apply.
  kernel::KernelInfo info(ctx.sys);
  auto backend = system::detect_backend(ctx.sys);
  std::vector<Judged> judged;
  int code = all.errors.empty() ? kExitOk : kExitUsage;
  for (const auto& p : all.profiles) {
    judged.push_back({&p, profile::plan_profile(p, info, backend)});
    if (!judged.back().plan.ok() && code == kExitOk) code = plan_exit_code(judged.back().plan);
  }
  if (opts.json) {
    nlohmann::json ok = nlohmann::json::array();
    nlohmann::json refused = nlohmann::json::array();
    for (const auto& j : judged) (j.plan.ok() ? ok : refused).push_back(judged_json(j));
    nlohmann::json bad = nlohmann::json::array();
    for (const auto& e : all.errors) bad.push_back(profile::error_json(e));
    print_json(ctx.out, nlohmann::json{{"valid", ok}, {"refused", refused}, {"errors", bad}, {"exit_code", code}});
  } else {
    for (const auto& j : judged) {
      if (j.plan.ok()) {
        ctx.out << j.profile->source.string() << ": ok (" << j.profile->id << ")\n";
        for (const auto& r : j.plan.reports)
          if (r.pending)
            ctx.out << "  " << r.target << ": " << r.module_requested
                    << " is not loaded here: its return type is judged when it loads\n";
      } else {
        ctx.err << j.profile->source.string() << ": " << j.profile->id << ": " << j.plan.why << "\n";
      }
    }
    for (const auto& e : all.errors) ctx.err << e.message() << "\n";
  }
  return code;
}

}  // namespace ks::commands
