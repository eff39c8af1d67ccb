#include "system/module_signature.h"

#include <gtest/gtest.h>

#include "util/file_io.h"

namespace ks::system {
namespace {

TEST(ModuleSignature, NamesTheSignerOfASignedModule) {
  auto bytes = util::read_text(KS_SIGNED_MODULE);
  ASSERT_TRUE(bytes);
  auto sig = read_module_signature(*bytes);
  ASSERT_TRUE(sig) << sig.error().message();
  EXPECT_TRUE(sig->is_signed);
  EXPECT_EQ(sig->signer, "killswitch test signing key");
  EXPECT_FALSE(sig->key.empty());
}

TEST(ModuleSignature, AFileWithoutOneIsUnsigned) {
  auto bytes = util::read_text(KS_UNSIGNED_MODULE);
  ASSERT_TRUE(bytes);
  auto sig = read_module_signature(*bytes);
  ASSERT_TRUE(sig);
  EXPECT_FALSE(sig->is_signed);
}

TEST(ModuleSignature, ABrokenSignatureIsAnErrorNeverACrash) {
  const std::string bytes = *util::read_text(KS_SIGNED_MODULE);
  const std::string magic = "~Module signature appended~\n";
  const size_t tail = magic.size() + 12;  // the trailer, then the magic
  // Every byte of the signature and trailer flipped: an answer, never a crash.
  for (size_t at = bytes.size() - tail - 600; at < bytes.size() - magic.size(); at++) {
    std::string broken = bytes;
    broken[at] = char(broken[at] ^ 0x5a);
    auto sig = read_module_signature(broken);
    if (sig) {
      EXPECT_TRUE(sig->is_signed);
    }
  }
  // The signature cut short: its length now runs past the module's start,
  // or it is no longer DER.
  for (size_t cut = 1; cut < 64; cut++) {
    std::string shorter = bytes.substr(0, bytes.size() - tail - cut) + bytes.substr(bytes.size() - tail);
    shorter = shorter.substr(shorter.size() - tail - 40);
    EXPECT_FALSE(read_module_signature(shorter)) << cut;
  }
  EXPECT_FALSE(read_module_signature(magic));
}

}  // namespace
}  // namespace ks::system
