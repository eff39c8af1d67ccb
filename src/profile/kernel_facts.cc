#include "profile/kernel_facts.h"

#include <regex>
#include <sstream>

namespace ks::profile {

std::string debian_version_from_proc(std::string_view proc_version) {
  // The compiler's version comes first ("(gcc-12 (Debian 12.2.0-14) ...)");
  // the kernel package's is the last "Debian <version>", after the build
  // number ("#1 SMP ... Debian 6.1.192-3"). A kernel built on Debian but not
  // packaged by it (make intree) has only the compiler's: it has none.
  static const std::regex kDebian(R"(\bDebian ([0-9][0-9A-Za-z.+~:-]*))");
  std::string found;
  auto build = proc_version.find(" #");
  if (build == std::string_view::npos) return found;
  std::string text(proc_version.substr(build));
  for (std::sregex_iterator it(text.begin(), text.end(), kDebian), end; it != end; ++it) found = (*it)[1].str();
  return found;
}

util::Result<std::set<std::string>> cves_fixed_up_to(std::string_view changelog, std::string_view running) {
  // An entry starts with "<source> (<version>) <distribution>; urgency=...".
  static const std::regex kHeader(R"(^([a-z0-9][a-z0-9+.-]*) \(([^)]+)\) )");
  static const std::regex kCve(R"(CVE-[0-9]{4}-[0-9]{4,})");
  std::set<std::string> cves;
  bool counting = false;
  std::istringstream in{std::string(changelog)};
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    // Cheap tests first: the changelog has tens of thousands of lines.
    if (!line.empty() && line[0] != ' ' && std::regex_search(line, m, kHeader)) {
      std::string version = m[2].str();
      // linux-signed-* writes the version it signs with '+' for '-'.
      if (m[1].str().rfind("linux-signed", 0) == 0) {
        auto plus = version.rfind('+');
        if (plus != std::string::npos) version[plus] = '-';
      }
      auto cmp = compare_debian(version, running);
      if (!cmp) return util::fail("changelog entry \"" + line + "\": " + cmp.error().what);
      counting = *cmp <= 0;
      continue;
    }
    if (!counting || line.find("CVE-") == std::string::npos) continue;
    for (std::sregex_iterator it(line.begin(), line.end(), kCve), end; it != end; ++it) cves.insert(it->str());
  }
  return cves;
}

util::Result<KernelFacts> read_kernel_facts(const system::System& sys) {
  KernelFacts facts;
  KS_TRY_ASSIGN(facts.release, sys.kernel_release());
  if (auto proc = sys.proc_version()) facts.debian_version = debian_version_from_proc(*proc);
  // Debian's release (6.1.0-56-amd64) hides the upstream version; the
  // package version (6.1.192-2) carries it.
  auto upstream = parse_upstream_version(facts.debian_version.empty() ? facts.release : facts.debian_version);
  if (!upstream) return util::fail("kernel release: " + upstream.error().what);
  facts.upstream = *upstream;
  if (facts.debian_version.empty()) return facts;
  if (auto ok = check_debian_version(facts.debian_version); !ok) return util::fail("/proc/version: " + ok.error().what);

  KS_TRY_ASSIGN(auto changelog, sys.kernel_changelog(facts.release));
  if (changelog) {
    auto cves = cves_fixed_up_to(changelog->text, facts.debian_version);
    if (!cves) return util::fail(changelog->path + ": " + cves.error().what);
    facts.changelog_path = changelog->path;
    facts.fixed_cves = std::move(*cves);
  }
  return facts;
}

}  // namespace ks::profile
