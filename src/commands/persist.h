// killswitch persist <profile>...   keep a profile applied across reboots
// killswitch unpersist <profile>... stop doing so (what is engaged stays)
//
// Persisted profiles live in Context::paths.persist_dir as <id>.toml: a
// symlink to a catalog profile (so a catalog update with a newer fixed
// version reaches it), a copy of any other file. killswitch.service applies
// them at boot; each one the running kernel has fixed is skipped and logged.
//
// With --boot, a profile goes on the kernel command line instead
// (profile/boot_cmdline.h): the one route a locked-down host leaves open.
#pragma once

#include <string>
#include <vector>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct PersistOptions {
  std::vector<std::string> profiles;
  bool boot = false;  // the kernel command line, for locked-down hosts
  bool json = false;
};

void setup_persist(CLI::App& app, Context& ctx, int& exit_code);
void setup_unpersist(CLI::App& app, Context& ctx, int& exit_code);
int run_persist(const PersistOptions& opts, Context& ctx);
int run_unpersist(const PersistOptions& opts, Context& ctx);

}  // namespace ks::commands
