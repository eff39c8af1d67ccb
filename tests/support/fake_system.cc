#include "support/fake_system.h"

#include <algorithm>
#include <cerrno>

#include "wire/command.h"

namespace ks::testing {
namespace {

util::Result<std::string> file(const std::string& text, const char* name) {
  if (text.empty())
    return util::fail(std::string("cannot read ") + name, std::make_error_code(std::errc::no_such_file_or_directory));
  return text;
}

tl::unexpected<util::Error> refused(int e) { return util::fail("refused by the fake kernel", util::errno_code(e)); }

}  // namespace

util::Result<std::string> FakeSystem::kallsyms() const { return file(kallsyms_text, "/proc/kallsyms"); }
util::Result<std::string> FakeSystem::traceable_functions() const {
  return file(traceable_text, "available_filter_functions");
}
util::Result<std::string> FakeSystem::kprobe_blacklist() const { return file(blacklist_text, "kprobes/blacklist"); }
util::Result<std::string> FakeSystem::modules() const { return modules_text; }
util::Result<std::string> FakeSystem::lockdown() const { return file(lockdown_text, "lockdown"); }
util::Result<std::string> FakeSystem::kernel_taint() const { return kernel_taint_text; }
util::Result<std::string> FakeSystem::secure_boot_variable() const {
  return file(secure_boot_bytes, "efivars/SecureBoot");
}
util::Result<std::string> FakeSystem::module_version(std::string_view) const {
  return file(module_version_text, "/sys/module/killswitch/version");
}
util::Result<std::filesystem::path> FakeSystem::module_file(std::string_view module) const {
  auto it = module_files.find(std::string(module));
  if (it == module_files.end())
    return util::fail("no " + std::string(module) + " in modules.dep",
                      std::make_error_code(std::errc::no_such_file_or_directory));
  return it->second;
}
util::Result<std::string> FakeSystem::kernel_release() const { return file(release_text, "osrelease"); }
util::Result<std::string> FakeSystem::proc_version() const { return file(proc_version_text, "/proc/version"); }

util::Result<std::optional<system::Changelog>> FakeSystem::kernel_changelog(std::string_view) const {
  if (changelog_error) return util::fail(*changelog_error);
  return changelog;
}

util::Result<std::filesystem::path> FakeSystem::btf_file(std::string_view object) const {
  auto it = btf_files.find(std::string(object));
  if (it == btf_files.end())
    return util::fail("cannot read /sys/kernel/btf/" + std::string(object),
                      std::make_error_code(std::errc::no_such_file_or_directory));
  return it->second;
}

FakeSystem::Engagement* FakeSystem::find(std::string_view target) {
  auto it = std::find_if(engagements.begin(), engagements.end(), [&](auto& e) { return e.target == target; });
  return it == engagements.end() ? nullptr : &*it;
}

const FakeSystem::Engagement* FakeSystem::find(std::string_view target) const {
  return const_cast<FakeSystem*>(this)->find(target);
}

std::string FakeSystem::engaged_text() const {
  std::string text;
  for (const auto& e : engagements) {
    text += e.target + " retval=" + std::to_string(e.retval) + " hits=" + std::to_string(e.hits);
    if (!builtin) {
      text += " state=" + std::string(wire::state_name(e.state)) + " passes=" + std::to_string(e.passes);
      if (!e.condition.empty()) text += " if=" + e.condition;
    }
    text += "\n";
  }
  return text;
}

// fn/<target>/<file>
util::Result<std::string> FakeSystem::fn_file(std::string_view path) const {
  auto rest = path.substr(3);
  auto slash = rest.rfind('/');
  const auto* e = slash == std::string_view::npos ? nullptr : find(rest.substr(0, slash));
  if (!e) return refused(ENOENT);
  auto name = rest.substr(slash + 1);
  if (name == "hits") return std::to_string(e->hits) + "\n";
  if (name == "retval") return std::to_string(e->retval) + "\n";
  if (builtin) return refused(ENOENT);
  if (name == "passes") return std::to_string(e->passes) + "\n";
  if (name == "state") return std::string(wire::state_name(e->state)) + "\n";
  if (name == "condition") return e->condition + "\n";
  return refused(ENOENT);
}

util::Result<std::string> FakeSystem::killswitch_read(std::string_view path) const {
  if (!present) return refused(ENOENT);
  if (unreadable.count(std::string(path))) return refused(EACCES);
  if (path == "taint") return std::string(tainted ? "1\n" : "0\n");
  if (path == "refused" && !builtin) return std::to_string(refused_writes) + "\n";
  if (path == "engaged") return engaged_text();
  if (path.substr(0, 3) == "fn/") return fn_file(path);
  return refused(ENOENT);
}

util::Result<void> FakeSystem::killswitch_write(std::string_view path, std::string_view text) {
  if (!present) return refused(ENOENT);
  if (path == "control") {
    auto done = control(text);
    refused_writes += !done;
    return done;
  }
  return refused(EACCES);
}

util::Result<void> FakeSystem::control(std::string_view text) {
  commands.emplace_back(text);
  // Several lines: one transaction, all or none (the built-in takes one command a write).
  if (size_t newline = text.find('\n'); newline != std::string_view::npos && newline + 1 < text.size()) {
    if (builtin) return refused(EINVAL);
    const auto saved = engagements;
    const bool was_tainted = tainted;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = std::min(text.find('\n', start), text.size());
      auto done = apply(text.substr(start, end - start));
      if (!done) {
        engagements = saved;
        tainted = was_tainted;
        return done;
      }
      start = end + 1;
    }
    return {};
  }
  return apply(text);
}

util::Result<void> FakeSystem::apply(std::string_view text) {
  auto parsed = wire::parse_command(text);
  if (!parsed) return refused(EINVAL);
  const wire::Command& cmd = *parsed;
  if (builtin && (cmd.verb == wire::Verb::kTryEngage || cmd.verb == wire::Verb::kMonitor || cmd.condition ||
                  cmd.target.find(':') != std::string::npos))
    return refused(EINVAL);
  if (refuse_all_errno) return refused(refuse_all_errno);
  if (cmd.verb == wire::Verb::kDisengageAll) {
    engagements.clear();
    return {};
  }
  if (cmd.verb == wire::Verb::kDisengage) {
    auto it = std::find_if(engagements.begin(), engagements.end(), [&](auto& e) { return e.target == cmd.target; });
    if (it == engagements.end()) return refused(ENOENT);
    engagements.erase(it);
    return {};
  }
  if (auto it = refuse.find(cmd.target); it != refuse.end()) return refused(it->second);
  if (find(cmd.target)) return refused(EBUSY);
  wire::State state = cmd.verb == wire::Verb::kEngage    ? wire::State::kEngaged
                      : cmd.verb == wire::Verb::kMonitor ? wire::State::kMonitoring
                                                         : wire::State::kProbing;
  engagements.push_back({cmd.target, cmd.value, 0, 0, state, cmd.condition.value_or("")});
  tainted = true;
  return {};
}

}  // namespace ks::testing
