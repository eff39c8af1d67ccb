#include "commands/persist.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <sstream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/report_output.h"
#include "profile/applier.h"
#include "profile/boot_cmdline.h"
#include "profile/catalog.h"
#include "util/atomic_file.h"
#include "util/file_io.h"

namespace ks::commands {

namespace fs = std::filesystem;

namespace {

// Lines as they happen, or, with --json, one document at the end: what was
// done and what went wrong.
class Reporter {
 public:
  Reporter(Context& ctx, bool json) : ctx_(ctx), json_(json) {}
  std::ostream& out() { return next(Kind::kOut); }
  std::ostream& err() { return next(Kind::kErr); }
  int finish(int code) {
    flush();
    if (!json_) return code;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : errors_) errors.push_back(error_json(code, e));
    print_json(ctx_.out, {{"done", done_}, {"errors", errors}, {"exit_code", code}});
    return code;
  }

 private:
  enum class Kind { kNone, kOut, kErr };
  std::ostream& next(Kind kind) {
    flush();
    pending_ = kind;
    return json_ ? buf_ : kind == Kind::kOut ? ctx_.out : ctx_.err;
  }
  void flush() {
    if (!json_ || pending_ == Kind::kNone) return;
    std::string text = buf_.str();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    (pending_ == Kind::kOut ? done_ : errors_).push_back(text);
    buf_.str("");
    pending_ = Kind::kNone;
  }
  Context& ctx_;
  bool json_;
  std::ostringstream buf_;
  Kind pending_ = Kind::kNone;
  std::vector<std::string> done_, errors_;
};

}  // namespace

void setup_persist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("persist", "Apply a profile at every boot while the kernel needs it");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...) or files")->required();
  cmd->add_flag("--boot", opts->boot,
                "engage it from the kernel command line at every boot (a grub fragment): the route under lockdown");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_persist(*opts, ctx); });
}

void setup_unpersist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("unpersist", "Stop applying a profile at boot (what is engaged stays: revert)");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...) or files")->required();
  cmd->add_flag("--boot", opts->boot, "take it off the kernel command line (then update-grub)");
  cmd->add_flag("--json", opts->json, "print JSON");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_unpersist(*opts, ctx); });
}

