// Reading and writing the small text files of sysfs, securityfs and debugfs,
// where one write() is one command and a short read is the whole value.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <tl/expected.hpp>

namespace ks::util {

// Opens @path for writing and writes @text with exactly one write() call,
// as the kernel's command files require. Returns the errno as an error_code.
std::error_code write_once(const std::filesystem::path& path, std::string_view text);

// Reads the whole file.
tl::expected<std::string, std::error_code> read_text(const std::filesystem::path& path);

// Reads a file that holds one integer and a newline.
tl::expected<long, std::error_code> read_long(const std::filesystem::path& path);

// The error_code for the current errno.
std::error_code last_error();

}  // namespace ks::util
