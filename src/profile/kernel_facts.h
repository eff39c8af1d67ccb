// The running kernel as the applicability rules see it: its release, its
// upstream version, its Debian package version and, from the installed
// Debian changelog, the CVEs fixed up to that version.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "profile/versions.h"
#include "system/system.h"

namespace ks::profile {

struct KernelFacts {
  std::string release;               // "6.1.0-56-amd64"
  UpstreamVersion upstream;          // 6.1.192
  std::string debian_version;        // "6.1.192-2"; empty on a kernel that is not Debian's
  std::string changelog_path;        // empty when no changelog is installed
  std::set<std::string> fixed_cves;  // CVE ids the changelog lists up to debian_version
};

// "Debian 6.1.192-2" in /proc/version; empty when there is none.
std::string debian_version_from_proc(std::string_view proc_version);

// CVE ids in the entries of @changelog whose version is at most @running.
util::Result<std::set<std::string>> cves_fixed_up_to(std::string_view changelog, std::string_view running);

util::Result<KernelFacts> read_kernel_facts(const system::System& sys);

}  // namespace ks::profile
