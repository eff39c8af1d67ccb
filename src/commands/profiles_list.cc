// killswitch profiles list: every catalog and persisted profile, and where
// each stands on this host (profile/standing.h), filtered by CVE, subsystem
// or need. A profile that does not apply here is a line that says so.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/profiles.h"
#include "profile/catalog.h"
#include "profile/kernel_facts.h"
#include "profile/standing.h"
#include "wire/channel.h"
#include "wire/engaged.h"

namespace ks::commands {
namespace {

struct Listed {
  const profile::Profile* profile;
  bool persisted;
  profile::Standing standing;
};

// "net" takes net and net/tipc, not netfilter.
bool in_subsystem(const std::string& subsystem, const std::string& wanted) {
  return wanted.empty() || subsystem == wanted || subsystem.rfind(wanted + "/", 0) == 0;
}

std::string need_word(const profile::Standing& s) {
  if (!s.need) return "?";
  std::string word(profile::need_name(s.need->need));
  for (char& c : word)
    if (c == ' ') c = '-';
  return word;
}

bool selected(const ProfilesListOptions& opts, const profile::Profile& p) {
  return p.id.rfind(opts.cve, 0) == 0 && in_subsystem(p.subsystem, opts.subsystem);
}

// The first sentence of @text, cut at @width.
std::string first_sentence(const std::string& text, size_t width) {
  std::string s = text.substr(0, text.find(". "));
  return s.size() > width ? s.substr(0, width - 3) + "..." : s;
}

nlohmann::json listed_json(const Listed& l) {
  const auto& p = *l.profile;
  const auto& s = l.standing;
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : p.targets) targets.push_back(t.function);
  nlohmann::json j{{"id", p.id},
                   {"title", p.title},
                   {"subsystem", p.subsystem},
                   {"source", p.source.string()},
                   {"targets", targets},
                   {"need", s.need ? std::string(profile::need_name(s.need->need)) : "?"},
                   {"applicable", profile::applicable_name(s.applicable)},
                   {"applied", s.applied},
                   {"persisted", l.persisted},
                   {"breaks", p.breaks},
                   {"preserves", p.preserves}};
  if (s.need) j["applicability"] = s.need->reason;
  if (!s.applicable_why.empty()) j["applicable_reason"] = s.applicable_why;
  return j;
}

void print_listed(std::ostream& out, const std::vector<Listed>& list) {
  out << fmt::format("{:<16} {:<10} {:<11} {:<9} {:<15} {}\n", "PROFILE", "NEED", "APPLICABLE", "APPLIED", "SUBSYSTEM",
                     "TITLE");
  for (const auto& l : list) {
    const auto& s = l.standing;
    std::string applied = s.applied ? (l.persisted ? "persisted" : "yes") : (l.persisted ? "at-boot" : "no");
    out << fmt::format("{:<16} {:<10} {:<11} {:<9} {:<15} {}\n", l.profile->id, need_word(s),
                       profile::applicable_name(s.applicable), applied, l.profile->subsystem, l.profile->title);
    if (s.applicable == profile::Applicable::kNo) out << "    not applicable: " << s.applicable_why << "\n";
    out << "    breaks: " << first_sentence(l.profile->breaks, 110) << "\n";
  }
}

}  // namespace

int run_profiles_list(const ProfilesListOptions& opts, Context& ctx) {
  auto facts = profile::read_kernel_facts(ctx.sys);
  std::vector<std::filesystem::path> dirs = ctx.paths.catalog_dirs;
  dirs.push_back(ctx.paths.persist_dir);
  std::error_code ec;
  std::vector<std::filesystem::path> existing;
  for (const auto& d : dirs)
    if (std::filesystem::is_directory(d, ec)) existing.push_back(d);
  profile::Loaded all = profile::load_profiles(existing);

  std::vector<wire::EngagedLine> engaged;
  if (ctx.sys.killswitch_present()) engaged = wire::read_engaged(ctx.sys).value_or(std::vector<wire::EngagedLine>{});
  kernel::KernelInfo info(ctx.sys);
  const auto backend = system::detect_backend(ctx.sys);
  std::vector<Listed> list;
  std::set<std::string> seen;
  for (const auto& p : all.profiles) {
    if (!seen.insert(p.id).second || !selected(opts, p)) continue;  // a persisted copy of a catalog profile
    Listed l{&p, persisted(ctx, p.id), profile::stand(p, facts, info, backend, engaged)};
    if (!opts.need.empty() && need_word(l.standing) != opts.need) continue;
    list.push_back(std::move(l));
  }
  if (opts.json) {
    nlohmann::json profiles = nlohmann::json::array();
    for (const auto& l : list) profiles.push_back(listed_json(l));
    nlohmann::json out{{"profiles", profiles}};
    if (facts) out["kernel"] = facts->release;
    print_json(ctx.out, out);
  } else {
    print_listed(ctx.out, list);
    if (!facts) ctx.err << "killswitch profiles: " << facts.error().message() << "\n";
  }
  for (const auto& e : all.errors) ctx.err << "killswitch profiles: " << e.message() << "\n";
  return all.errors.empty() ? kExitOk : kExitUsage;
}

}  // namespace ks::commands
