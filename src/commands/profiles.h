// killswitch profiles list [--cve <id>] [--subsystem <path>] [--need <state>] [--json]
// killswitch profiles show <profile> [--json]
// killswitch profiles validate <file|dir>... [--json]
#pragma once

#include <string>
#include <vector>

#include "commands/cli_app.h"
#include "commands/context.h"

namespace ks::commands {

struct ProfilesListOptions {
  bool json = false;
  std::string cve;        // id prefix
  std::string subsystem;  // "net" matches net/tipc, not netfilter
  std::string need;       // needed, not-needed, unknown; empty for all
};
struct ProfilesShowOptions {
  std::string profile;
  bool json = false;
};
struct ProfilesValidateOptions {
  std::vector<std::string> paths;
  bool json = false;
};

// Whether profile @id is in the persist folder (applied at every boot).
bool persisted(const Context& ctx, const std::string& id);

void setup_profiles(CLI::App& app, Context& ctx, int& exit_code);
int run_profiles_list(const ProfilesListOptions& opts, Context& ctx);
int run_profiles_show(const ProfilesShowOptions& opts, Context& ctx);
int run_profiles_validate(const ProfilesValidateOptions& opts, Context& ctx);

}  // namespace ks::commands
