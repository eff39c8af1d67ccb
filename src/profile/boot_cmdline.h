// The route that stays open on a locked-down host (Secure Boot): the kernel
// engages at boot what its own command line names (killswitch.engage=, which
// the module accepts under lockdown only from the command line, docs/abi.md).
// `persist --boot` keeps that list in a grub fragment, one comment line per
// profile so `unpersist --boot` can take a profile out again:
//
//   # profile CVE-2026-31431: algif_aead:aead_sendmsg=-1,algif_aead:aead_recvmsg=-1
//   GRUB_CMDLINE_LINUX="$GRUB_CMDLINE_LINUX killswitch.engage=algif_aead:aead_sendmsg=-1,..."
//
// update-grub puts it on the next boot's command line.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace ks::profile {

// Where Debian's update-grub reads fragments from.
inline constexpr const char* kBootCmdlineFile = "/etc/default/grub.d/killswitch.cfg";

// The kernel's command line is at most 2048 bytes on x86 (COMMAND_LINE_SIZE);
// killswitch keeps to a quarter of it.
inline constexpr size_t kBootParamMax = 512;

struct BootEntry {
  std::string target;  // as the module keys it: "algif_aead:aead_sendmsg"
  long value = 0;
  bool operator==(const BootEntry&) const = default;
};

// Profile id -> its entries, in the order they engage.
using BootProfiles = std::map<std::string, std::vector<BootEntry>>;

// Reads a fragment written by render_boot_file; an error names the line.
util::Result<BootProfiles> parse_boot_file(std::string_view text);

// The fragment for @profiles; empty when there are none.
std::string render_boot_file(const BootProfiles& profiles);

// "killswitch.engage=a=-1,b=-1" for every profile; empty when there are none.
std::string engage_parameter(const BootProfiles& profiles);

}  // namespace ks::profile
