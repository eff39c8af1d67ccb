#include "commands/persist.h"

#include <fstream>
#include <memory>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/report_output.h"
#include "profile/applier.h"
#include "profile/boot_cmdline.h"
#include "profile/catalog.h"
#include "util/file_io.h"

namespace ks::commands {

namespace fs = std::filesystem;

void setup_persist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("persist", "Apply a profile at every boot while the kernel needs it");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...) or files")->required();
  cmd->add_flag("--boot", opts->boot,
                "engage it from the kernel command line at every boot (a grub fragment): the route under lockdown");
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_persist(*opts, ctx); });
}

void setup_unpersist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("unpersist", "Stop applying a profile at boot (what is engaged stays: revert)");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...)")->required();
  cmd->add_flag("--boot", opts->boot, "take it off the kernel command line (then update-grub)");
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

// Writes @text to @file whole (a new file renamed over the old), or
// removes the file when @text is empty.
util::Result<void> replace_file(const fs::path& file, const std::string& text) {
  std::error_code ec;
  if (text.empty()) {
    fs::remove(file, ec);
    if (ec) return util::fail(file.string() + ": " + ec.message(), ec);
    return {};
  }
  fs::create_directories(file.parent_path(), ec);
  fs::path tmp = file;
  tmp += ".new";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) return util::fail(tmp.string() + ": cannot write", std::make_error_code(std::errc::io_error));
  }
  fs::rename(tmp, file, ec);
  if (ec) return util::fail(file.string() + ": " + ec.message(), ec);
  return {};
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

// persist --boot: the profiles' engagements on the kernel command line.
int persist_boot(const PersistOptions& opts, Context& ctx) {
  auto current = read_boot_file(ctx);
  if (!current) {
    ctx.err << "killswitch persist: " << current.error().message() << "\n";
    return kExitSystem;
  }
  kernel::KernelInfo info(ctx.sys);
  const auto backend = system::detect_backend(ctx.sys);
  profile::BootProfiles next = *current;
  std::vector<std::string> done;
  int code = kExitOk;
  for (const auto& name : opts.profiles) {
    auto p = profile::find_profile(name, ctx.paths.catalog_dirs);
    if (!p) {
      ctx.err << "killswitch persist: " << p.error().message() << "\n";
      code = profile::is_malformed(p.error()) ? kExitUsage : kExitNotFound;
      continue;
    }
    int refusal = kExitOk;
    auto entries = boot_entries(*p, info, backend, refusal);
    if (!entries) {
      ctx.err << "killswitch persist: " << p->id << ": not persisted: " << entries.error().message() << "\n";
      code = refusal;
      continue;
    }
    next[p->id] = std::move(*entries);
    done.push_back(p->id);
  }
  if (profile::engage_parameter(next).size() > profile::kBootParamMax) {
    ctx.err << "killswitch persist: the kernel command line entry would pass " << profile::kBootParamMax
            << " bytes; persist fewer profiles on it\n";
    return kExitUsage;
  }
  if (next != *current) {
    if (auto written = write_boot_file(ctx, next); !written) {
      ctx.err << "killswitch persist: " << written.error().message() << "\n";
      return kExitSystem;
    }
  }
  for (const auto& id : done)
    ctx.out << id << ": on the kernel command line (" << ctx.paths.boot_cmdline_file.string() << ")\n";
  if (next != *current)
    ctx.out << "run update-grub, then reboot: the next boot engages " << profile::engage_parameter(next) << "\n";
  return code;
}

}  // namespace

int run_persist(const PersistOptions& opts, Context& ctx) {
  if (opts.boot) return persist_boot(opts, ctx);
  int code = kExitOk;
  kernel::KernelInfo info(ctx.sys);
  const auto backend = system::detect_backend(ctx.sys);
  for (const auto& name : opts.profiles) {
    auto p = profile::find_profile(name, ctx.paths.catalog_dirs);
    if (!p) {
      ctx.err << "killswitch persist: " << p.error().message() << "\n";
      code = profile::is_malformed(p.error()) ? kExitUsage : kExitNotFound;
      continue;
    }
    // What boot would refuse is refused now, while the operator is here.
    if (auto plan = profile::plan_profile(*p, info, backend); !plan.ok()) {
      ctx.err << "killswitch persist: " << p->id << ": not persisted: " << plan.why << "\n";
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
      ctx.err << "killswitch persist: " << dest.string() << ": " << ec.message() << "\n";
      code = kExitSystem;
      continue;
    }
    ctx.out << p->id << ": persisted as " << dest.string() << (from_catalog ? " (link to the catalog)" : " (copy)")
            << "\n";
  }
  return code;
}

int run_unpersist(const PersistOptions& opts, Context& ctx) {
  if (opts.boot) {
    auto current = read_boot_file(ctx);
    if (!current) {
      ctx.err << "killswitch unpersist: " << current.error().message() << "\n";
      return kExitSystem;
    }
    profile::BootProfiles next = *current;
    int code = kExitOk;
    for (const auto& id : opts.profiles) {
      if (!next.erase(id)) {
        ctx.err << "killswitch unpersist: " << id << " is not on the kernel command line\n";
        code = kExitNotFound;
      }
    }
    if (next == *current) return code;
    if (auto written = write_boot_file(ctx, next); !written) {
      ctx.err << "killswitch unpersist: " << written.error().message() << "\n";
      return kExitSystem;
    }
    ctx.out << "taken off the kernel command line; run update-grub, then reboot (what is engaged now stays "
               "until then)\n";
    return code;
  }
  int code = kExitOk;
  for (const auto& id : opts.profiles) {
    fs::path dest = ctx.paths.persist_dir / (id + ".toml");
    std::error_code ec;
    if (!fs::is_symlink(dest, ec) && !fs::exists(dest, ec)) {
      ctx.err << "killswitch unpersist: " << id << " is not persisted (no " << dest.string() << ")\n";
      code = kExitNotFound;
      continue;
    }
    if (!fs::remove(dest, ec) || ec) {
      ctx.err << "killswitch unpersist: " << dest.string() << ": " << ec.message() << "\n";
      code = kExitSystem;
      continue;
    }
    ctx.out << id << ": no longer applied at boot; what is engaged now stays (killswitch revert " << id << ")\n";
  }
  return code;
}

}  // namespace ks::commands