namespace {

bool inside(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  auto rel = fs::relative(fs::weakly_canonical(file, ec), fs::weakly_canonical(dir, ec), ec);
  return !ec && !rel.empty() && *rel.begin() != "..";
}

util::Result<profile::BootProfiles> read_boot_file(const Context& ctx) {
  std::error_code ec;
  if (!fs::exists(ctx.paths.boot_cmdline_file, ec)) return profile::BootProfiles{};
  KS_TRY_ASSIGN(std::string text, util::read_text(ctx.paths.boot_cmdline_file));
  return profile::parse_boot_file(text);
}

// Writes @text to @file whole (a new file renamed over the old, as
// util::replace_atomically does it), or removes the file when @text is empty.
util::Result<void> replace_file(const fs::path& file, const std::string& text) {
  std::error_code ec;
  if (text.empty()) {
    fs::remove(file, ec);
    if (ec) return util::fail(file.string() + ": " + ec.message(), ec);
    return {};
  }
  fs::create_directories(file.parent_path(), ec);
  // Read by grub's scripts and systemd: world-readable, like the files beside them.
  return util::replace_atomically(file, text, 0644);
}

// The grub fragment, and the modules-load.d entry that loads the module at
// boot so the command line's engage= acts: both, or neither.
util::Result<void> write_boot_file(const Context& ctx, const profile::BootProfiles& profiles) {
  KS_TRY(replace_file(ctx.paths.boot_cmdline_file, profile::render_boot_file(profiles)));
  return replace_file(ctx.paths.modules_load_file,
                      profiles.empty() ? std::string()
                                       : "# Written by 'killswitch persist --boot': the kernel command line engages "
                                         "at load.\nkillswitch\n");
}

// The engage= entries for @p: what the plan engages, clones included;
// the command line has no conditions.
util::Result<std::vector<profile::BootEntry>> boot_entries(const profile::Profile& p, kernel::KernelInfo& info,
                                                           system::Backend backend, int& code) {
  auto plan = profile::plan_profile(p, info, backend);
  if (!plan.ok()) {
    code = plan_exit_code(plan);
    return util::fail(plan.why);
  }
  std::vector<profile::BootEntry> entries;
  for (const auto& c : plan.commands) {
    if (c.condition) {
      code = kExitUnavailable;
      return util::fail(c.target + " has a condition (" + *c.condition +
                        "), and the kernel command line engages only <target>=<value>");
    }
    entries.push_back({c.target, c.value});
  }
  return entries;
}

// The profile @name names (an id or a file); a lookup failure is reported
// and its exit code left in @code.
std::optional<profile::Profile> find_named(const std::string& name, const Context& ctx, Reporter& report, int& code) {
  auto p = profile::find_profile(name, ctx.paths.catalog_dirs);
  if (p) return std::move(*p);
  report.err() << "killswitch persist: " << p.error().message() << "\n";
  code = profile::is_malformed(p.error()) ? kExitUsage : kExitNotFound;
  return std::nullopt;
}

// persist --boot: the profiles' engagements on the kernel command line.
int persist_boot(const PersistOptions& opts, Context& ctx, Reporter& report) {
  auto current = read_boot_file(ctx);
  if (!current) {
    report.err() << "killswitch persist: " << current.error().message() << "\n";
    return kExitSystem;
  }
  kernel::KernelInfo info(ctx.sys);
  const auto backend = system::detect_backend(ctx.sys);
  profile::BootProfiles next = *current;
  std::vector<std::string> done;
  int code = kExitOk;
  for (const auto& name : opts.profiles) {
    auto p = find_named(name, ctx, report, code);
    if (!p) continue;
    int refusal = kExitOk;
    auto entries = boot_entries(*p, info, backend, refusal);
    if (!entries) {
      report.err() << "killswitch persist: " << p->id << ": not persisted: " << entries.error().message() << "\n";
      code = refusal;
      continue;
    }
    next[p->id] = std::move(*entries);
    done.push_back(p->id);
  }
  if (profile::engage_parameter(next).size() > profile::kBootParamMax) {
    report.err() << "killswitch persist: the kernel command line entry would pass " << profile::kBootParamMax
                 << " bytes; persist fewer profiles on it\n";
    return kExitUsage;
  }
  if (next != *current) {
    if (auto written = write_boot_file(ctx, next); !written) {
      report.err() << "killswitch persist: " << written.error().message() << "\n";
      return kExitSystem;
    }
  }
  for (const auto& id : done)
    report.out() << id << ": on the kernel command line (" << ctx.paths.boot_cmdline_file.string() << ")\n";
  if (next != *current)
    report.out() << "run update-grub, then reboot: the next boot engages " << profile::engage_parameter(next) << "\n";
  return code;
}

int persist_files(const PersistOptions& opts, Context& ctx, Reporter& report) {
  int code = kExitOk;
  kernel::KernelInfo info(ctx.sys);
  const auto backend = system::detect_backend(ctx.sys);
  for (const auto& name : opts.profiles) {
    auto p = find_named(name, ctx, report, code);
    if (!p) continue;
    // What boot would refuse is refused now, while the operator is here.
    if (auto plan = profile::plan_profile(*p, info, backend); !plan.ok()) {
      report.err() << "killswitch persist: " << p->id << ": not persisted: " << plan.why << "\n";
      code = plan_exit_code(plan);
      continue;
    }
    std::error_code ec;
    fs::create_directories(ctx.paths.persist_dir, ec);
    fs::path dest = ctx.paths.persist_dir / (p->id + ".toml");
    fs::remove(dest, ec);
    bool from_catalog = false;
    for (const auto& d : ctx.paths.catalog_dirs) from_catalog = from_catalog || inside(p->source, d);
    ec.clear();
    if (from_catalog)
      fs::create_symlink(fs::absolute(p->source), dest, ec);
    else
      fs::copy_file(p->source, dest, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      report.err() << "killswitch persist: " << dest.string() << ": " << ec.message() << "\n";
      code = kExitSystem;
      continue;
    }
    report.out() << p->id << ": persisted as " << dest.string() << (from_catalog ? " (link to the catalog)" : " (copy)")
                 << "\n";
  }
  return code;
}

// The profile ids named: an id as typed, or the id inside a profile file,
// so ids and paths are accepted alike.
std::vector<std::string> profile_ids(const std::vector<std::string>& args) {
  std::vector<std::string> ids;
  for (const auto& arg : args) {
    std::error_code ec;
    auto p = arg.ends_with(".toml") || fs::exists(arg, ec) ? profile::load_profile(arg) : util::fail("an id");
    ids.push_back(p ? p->id : arg);
  }
  return ids;
}

int unpersist_boot(const PersistOptions& opts, Context& ctx, Reporter& report) {
  auto current = read_boot_file(ctx);
  if (!current) {
    report.err() << "killswitch unpersist: " << current.error().message() << "\n";
    return kExitSystem;
  }
  profile::BootProfiles next = *current;
  int code = kExitOk;
  for (const auto& id : profile_ids(opts.profiles)) {
    if (!next.erase(id)) {
      report.err() << "killswitch unpersist: " << id << " is not on the kernel command line\n";
      code = kExitNotFound;
    }
  }
  if (next == *current) return code;
  if (auto written = write_boot_file(ctx, next); !written) {
    report.err() << "killswitch unpersist: " << written.error().message() << "\n";
    return kExitSystem;
  }
  report.out() << "taken off the kernel command line; run update-grub, then reboot (what is engaged now stays "
                  "until then)\n";
  return code;
}

int unpersist_files(const PersistOptions& opts, Context& ctx, Reporter& report) {
  int code = kExitOk;
  for (const auto& id : profile_ids(opts.profiles)) {
    fs::path dest = ctx.paths.persist_dir / (id + ".toml");
    std::error_code ec;
    if (!fs::is_symlink(dest, ec) && !fs::exists(dest, ec)) {
      report.err() << "killswitch unpersist: " << id << " is not persisted (no " << dest.string() << ")\n";
      code = kExitNotFound;
      continue;
    }
    if (!fs::remove(dest, ec) || ec) {
      report.err() << "killswitch unpersist: " << dest.string() << ": " << ec.message() << "\n";
      code = kExitSystem;
      continue;
    }
    report.out() << id << ": no longer applied at boot; what is engaged now stays (killswitch revert " << id << ")\n";
  }
  return code;
}

}  // namespace

int run_persist(const PersistOptions& opts, Context& ctx) {
  Reporter report(ctx, opts.json);
  return report.finish(opts.boot ? persist_boot(opts, ctx, report) : persist_files(opts, ctx, report));
}

int run_unpersist(const PersistOptions& opts, Context& ctx) {
  Reporter report(ctx, opts.json);
  return report.finish(opts.boot ? unpersist_boot(opts, ctx, report) : unpersist_files(opts, ctx, report));
}

}  // namespace ks::commands
