// The killswitch binary itself on the fixture tree (--root): argument
// handling that only main does (errno names as values, did-you-mean,
// exit codes of parse errors). It only reads, so the tree stays as it is.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixture.h"

extern "C" {
#include "uapi/killswitch.h"
}

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs @command in a shell, stdout and stderr together.
Run shell(const std::string& command) {
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.output.append(buf, n);
  int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The tool on the fixture tree.
Run killswitch(const std::string& args) {
  return shell(std::string(KS_TOOL_PATH) + " --root " + ks::testing::fixture_root().string() + " " + args + " 2>&1");
}

TEST(CliBinary, VersionPrintsTheProjectVersion) {
  auto run = killswitch("--version");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(run.output, "killswitch " KS_EXPECTED_VERSION "\n");
}

TEST(CliBinary, NegativeErrnoNamesAreValuesNotOptions) {
  auto run = killswitch("check af_alg_sendmsg -EPERM --json");
  EXPECT_EQ(run.status, 1) << run.output;  // a warning: the fixture lists it as engaged
  auto j = nlohmann::json::parse(run.output);
  EXPECT_EQ(j["value"], -1);
  EXPECT_EQ(j["prototype"]["btf"], "af_alg");
  EXPECT_EQ(nlohmann::json::parse(killswitch("check vfs_read EOPNOTSUPP --json").output)["value"], -95);
}

TEST(CliBinary, UnknownCommandGetsDidYouMean) {
  auto run = killswitch("stauts");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("'stauts' is not a command. Did you mean 'status'?"), std::string::npos) << run.output;
}

TEST(CliBinary, ParseErrorsAreExitTwoAndHelpListsExitCodes) {
  EXPECT_EQ(killswitch("").status, 2);
  EXPECT_EQ(killswitch("check").status, 2);
  EXPECT_EQ(killswitch("engage vfs_read -1 --try 0").status, 2);
  auto help = killswitch("check --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("Exit codes:"), std::string::npos);
}

TEST(CliBinary, StatusOnTheFixtureTree) {
  auto run = killswitch("status");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("built-in killswitch; missing: conditions (--if)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("af_alg_sendmsg"), std::string::npos);
}

TEST(CliBinary, TyposGetDidYouMeanForSubcommandsAndErrnoNames) {
  auto run = killswitch("profiles lst");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("'lst' is not a subcommand. Did you mean 'list'?"), std::string::npos) << run.output;
  run = killswitch("check af_alg_sendmsg -EPRM");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("'-EPRM' is not an errno name. Did you mean '-EPERM'?"), std::string::npos) << run.output;
  run = killswitch("check af_alg_sendmsg EACESS");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("Did you mean 'EACCES'?"), std::string::npos) << run.output;
}

// Flags where a user types them: global options after the subcommand,
// --json before it.
TEST(CliBinary, FlagsAreAcceptedWhereverTheyAreTyped) {
  auto after = shell(std::string(KS_TOOL_PATH) + " status --json --root " + ks::testing::fixture_root().string());
  EXPECT_EQ(after.status, 0) << after.output;
  EXPECT_EQ(nlohmann::json::parse(after.output)["backend"], "builtin");
  auto before = killswitch("--json status");
  EXPECT_EQ(before.status, 0) << before.output;
  EXPECT_EQ(nlohmann::json::parse(before.output)["backend"], "builtin");
}

TEST(CliBinary, AnEmptyFolderIsNeverASilentSuccess) {
  std::string empty = ::testing::TempDir() + "/ks-empty-profiles";
  std::filesystem::create_directories(empty);
  auto run = killswitch("apply " + empty);
  EXPECT_EQ(run.status, 5) << run.output;
  EXPECT_NE(run.output.find("no profiles (*.toml) in " + empty), std::string::npos) << run.output;
  EXPECT_EQ(killswitch("profiles validate " + empty).status, 2);
}

// Only --root, on the command line, points the tool elsewhere.
TEST(CliBinary, NoEnvironmentVariableRedirectsTheTool) {
  auto run = shell("KILLSWITCH_ROOT=" + ks::testing::fixture_root().string() + " " + KS_TOOL_PATH +
                   " status --json --root /nonexistent-root");
  EXPECT_EQ(nlohmann::json::parse(run.output)["backend"], "none") << run.output;
}

// With --json every path prints one document on stdout, stamped with the
// format's version; an error is one object with a stable code.
TEST(CliBinary, JsonOnEveryPathWithAVersionAndErrorsAsObjects) {
  struct Case {
    std::string args;
    int status;
    std::string code;
  };
  for (const Case& c : {Case{"profiles show /missing.toml --json", 5, "not_found"},
                        Case{"profiles lst --json", 2, "usage"}, Case{"check --json", 2, "usage"},
                        Case{"stauts --json", 2, "usage"}, Case{"check af_alg_sendmsg -EPRM --json", 2, "usage"},
                        Case{"apply /nonexistent-folder --json", 5, ""}}) {
    auto run = shell(std::string(KS_TOOL_PATH) + " --root " + ks::testing::fixture_root().string() + " " + c.args +
                     " 2>/dev/null");
    EXPECT_EQ(run.status, c.status) << c.args << ": " << run.output;
    auto j = nlohmann::json::parse(run.output, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << c.args << ": not one JSON document: " << run.output;
    EXPECT_EQ(j["version"], 1) << c.args;
    if (!c.code.empty()) {
      EXPECT_EQ(j["error"]["code"], c.code) << c.args;
      EXPECT_EQ(j["error"]["exit_code"], c.status) << c.args;
      EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << c.args;
    }
  }
  auto status = nlohmann::json::parse(killswitch("status --json").output);
  EXPECT_EQ(status["version"], 1);
  EXPECT_EQ(status["versions"]["tool"], KS_EXPECTED_VERSION);
  EXPECT_EQ(status["versions"]["abi"], 1);
}

// The module reports the release the VERSION file names.
TEST(CliBinary, TheModuleReleaseIsTheProjectVersion) { EXPECT_STREQ(KS_RELEASE, KS_EXPECTED_VERSION); }

}  // namespace
