#include "commands/persist.h"

#include <memory>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/report_output.h"
#include "profile/applier.h"
#include "profile/catalog.h"

namespace ks::commands {

namespace fs = std::filesystem;

void setup_persist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("persist", "Apply a profile at every boot while the kernel needs it");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...) or files")->required();
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_persist(*opts, ctx); });
}

void setup_unpersist(CLI::App& app, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<PersistOptions>();
  auto* cmd = app.add_subcommand("unpersist", "Stop applying a profile at boot (what is engaged stays: revert)");
  cmd->add_option("profiles", opts->profiles, "profile ids (CVE-...)")->required();
  cmd->callback([opts, &ctx, &exit_code] { exit_code = run_unpersist(*opts, ctx); });
}

namespace {

bool inside(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  auto rel = fs::relative(fs::weakly_canonical(file, ec), fs::weakly_canonical(dir, ec), ec);
  return !ec && !rel.empty() && *rel.begin() != "..";
}

}  // namespace

int run_persist(const PersistOptions& opts, Context& ctx) {
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
