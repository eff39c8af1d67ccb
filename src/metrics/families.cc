#include "metrics/families.h"

#include <algorithm>
#include <map>
#include <set>

#include "profile/applicability.h"
#include "profile/ownership.h"
#include "util/text.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::metrics {
namespace {

Family family(std::string name, std::string help, Type type = Type::kGauge) {
  return Family{std::move(name), std::move(help), type, {}};
}

Family single(std::string name, std::string help, uint64_t value, Labels labels = {}) {
  Family f = family(std::move(name), std::move(help));
  f.samples.push_back({std::move(labels), value});
  return f;
}

void add_engagements(const Snapshot& s, std::vector<Family>& out) {
  Family info = family("killswitch_engagement_info",
                       "One per engaged function: its value, state, engine, condition and the profile that engaged it "
                       "(empty: engaged by hand)");
  Family hits =
      family("killswitch_engagement_hits_total",
             "Calls of the function that matched since it was engaged (short-circuited when engaged)", Type::kCounter);
  Family passes = family("killswitch_engagement_passes_total",
                         "Calls of the function its condition let through to the real function", Type::kCounter);
  for (const auto& line : s.engagements) {
    // Profiles from the persist folder and the catalog whose target (or a
    // clone of it) this line is, as they engage it.
    std::set<std::string> owners;
    for (const auto* list : {&s.persisted, &s.catalog})
      for (const auto& p : *list)
        if (profile::owns(p, s.engagements, line)) owners.insert(p.id);
    auto state = line.state();
    // The target is the module's key (one line each), so every label set is unique.
    info.samples.push_back({{{"function", line.target},
                             {"value", std::to_string(line.retval)},
                             {"errno", line.field(KS_KEY_ERRNO)},
                             {"state", state ? std::string(wire::state_name(*state)) : std::string()},
                             {"engine", line.field(KS_KEY_ENGINE)},
                             {"condition", line.condition()},
                             {"profile", util::join({owners.begin(), owners.end()}, ",")}},
                            1});
    hits.samples.push_back({{{"function", line.target}}, line.hits});
    if (auto p = line.passes()) passes.samples.push_back({{{"function", line.target}}, *p});
  }
  out.push_back(std::move(info));
  out.push_back(std::move(hits));
  out.push_back(std::move(passes));
}

struct ProfileView {
  const profile::Profile* profile;
  bool persisted;
};

// Every persisted profile, and every catalog profile applied now; one per
// id (the persisted copy first: it is the one the next boot applies).
std::vector<ProfileView> profiles_shown(const Snapshot& s) {
  std::vector<ProfileView> shown;
  std::set<std::string> ids;
  for (const auto& p : s.persisted)
    if (ids.insert(p.id).second) shown.push_back({&p, true});
  for (const auto& p : s.catalog)
    if (!ids.count(p.id) && profile::applied(p, s.engagements) && ids.insert(p.id).second) shown.push_back({&p, false});
  return shown;
}

void add_profiles(const Snapshot& s, std::vector<Family>& out) {
  Family applied = family("killswitch_profile_applied", "1 when every target of the profile is engaged as it says");
  Family persisted = family("killswitch_profile_persisted", "1 when the profile is applied at every boot (persisted)");
  Family needed = family("killswitch_profile_needed",
                         "1 when the running kernel is known to need the profile; 0 when it is known not to, or "
                         "unknown (see killswitch_profile_need_known); reason says why");
  Family known = family("killswitch_profile_need_known",
                        "1 when whether the running kernel needs the profile is known, 0 when nothing recorded says");
  for (const auto& [p, is_persisted] : profiles_shown(s)) {
    profile::Verdict v = s.facts ? profile::decide(*p, *s.facts)
                                 : profile::Verdict{profile::Need::kUnknown, "the running kernel's version is unknown"};
    Labels id{{"profile", p->id}};
    applied.samples.push_back({id, profile::applied(*p, s.engagements) ? 1u : 0u});
    persisted.samples.push_back({id, is_persisted ? 1u : 0u});
    needed.samples.push_back({{{"profile", p->id}, {"reason", v.reason}}, v.needed() ? 1u : 0u});
    known.samples.push_back({id, v.need == profile::Need::kUnknown ? 0u : 1u});
  }
  out.push_back(std::move(applied));
  out.push_back(std::move(persisted));
  out.push_back(std::move(needed));
  out.push_back(std::move(known));
  out.push_back(single("killswitch_persisted_profiles", "Profiles in the persist folder (applied at every boot)",
                       s.persisted_files));
}

void add_state(const Snapshot& s, std::vector<Family>& out) {
  if (s.tainted)
    out.push_back(single("killswitch_tainted", "1 once anything was engaged since killswitch loaded", *s.tainted));
  else
    out.push_back(family("killswitch_tainted", "1 once anything was engaged since killswitch loaded"));
  Family kernel_taint = family("killswitch_kernel_taint", "The kernel's taint flags (/proc/sys/kernel/tainted)");
  if (s.kernel_taint) kernel_taint.samples.push_back({{}, *s.kernel_taint});
  out.push_back(std::move(kernel_taint));
  Family refused = family("killswitch_refused_commands_total",
                          "Writes to the control file that killswitch refused since it loaded", Type::kCounter);
  if (s.refused) refused.samples.push_back({{}, *s.refused});
  out.push_back(std::move(refused));
  Family errors = family("killswitch_metrics_errors",
                         "Reads that failed in this run, per source (not root, a malformed profile, ...)");
  for (const char* source : kSources) {
    auto n = std::count_if(s.errors.begin(), s.errors.end(), [&](const ReadError& e) { return e.source == source; });
    errors.samples.push_back({{{"source", source}}, static_cast<uint64_t>(n)});
  }
  out.push_back(std::move(errors));
}

}  // namespace

std::vector<Family> families(const Snapshot& s, const std::string& version) {
  std::vector<Family> out;
  const bool up = s.backend != system::Backend::kNone;
  out.push_back(single("killswitch_up", "1 when the killswitch interface is present (module loaded or built in)", up));
  out.push_back(single("killswitch_info", "The killswitch tool's version and the backend it found", 1,
                       {{"version", version}, {"backend", system::backend_name(s.backend)}}));
  out.push_back(single("killswitch_kernel_info", "The running kernel: its release and Debian package version", 1,
                       {{"release", s.release}, {"debian_version", s.debian_version}}));
  add_state(s, out);
  add_engagements(s, out);
  add_profiles(s, out);
  return out;
}

}  // namespace ks::metrics
