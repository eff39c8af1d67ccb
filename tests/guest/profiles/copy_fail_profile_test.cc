// profiles/CVE-2026-31431.toml (Copy Fail): AF_ALG AEAD is refused while
// AF_ALG hashing keeps working; applying twice changes nothing; revert
// restores AEAD.
#include <linux/if_alg.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/profiles.h"
#include "support/sample_profile.h"
#include "trigger/af_alg_aead.h"

namespace ks::guest {
namespace {

using CopyFailProfileTest = ProfileTest;

// sha256("abc") through an AF_ALG hash socket, in hex; empty on failure.
std::string af_alg_sha256_abc() {
  int tfm = ::socket(AF_ALG, SOCK_SEQPACKET, 0);
  if (tfm < 0) return "";
  sockaddr_alg sa{};
  sa.salg_family = AF_ALG;
  std::string("hash").copy(reinterpret_cast<char*>(sa.salg_type), sizeof(sa.salg_type));
  std::string("sha256").copy(reinterpret_cast<char*>(sa.salg_name), sizeof(sa.salg_name));
  std::string hex;
  if (::bind(tfm, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0) {
    int op = ::accept(tfm, nullptr, nullptr);
    unsigned char digest[32];
    if (op >= 0 && ::write(op, "abc", 3) == 3 && ::read(op, digest, sizeof(digest)) == 32) {
      static const char* kHex = "0123456789abcdef";
      for (unsigned char c : digest) hex += {kHex[c >> 4], kHex[c & 15]};
    }
    if (op >= 0) ::close(op);
  }
  ::close(tfm);
  return hex;
}

constexpr const char* kSha256Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST_F(CopyFailProfileTest, PlainApplyIsNotApplicableOnThisKernel) {
  expect_not_applicable_here(load("CVE-2026-31431"));
}

TEST_F(CopyFailProfileTest, RefusesAeadKeepsHashesAndRevertRestores) {
  auto p = load("CVE-2026-31431");
  auto before = trigger::af_alg_aead_round_trip();  // reaches algif_aead
  ASSERT_TRUE(before.has_value()) << trigger::describe(before);

  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_NE(r.reason.find("--ignore-version"), std::string::npos) << r.reason;

  auto during = trigger::af_alg_aead_round_trip();
  EXPECT_FALSE(during.has_value());
  EXPECT_EQ(trigger::failed_step(during), "sendmsg");
  EXPECT_EQ(trigger::trip_errno(during), EPERM) << trigger::describe(during);
  EXPECT_GE(ks_.hits("algif_aead:aead_sendmsg").value_or(0), 1u);
  EXPECT_EQ(af_alg_sha256_abc(), kSha256Abc);  // what it preserves

  auto again = apply(p, true);
  EXPECT_EQ(again.outcome, profile::Outcome::kAlreadyApplied) << again.reason;

  auto back = revert(p);
  EXPECT_EQ(back.outcome, profile::Outcome::kReverted) << back.reason;
  auto after = trigger::af_alg_aead_round_trip();
  EXPECT_TRUE(after.has_value()) << trigger::describe(after);
}

// A profile goes the road engage goes: a target that does not exist stops
// it before anything is written. (A refusal only the kernel can see is
// rolled back: CoexistTest.ProfileRefusedNextToALivepatchIsRolledBackWhole.)
TEST_F(CopyFailProfileTest, MissingTargetStopsTheProfileBeforeAnyWrite) {
  ASSERT_TRUE(trigger::af_alg_aead_round_trip().has_value());
  auto p = profile::parse_profile(testing::profile_with_targets("CVE-2026-31431", R"([[target]]
function = "algif_aead:aead_sendmsg"
value = "-EPERM"
[[target]]
function = "algif_aead:ks_no_such_function"
value = "-EPERM"
)"),
                                  "missing.toml");
  ASSERT_TRUE(p) << p.error().message();
  size_t mark = kernel_log().size();
  auto r = apply(*p, true);
  EXPECT_EQ(r.outcome, profile::Outcome::kFailed) << r.reason;
  EXPECT_NE(r.reason.find("algif_aead:ks_no_such_function: not found"), std::string::npos) << r.reason;
  EXPECT_EQ(engaged_text(), "");
  // Nothing reached the module: no engage was logged.
  EXPECT_EQ(kernel_log().substr(mark).find("engage algif_aead:aead_sendmsg retval="), std::string::npos)
      << kernel_log().substr(mark);
  EXPECT_TRUE(trigger::af_alg_aead_round_trip().has_value());
}

}  // namespace
}  // namespace ks::guest
