// Reading and writing the small text files of procfs, sysfs, securityfs and
// debugfs, where one write() is one command and a short read is the whole
// value; and the gzip files distributions install their changelogs as.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"

namespace ks::util {

// Opens @path for writing and writes @text with exactly one write() call,
// as the kernel's command files require. The error carries the errno.
Result<void> write_once(const std::filesystem::path& path, std::string_view text);

// Reads the whole file.
Result<std::string> read_text(const std::filesystem::path& path);

// Reads a file that holds one integer and a newline.
Result<long> read_long(const std::filesystem::path& path);

// Reads a gzip file whole (zlib).
Result<std::string> read_gzip(const std::filesystem::path& path);

}  // namespace ks::util
