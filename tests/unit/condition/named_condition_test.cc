#include "condition/named_condition.h"

#include <gtest/gtest.h>

#include "btf/btf.h"
#include "support/fixture.h"

namespace ks::condition {
namespace {

class Conditions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = btf::Btf::from_file(testing::fixture_root() / "sys/kernel/btf/vmlinux");
    ASSERT_TRUE(b);
    btf_.emplace(std::move(*b));
  }
  util::Result<Translated> translate_for(const char* fn, const char* cond) {
    auto proto = btf_->function(fn);
    EXPECT_TRUE(proto) << fn;
    return translate(cond, proto ? &*proto : nullptr, &*btf_);
  }
  std::optional<btf::Btf> btf_;
};

TEST_F(Conditions, ParameterNameAndConstantBecomeArgK) {
  auto t = translate_for("__sock_create", "family == AF_ALG");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->text, "arg2==38");
  EXPECT_TRUE(t->uses_args);
}

TEST_F(Conditions, JoinsPredicatesAndKeepsTaskFields) {
  auto t = translate_for("__sock_create", "family == AF_ALG && uid != 0 && userns != init");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->text, "arg2==38&&uid!=0&&userns!=init");
  auto task = translate_for("vfs_read", "uid != root && comm == bash");
  ASSERT_TRUE(task);
  EXPECT_EQ(task->text, "uid!=0&&comm==bash");
  EXPECT_FALSE(task->uses_args);
}

TEST_F(Conditions, ConstantsComeFromBtfEnumeratorsToo) {
  auto t = translate_for("__sock_create", "type == SOCK_RAW && protocol & 0x4");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->text, "arg3==3&&arg4&0x4") << "the module prints masks in hex";
}

TEST_F(Conditions, UnknownNamesAreExplained) {
  auto param = translate_for("__sock_create", "domain == AF_ALG");
  ASSERT_FALSE(param);
  EXPECT_NE(param.error().message().find("net, family, type, protocol, res, kern"), std::string::npos);
  auto constant = translate_for("__sock_create", "family == AF_NOPE");
  ASSERT_FALSE(constant);
  EXPECT_NE(constant.error().message().find("unknown constant 'AF_NOPE'"), std::string::npos);
}

TEST_F(Conditions, RefusesArgumentsThatAreNotInRegisters) {
  auto seventh = translate_for("fixture_seven", "a7 == 1");
  ASSERT_FALSE(seventh);
  EXPECT_NE(seventh.error().message().find("only the first 6"), std::string::npos);
  auto after_struct = translate_for("fixture_by_value", "flag == 1");
  ASSERT_FALSE(after_struct);
  EXPECT_NE(after_struct.error().message().find("not one register"), std::string::npos);
}

TEST_F(Conditions, WorksWithoutBtfForArgKOnly) {
  auto t = translate("arg2 == 38 && euid == 1000", nullptr, nullptr);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->text, "arg2==38&&euid==1000");
  EXPECT_TRUE(translate("family == AF_ALG", nullptr, nullptr).error().message().find("without BTF") !=
              std::string::npos);
  EXPECT_EQ(translate("arg1 == AF_INET6", nullptr, nullptr)->text, "arg1==10") << "table constants need no BTF";
}

TEST_F(Conditions, MalformedInputIsRefused) {
  for (const char* bad :
       {"uid = 0", "uid ==", "== 1", "userns == mine", "uid == abc", "arg9 == 1", "uid != 0 &&",
        "comm == a_name_longer_than_15", "uid==1&&uid==2&&uid==3&&uid==4&&uid==5&&uid==6&&uid==7&&uid==8&&uid==9"})
    EXPECT_FALSE(translate(bad, nullptr, nullptr)) << bad;
}

}  // namespace
}  // namespace ks::condition
