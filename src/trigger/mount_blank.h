// Reaches a filesystem's mount path the way root does: the filesystem's
// fs_context set-up through fsopen(2), or its superblock reader (fill_super)
// through a mount of a blank block device. Most filesystem mitigations in
// the catalog act on one of the two. The blank device holds no filesystem,
// so the mount fails once the filesystem has looked (EINVAL, say); a
// mitigation shows as its own errno instead.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// fsopen(@fstype): the filesystem's init_fs_context runs.
Trip fs_open(const std::string& fstype);

// A read-only mount of @fstype from a zero-filled 16 MiB loop device (needs
// the loop driver), unmounted again should it ever work.
Trip mount_blank(const std::string& fstype);

// The words of `ks-trigger fsopen <fstype>` and `ks-trigger mount <fstype>`.
util::Result<Trip> fs_open_from_words(const std::vector<std::string>& words);
util::Result<Trip> mount_blank_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
