// Replacing a file so that a reader sees the old text or the new, never a
// part: node_exporter's textfile collector may read it at any moment.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "util/error.h"

namespace ks::util {

// Writes @text to a new file beside @path (a dot file, so a collector that
// reads *.prom skips it), syncs it, gives it @mode whatever the umask and
// renames it over @path. On any failure @path is untouched and the new
// file is gone.
Result<void> replace_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode);

}  // namespace ks::util
