// killswitch: the command-line tool. Parses the command line and maps the
// result to an exit code; everything else lives in the library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/registry.h"
#include "profile/boot_cmdline.h"
#include "system/real_system.h"
#include "util/text.h"
#include "values/value.h"

extern "C" {
#include "errno_names.h"
}

namespace {

std::atomic<bool> g_interrupted{false};

void on_interrupt(int) { g_interrupted = true; }

// Global options that decide what the contexts hold (--root, --catalog,
// --persist-dir) must be known before any subcommand runs, so they are read
// ahead of CLI11; it parses them again for --help and errors.
constexpr const char* kGlobalOptions[] = {"--root", "--catalog", "--persist-dir"};

std::vector<std::string> find_option(int argc, char** argv, const std::string& name) {
  std::vector<std::string> values;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == name && i + 1 < argc) values.push_back(argv[++i]);
    if (arg.rfind(name + "=", 0) == 0) values.push_back(arg.substr(name.size() + 1));
  }
  return values;
}

// Only --root, typed where everyone sees it, points the tool at another
// tree: no environment variable can redirect a production binary's writes.
std::string find_root(int argc, char** argv) {
  auto given = find_option(argc, argv, "--root");
  return !given.empty() ? given.back() : "/";
}

// The words that are not options (nor a global option's value): the
// subcommand first, then what follows it.
std::vector<std::string> words(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (std::find(std::begin(kGlobalOptions), std::end(kGlobalOptions), arg) != std::end(kGlobalOptions)) {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] != '-') out.push_back(arg);
  }
  return out;
}

// "profiles lst": the word after a command that has subcommands of its own
// must be one of them; a message with a guess when it is not.
std::string nested_typo(CLI::App& app, const std::vector<std::string>& typed) {
  if (typed.size() < 2) return {};
  const std::string& command = typed[0];
  std::vector<std::string> names;
  for (const auto* nested : app.get_subcommand(command)->get_subcommands({})) names.push_back(nested->get_name());
  if (names.empty() || std::find(names.begin(), names.end(), typed[1]) != names.end()) return {};
  std::string guess = ks::util::closest_word(typed[1], names);
  return "killswitch " + command + ": '" + typed[1] + "' is not a subcommand." +
         (guess.empty() ? "" : " Did you mean '" + guess + "'?") + " See 'killswitch " + command + " --help'.\n";
}

// "-EPRM" looks like an errno name but is none: say so (CLI11 would call
// it an unknown option -E).
std::string unknown_errno_option(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool shaped = arg.size() > 2 && arg[0] == '-' && arg[1] == 'E' &&
                  std::all_of(arg.begin() + 1, arg.end(), [](char c) { return std::isupper(c) || std::isdigit(c); });
    if (!shaped || ks_errno_value(arg.c_str() + 1) > 0) continue;
    std::string guess = ks::values::errno_suggestion(arg);
    return "killswitch: '" + arg + "' is not an errno name." + (guess.empty() ? "" : " Did you mean '" + guess + "'?") +
           "\n";
  }
  return {};
}

// CLI11 reads "-EPERM" as the short option -E; a negative errno name is a
// value, so it is handed over as its number (-1), which means the same.
std::vector<std::string> errno_names_as_numbers(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (auto& arg : args) {
    if (arg.size() > 2 && arg[0] == '-' && arg[1] == 'E') {
      int value = ks_errno_value(arg.c_str() + 1);
      if (value > 0) arg = std::to_string(-value);
    }
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ks::commands;
  ks::system::RealSystem sys(find_root(argc, argv));
  Context ctx{sys, std::cout, std::cerr};
  auto catalogs = find_option(argc, argv, "--catalog");
  auto persist_dirs = find_option(argc, argv, "--persist-dir");
  if (catalogs.empty())
    ctx.paths.catalog_dirs = {sys.under_root(kCatalogDir)};
  else
    ctx.paths.catalog_dirs.assign(catalogs.begin(), catalogs.end());
  ctx.paths.persist_dir =
      persist_dirs.empty() ? sys.under_root(kPersistDir) : std::filesystem::path(persist_dirs.back());
  ctx.paths.boot_cmdline_file = sys.under_root(ks::profile::kBootCmdlineFile);
  ctx.paths.modules_load_file = sys.under_root("/etc/modules-load.d/killswitch.conf");
  ctx.tty = ::isatty(STDOUT_FILENO);
  ctx.root = ::geteuid() == 0;
  ctx.sleep = [](unsigned s) { std::this_thread::sleep_for(std::chrono::seconds(s)); };
  ctx.interrupted = [] { return g_interrupted.load(); };

  CLI::App app{"killswitch: turn off one kernel function at run time, after checking that it is safe"};
  app.name("killswitch");
  std::string root_option, persist_option;
  std::vector<std::string> catalog_option;
  app.add_option("--root", root_option, "read the system under this directory (a fixture tree); default /");
  app.add_option("--catalog", catalog_option,
                 "where profiles are looked up by id (repeatable); default " + std::string(kCatalogDir))
      ->allow_extra_args(false);
  app.add_option("--persist-dir", persist_option, "where persisted profiles live; default " + std::string(kPersistDir));
  app.set_version_flag("--version", "killswitch " KS_VERSION, "print the version and exit");
  app.require_subcommand(1);
  // Global options are accepted after the subcommand too: `status --root T`.
  app.fallthrough();
  app.footer(kExitCodesHelp);
  int exit_code = kExitOk;
  for (const auto& entry : command_table()) entry.setup(app, ctx, exit_code);

  // A usage error before any subcommand runs: on stderr, and with --json
  // also as the one JSON error object on stdout.
  const bool json = std::any_of(argv + 1, argv + argc, [](const char* a) { return std::string(a) == "--json"; });
  auto usage_error = [json](const std::string& message) {
    std::cerr << message;
    if (json) {
      std::string text = message;
      while (!text.empty() && text.back() == '\n') text.pop_back();
      print_json_error(std::cout, kExitUsage, text);
    }
    return kExitUsage;
  };
  const std::vector<std::string> typed = words(argc, argv);
  const std::string word = typed.empty() ? std::string() : typed[0];
  bool known = false;
  for (const auto& entry : command_table()) known = known || word == entry.name;
  if (!word.empty() && !known) {
    std::string guess = did_you_mean(word);
    return usage_error("killswitch: '" + word + "' is not a command." +
                       (guess.empty() ? "" : " Did you mean '" + guess + "'?") + " See 'killswitch --help'.\n");
  }
  if (auto nested = nested_typo(app, typed); !nested.empty()) return usage_error(nested);
  if (auto bad = unknown_errno_option(argc, argv); !bad.empty()) return usage_error(bad);
  // Only monitor has probes to take down on Ctrl-C; everything else stops at once.
  if (word == "monitor") {
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
  }
  try {
    auto args = errno_names_as_numbers(argc, argv);
    // `killswitch --json status`: --json belongs to every subcommand; typed
    // before one, it is moved after it.
    auto json = std::find(args.begin(), args.end(), "--json");
    auto sub = std::find(args.begin(), args.end(), word);
    if (json != args.end() && sub != args.end() && json < sub) {
      args.erase(json);
      args.push_back("--json");
    }
    std::reverse(args.begin(), args.end());  // CLI11 takes them last to first
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    if (rc == 0) return kExitOk;
    if (json) print_json_error(std::cout, kExitUsage, e.what());
    return kExitUsage;
  }
  return exit_code;
}
