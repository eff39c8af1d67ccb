// ks-profile: the profile subcommands (apply, revert, profiles, persist,
// unpersist) in a program of their own, until they join the killswitch
// CLI's table; the guest tests and the demo run it. --root reads the system
// under a directory, as the CLI does.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands/apply.h"
#include "commands/persist.h"
#include "commands/profiles.h"
#include "commands/revert.h"
#include "sysfs/killswitch_fs.h"

namespace {

using SetupFn = void (*)(CLI::App&, ks::commands::ProfileContext&, int&);
constexpr SetupFn kTable[] = {ks::commands::setup_apply, ks::commands::setup_revert, ks::commands::setup_profiles,
                              ks::commands::setup_persist, ks::commands::setup_unpersist};

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  // --root, --catalog and --persist-dir decide what the context holds, so
  // they are read in a first pass over the command line.
  std::string root = "/";
  std::vector<std::string> catalog;
  std::string persist;
  CLI::App pre;
  pre.allow_extras();
  pre.set_help_flag();
  pre.add_option("--root", root);
  pre.add_option("--catalog", catalog)->allow_extra_args(false);
  pre.add_option("--persist-dir", persist);
  try {
    pre.parse(argc, argv);
  } catch (const CLI::ParseError&) {
  }
  auto under = [&](const fs::path& p) { return fs::path(root) / p.relative_path(); };

  ks::profile::HostFs host(root);
  ks::profile::SysfsControl control(ks::sysfs::KillswitchFs(under("/sys/kernel/security/killswitch")));
  ks::commands::ProfileContext ctx{host, control, std::cout, std::cerr};
  // The default places are read under --root; folders given by hand are taken as they are.
  for (auto& d : ctx.catalog_dirs) d = under(d);
  if (!catalog.empty()) ctx.catalog_dirs.assign(catalog.begin(), catalog.end());
  ctx.persist_dir = persist.empty() ? under(ks::commands::kPersistDir) : fs::path(persist);

  CLI::App app{"ks-profile: apply, revert, list and persist killswitch mitigation profiles"};
  app.name("ks-profile");
  app.add_option("--root", root, "read the system under this directory; default /");
  app.add_option("--catalog", catalog, "where profiles are looked up by id (repeatable)")->allow_extra_args(false);
  app.add_option("--persist-dir", persist, "where persisted profiles live");
  app.require_subcommand(1);
  int exit_code = ks::commands::kProfileExitOk;
  for (SetupFn setup : kTable) setup(app, ctx, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : ks::commands::kProfileExitUsage;
  }
  return exit_code;
}
