#include "profile/profile.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/sample_profile.h"

namespace ks::profile {
namespace {

using testing::kSampleProfile;

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

util::Error error_of(const std::string& text) {
  auto p = parse_profile(text, "x.toml");
  EXPECT_FALSE(p) << "parsed although malformed";
  if (p) return {};
  EXPECT_TRUE(p.error().where) << "no file in " << p.error().message();
  return p.error();
}

long line_of(const util::Error& e) { return e.where ? e.where->line : 0; }

TEST(Profile, ReadsEveryField) {
  auto p = parse_profile(kSampleProfile, "copy-fail.toml");
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->id, "CVE-2026-31431");
  EXPECT_EQ(p->references.size(), 1u);
  EXPECT_EQ(p->introduced, "4.14");
  EXPECT_EQ(p->fixed_upstream.size(), 2u);
  ASSERT_EQ(p->fixed_packages.size(), 1u);
  EXPECT_EQ(p->fixed_packages[0].version, "6.1.170-1");
  ASSERT_EQ(p->targets.size(), 2u);
  EXPECT_EQ(p->targets[0].retval, -1);  // -EPERM
  EXPECT_EQ(p->targets[0].command().text(), "engage algif_aead:aead_recvmsg -1\n");
  // The module's names: '-' in a module name becomes '_', the condition canonical.
  EXPECT_EQ(p->targets[1].function, "algif_aead:aead_sendmsg");
  EXPECT_EQ(p->targets[1].canonical_condition, "uid!=0");
  EXPECT_EQ(p->preserves, "AF_ALG hashes and skciphers");
  ASSERT_TRUE(p->proof);
  EXPECT_EQ(p->proof->trigger, std::vector<std::string>{"af-alg-aead"});
  EXPECT_EQ(p->proof->refused_errno, 1);
  EXPECT_EQ(p->proof->modules, std::vector<std::string>{"algif_aead"});
  ASSERT_EQ(p->proof->keeps.size(), 2u);
  EXPECT_EQ(p->proof->keeps[1], (std::vector<std::string>{"socket", "inet", "stream"}));
}

TEST(Profile, AProofIsOptional) {
  std::string text = kSampleProfile;
  auto p = parse_profile(text.substr(0, text.find("[proof]")), "x.toml");
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_FALSE(p->proof);
}

TEST(Profile, BadProofsAreNamedWhereTheyAre) {
  auto e = error_of(replace(kSampleProfile, "refused = \"EPERM\"", "refused = \"EWHATEVER\""));
  EXPECT_EQ(line_of(e), 28);
  EXPECT_NE(e.what.find("errno name"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "trigger = [\"af-alg-aead\"]", "trigger = []"));
  EXPECT_NE(e.what.find("ks-trigger's words"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "trigger = [\"af-alg-aead\"]", "trigger = \"af-alg-aead\""));
  EXPECT_NE(e.what.find("\"trigger\" must be an array of strings"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "[\"socket\", \"inet\", \"stream\"]", "[\"socket\", 2]"));
  EXPECT_EQ(line_of(e), 30);
  e = error_of(replace(kSampleProfile, "keeps = [", "keeps = [[],"));
  EXPECT_NE(e.what.find("ks-trigger's words"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "refused = \"EPERM\"", "refused = \"EPERM\"\nworks = 1"));
  EXPECT_NE(e.what.find("unknown key \"works\" in [proof]"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "refused = \"EPERM\"\n", ""));
  EXPECT_NE(e.what.find("missing key \"refused\""), std::string::npos) << e.message();
}

TEST(Profile, TomlSyntaxErrorNamesFileAndLine) {
  auto e = error_of(replace(kSampleProfile, "title = \"Copy Fail\"", "title = \"Copy Fail"));
  EXPECT_EQ(e.where->file, "x.toml");
  EXPECT_EQ(line_of(e), 2);
  EXPECT_EQ(e.message().rfind("x.toml:2:", 0), 0u) << e.message();
}

TEST(Profile, MissingKeyIsNamed) {
  auto e = error_of(replace(kSampleProfile, "title = \"Copy Fail\"\n", ""));
  EXPECT_NE(e.what.find("missing key \"title\""), std::string::npos) << e.message();
}

TEST(Profile, BadIdPointsAtItsLine) {
  auto e = error_of(replace(kSampleProfile, "CVE-2026-31431", "copy-fail"));
  EXPECT_EQ(line_of(e), 1);
  EXPECT_NE(e.what.find("CVE id"), std::string::npos) << e.message();
}

TEST(Profile, WrongTypeIsNamedWithItsLine) {
  auto e = error_of(replace(kSampleProfile, "value = -1", "value = true"));
  EXPECT_EQ(line_of(e), 19);
  EXPECT_NE(e.what.find("\"value\" must be an integer or a string"), std::string::npos) << e.message();
}

TEST(Profile, TargetTheModuleWouldRefuseIsRejected) {
  auto e = error_of(replace(kSampleProfile, "condition = \"uid != 0\"", "condition = \"uid ~ 0\""));
  EXPECT_NE(e.what.find("malformed"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "\"-EPERM\"", "\"-ENOTANERRNO\""));
  EXPECT_NE(e.what.find("aead_recvmsg"), std::string::npos) << e.message();
}

TEST(Profile, TargetTheSafetyRulesRefuseIsRejected) {
  auto e = error_of(
      replace(kSampleProfile, "\"algif_aead:aead_recvmsg\"\nvalue = \"-EPERM\"", "\"security_file_open\"\nvalue = 0"));
  EXPECT_NE(e.what.find("safety"), std::string::npos) << e.message();
}

TEST(Profile, BadVersionsAreRejectedWhereTheyAre) {
  auto e = error_of(replace(kSampleProfile, "\"6.1.170-1\"", "\"six one\""));
  EXPECT_EQ(line_of(e), 11);
  EXPECT_NE(e.what.find("not a Debian version"), std::string::npos) << e.message();
  e = error_of(replace(kSampleProfile, "\"6.12.85\"", "\"6.1.171\""));
  EXPECT_NE(e.what.find("6.1 series"), std::string::npos) << e.message();
}

TEST(Profile, UnknownKeysAndMissingTargetsAreErrors) {
  auto e = error_of(replace(kSampleProfile, "[affected]", "colour = \"red\"\n[affected]"));
  EXPECT_NE(e.what.find("unknown key \"colour\""), std::string::npos) << e.message();
  std::string no_targets = kSampleProfile;
  no_targets = no_targets.substr(0, no_targets.find("[[target]]")) + "[behaviour]\npreserves = \"a\"\nbreaks = \"b\"\n";
  e = error_of(no_targets);
  EXPECT_NE(e.what.find("no [[target]]"), std::string::npos) << e.message();
}

TEST(Profile, DuplicateTargetIsAnError) {
  auto e = error_of(replace(kSampleProfile, "algif-aead:aead_sendmsg", "algif_aead:aead_recvmsg"));
  EXPECT_NE(e.what.find("appears twice"), std::string::npos) << e.message();
}

}  // namespace
}  // namespace ks::profile
