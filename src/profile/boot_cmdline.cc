#include "profile/boot_cmdline.h"

#include <cerrno>
#include <optional>

#include "util/text.h"
#include "wire/command.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace ks::profile {
namespace {

constexpr std::string_view kProfilePrefix = "# profile ";

std::string entries_text(const std::vector<BootEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    if (!out.empty()) out += KS_PARAM_LIST_SEP;
    out += e.target + KS_PARAM_VALUE_SEP + std::to_string(e.value);
  }
  return out;
}

util::Error bad_line(size_t line, const std::string& what) {
  return {std::string(kBootCmdlineFile) + ":" + std::to_string(line) + ": " + what,
          std::make_error_code(std::errc::invalid_argument), std::nullopt};
}

util::Result<std::vector<BootEntry>> parse_entries(std::string_view text, size_t line) {
  std::vector<BootEntry> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(KS_PARAM_LIST_SEP, pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(pos, end - pos);
    size_t sep = item.rfind(KS_PARAM_VALUE_SEP);
    auto value = sep == std::string_view::npos ? util::Result<long>(util::fail("no '='"))
                                               : wire::parse_retval(item.substr(sep + 1));
    if (!value || sep == 0)
      return util::fail(bad_line(line, "bad entry '" + std::string(item) + "' (want <target>=<value>)"));
    out.push_back({std::string(item.substr(0, sep)), *value});
    pos = end + 1;
  }
  return out;
}

}  // namespace

util::Result<BootProfiles> parse_boot_file(std::string_view text) {
  BootProfiles out;
  size_t number = 0;
  std::optional<util::Error> error;
  util::for_each_line(text, [&](std::string_view line) {
    number++;
    if (error || !line.starts_with(kProfilePrefix)) return;
    std::string_view rest = line.substr(kProfilePrefix.size());
    size_t colon = rest.find(": ");
    if (colon == std::string_view::npos) {
      error = bad_line(number, "want '# profile <id>: <target>=<value>,...'");
      return;
    }
    auto entries = parse_entries(rest.substr(colon + 2), number);
    if (!entries)
      error = entries.error();
    else
      out[std::string(rest.substr(0, colon))] = std::move(*entries);
  });
  if (error) return util::fail(*error);
  return out;
}

std::string engage_parameter(const BootProfiles& profiles) {
  std::string list;
  for (const auto& [id, entries] : profiles) {
    if (!list.empty()) list += KS_PARAM_LIST_SEP;
    list += entries_text(entries);
  }
  return list.empty() ? "" : "killswitch.engage=" + list;
}

std::string render_boot_file(const BootProfiles& profiles) {
  if (profiles.empty()) return "";
  std::string out =
      "# Written by 'killswitch persist --boot'; change it with persist/unpersist --boot.\n"
      "# What killswitch engages when it loads at boot: the route a locked-down\n"
      "# (Secure Boot) kernel leaves open. After a change: update-grub, then reboot.\n";
  for (const auto& [id, entries] : profiles)
    out += std::string(kProfilePrefix) + id + ": " + entries_text(entries) + "\n";
  out += "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX " + engage_parameter(profiles) + "\"\n";
  return out;
}

}  // namespace ks::profile
