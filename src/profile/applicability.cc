#include "profile/applicability.h"

namespace ks::profile {

namespace {

std::string running(const KernelFacts& f) {
  std::string s = f.release + " (" + f.upstream.str();
  if (!f.debian_version.empty()) s += ", Debian " + f.debian_version;
  return s + ")";
}

}  // namespace

std::string_view need_name(Need need) {
  switch (need) {
    case Need::kNeeded:
      return "needed";
    case Need::kNotNeeded:
      return "not needed";
    case Need::kUnknown:
      return "unknown";
  }
  return "unknown";
}

// The rules, first match wins:
//  1. the installed Debian changelog lists the CVE up to the running version: not needed;
//  2. a Debian fix is known for this upstream series and the running package is at or past it: not needed;
//  3. the running version predates [affected] introduced: not needed;
//  4. an upstream fix is known for this series and the running version is at or past it: not needed;
//  5. a fix is known for this series and the running kernel is before it: needed;
//  6. the running series is the mainline release with the fix or later: not needed;
//  7. otherwise unknown: nothing recorded says whether this series has the fix.
Verdict decide(const Profile& p, const KernelFacts& f) {
  if (f.fixed_cves.count(p.id))
    return {Need::kNotNeeded, "the kernel's changelog (" + f.changelog_path + ") lists " + p.id +
                                  " as fixed in a version up to the running Debian " + f.debian_version};

  const std::string series = f.upstream.series();
  std::string known_fix;
  if (!f.debian_version.empty()) {
    for (const PackageFix& fix : p.fixed_packages) {
      if (fix.distribution != "debian") continue;
      auto fixed_up = parse_upstream_version(fix.version);
      if (!fixed_up || fixed_up->series() != series) continue;
      auto cmp = compare_debian(f.debian_version, fix.version);
      if (cmp && *cmp >= 0)
        return {Need::kNotNeeded, "the running Debian kernel " + f.debian_version + " is at or past " + fix.version +
                                      ", which fixes " + p.id};
      known_fix = "Debian " + fix.version;
    }
  }
  if (!p.introduced.empty()) {
    auto intro = parse_upstream_version(p.introduced);
    if (intro && compare_upstream(f.upstream, *intro) < 0)
      return {Need::kNotNeeded,
              "the running kernel " + f.upstream.str() + " predates " + p.introduced + ", where the bug came in"};
  }
  for (const std::string& up : p.fixed_upstream) {
    auto fixed_up = parse_upstream_version(up);
    if (!fixed_up || fixed_up->series() != series) continue;
    // A Debian kernel is judged by its package version when a Debian fix is
    // known: Debian backports fixes ahead of the stable release.
    if (!known_fix.empty()) break;
    if (compare_upstream(f.upstream, *fixed_up) >= 0)
      return {Need::kNotNeeded,
              "the running kernel " + f.upstream.str() + " is at or past " + up + ", which fixes " + p.id};
    known_fix = up;
  }
  if (!known_fix.empty())
    return {Need::kNeeded, "the running kernel " + running(f) + " is before the fix (" + known_fix + ")"};
  if (!p.fixed_mainline.empty()) {
    auto mainline = parse_upstream_version(p.fixed_mainline);
    // Every release from the mainline one with the fix on has it.
    if (mainline && compare_upstream(*parse_upstream_version(series), *mainline) >= 0)
      return {Need::kNotNeeded, "the running " + series + " series has the fix for " + p.id + ": it came in mainline " +
                                    p.fixed_mainline};
  }
  return {Need::kUnknown, "this profile does not record whether the " + series + " series has the fix" +
                              (p.fixed_mainline.empty() ? std::string() : " (mainline: " + p.fixed_mainline + ")") +
                              "; the running kernel " + running(f) + " may or may not be vulnerable"};
}

}  // namespace ks::profile
