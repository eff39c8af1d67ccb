// Kernel versions as the profiles name them: upstream stable versions
// ("6.1.170") and Debian package versions ("6.1.170-1"), the latter compared
// by libdpkg with dpkg's own rules (epochs, '~', revisions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace ks::profile {

// An upstream version: dot-separated numbers, "6.1.170".
struct UpstreamVersion {
  std::vector<long> parts;

  std::string str() const;
  // "6.1" for 6.1.170: the stable series, which is how fixes are matched.
  std::string series() const;
};

// Leading "<n>.<n>[.<n>...]" of @text: "6.1.0-56-amd64" gives 6.1.0 and
// "6.1.192-2" gives 6.1.192. An error when @text does not start that way.
util::Result<UpstreamVersion> parse_upstream_version(std::string_view text);

// <0, 0, >0 like strcmp; missing trailing parts count as 0 (6.1 == 6.1.0).
int compare_upstream(const UpstreamVersion& a, const UpstreamVersion& b);

// Checks @text is a well-formed Debian version; the error is libdpkg's.
util::Result<void> check_debian_version(std::string_view text);

// <0, 0, >0 by dpkg's ordering; an error when either is malformed.
util::Result<int> compare_debian(std::string_view a, std::string_view b);

}  // namespace ks::profile
