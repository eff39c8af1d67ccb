#include "system/fake_system.h"

#include <algorithm>
#include <cerrno>

extern "C" {
#include "parse.h"
}

namespace ks::system {
namespace {

util::Result<std::string> file(const std::string& text, const char* name) {
  if (text.empty())
    return util::fail(std::string("cannot read ") + name, std::make_error_code(std::errc::no_such_file_or_directory));
  return text;
}

std::error_code errno_code(int e) { return {e, std::generic_category()}; }

}  // namespace

util::Result<std::string> FakeSystem::kallsyms() const { return file(kallsyms_text, "/proc/kallsyms"); }
util::Result<std::string> FakeSystem::traceable_functions() const {
  return file(traceable_text, "available_filter_functions");
}
util::Result<std::string> FakeSystem::kprobe_blacklist() const { return file(blacklist_text, "kprobes/blacklist"); }
util::Result<std::string> FakeSystem::modules() const { return modules_text; }
util::Result<std::string> FakeSystem::lockdown() const { return file(lockdown_text, "lockdown"); }
util::Result<std::string> FakeSystem::kernel_taint() const { return kernel_taint_text; }

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

util::Result<std::string> FakeSystem::killswitch_read(std::string_view path) const {
  auto missing = [&] { return util::fail("cannot read " + std::string(path), errno_code(ENOENT)); };
  if (!present) return missing();
  if (path == "taint") return std::string(tainted ? "1\n" : "0\n");
  if (path == "engaged") {
    std::string text;
    for (const auto& e : engagements) {
      text += e.target + " retval=" + std::to_string(e.retval) + " hits=" + std::to_string(e.hits);
      if (!builtin) {
        text += " state=" + e.state + " passes=" + std::to_string(e.passes);
        if (!e.condition.empty()) text += " if=" + e.condition;
      }
      text += "\n";
    }
    return text;
  }
  // fn/<target>/<file>
  if (path.substr(0, 3) == "fn/") {
    auto rest = path.substr(3);
    auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) return missing();
    const auto* e = find(rest.substr(0, slash));
    if (!e) return missing();
    auto name = rest.substr(slash + 1);
    if (name == "hits") return std::to_string(e->hits) + "\n";
    if (name == "retval") return std::to_string(e->retval) + "\n";
    if (builtin) return missing();
    if (name == "passes") return std::to_string(e->passes) + "\n";
    if (name == "state") return e->state + "\n";
    if (name == "condition") return e->condition + "\n";
  }
  return missing();
}

std::error_code FakeSystem::killswitch_write(std::string_view path, std::string_view text) {
  if (!present) return errno_code(ENOENT);
  if (path == "control") return control(text);
  return errno_code(EACCES);
}

std::error_code FakeSystem::control(std::string_view text) {
  commands.emplace_back(text);
  std::string buf(text);
  ks_command cmd{};
  if (ks_parse_command(buf.data(), buf.size(), &cmd) != 0) return errno_code(EINVAL);
  if (builtin && (cmd.verb == KS_CMD_TRYENGAGE || cmd.verb == KS_CMD_MONITOR || cmd.cond.n || cmd.module_len))
    return errno_code(EINVAL);
  if (refuse_all_errno) return errno_code(refuse_all_errno);
  switch (cmd.verb) {
    case KS_CMD_ENGAGE:
    case KS_CMD_TRYENGAGE:
    case KS_CMD_MONITOR: {
      if (auto it = refuse.find(cmd.target); it != refuse.end()) return errno_code(it->second);
      if (find(cmd.target)) return errno_code(EBUSY);
      Engagement e;
      e.target = cmd.target;
      e.retval = cmd.retval;
      e.state = cmd.verb == KS_CMD_ENGAGE ? "engaged" : cmd.verb == KS_CMD_MONITOR ? "monitoring" : "probing";
      if (cmd.cond.n) {
        char canon[KS_COND_TEXT_MAX];
        ks_format_condition(&cmd.cond, canon, sizeof canon);
        e.condition = canon;
      }
      engagements.push_back(e);
      tainted = true;
      return {};
    }
    case KS_CMD_DISENGAGE: {
      auto it = std::find_if(engagements.begin(), engagements.end(), [&](auto& e) { return e.target == cmd.target; });
      if (it == engagements.end()) return errno_code(ENOENT);
      engagements.erase(it);
      return {};
    }
    case KS_CMD_DISENGAGE_ALL:
      engagements.clear();
      return {};
  }
  return errno_code(EINVAL);
}

}  // namespace ks::system
