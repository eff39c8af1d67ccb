#include "btf/btf.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace ks::btf {
namespace {

Btf fixture_btf() {
  auto b = Btf::from_file(testing::fixture_root() / "sys/kernel/btf/vmlinux");
  EXPECT_TRUE(b) << b.error().message();
  auto added = b->add_module("af_alg", testing::fixture_root() / "sys/kernel/btf/af_alg");
  EXPECT_TRUE(added) << added.error().message();
  return std::move(*b);
}

TEST(Btf, ReadsAPrototypeWithParameterNames) {
  auto b = fixture_btf();
  auto p = b.function("__sock_create");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->text(),
            "int __sock_create(struct net *net, int family, int type, int protocol, struct socket **res, int kern)");
  EXPECT_EQ(p->object, "vmlinux");
  EXPECT_EQ(p->return_kind, TypeKind::kSigned);
  EXPECT_EQ(p->return_size, 4u);
  EXPECT_EQ(p->param_index("family"), 2u);
  EXPECT_FALSE(p->param_index("nosuch"));
}

TEST(Btf, ClassifiesReturnTypesThroughTypedefs) {
  auto b = fixture_btf();
  struct Case {
    const char* fn;
    TypeKind kind;
    unsigned size;
  };
  for (auto c : {Case{"vfs_read", TypeKind::kSigned, 8}, Case{"capable", TypeKind::kBool, 1},
                 Case{"filp_open", TypeKind::kPointer, 8}, Case{"kfree", TypeKind::kVoid, 0},
                 Case{"nr_free_buffer_pages", TypeKind::kUnsigned, 4}, Case{"fixture_short", TypeKind::kSigned, 2},
                 Case{"fixture_get_state", TypeKind::kEnum, 4}, Case{"fixture_make_pair", TypeKind::kAggregate, 16}}) {
    auto p = b.function(c.fn);
    ASSERT_TRUE(p) << c.fn;
    EXPECT_EQ(p->return_kind, c.kind) << c.fn;
    EXPECT_EQ(p->return_size, c.size) << c.fn;
  }
  EXPECT_EQ(b.function("vfs_read")->return_type, "ssize_t");
  EXPECT_EQ(b.function("filp_open")->text(), "struct file *filp_open(const char *filename, int flags, umode_t mode)");
  EXPECT_EQ(b.function("nr_free_buffer_pages")->text(), "unsigned int nr_free_buffer_pages(void)");
}

TEST(Btf, ReadsModuleFunctionsFromSplitBtf) {
  auto b = fixture_btf();
  auto p = b.function("af_alg_sendmsg", "af_alg");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->object, "af_alg");
  EXPECT_EQ(p->text(), "int af_alg_sendmsg(struct socket *sock, struct msghdr *msg, size_t size, unsigned int ivsize)");
  EXPECT_EQ(b.function("af_alg_pull_tsgl", "af_alg")->return_kind, TypeKind::kVoid);
  EXPECT_FALSE(b.function("af_alg_sendmsg")) << "not in vmlinux";
  EXPECT_FALSE(b.function("af_alg_sendmsg", "esp4")) << "no BTF loaded for esp4";
}

TEST(Btf, FindsEnumerators) {
  auto b = fixture_btf();
  EXPECT_EQ(b.enumerator("SOCK_RAW"), 3);
  EXPECT_EQ(b.enumerator("FIXTURE_BUSY"), 1);
  EXPECT_FALSE(b.enumerator("AF_ALG")) << "a #define, not an enumerator";
}

TEST(Btf, ReportsAFileThatIsNotBtf) {
  auto b = Btf::from_file(testing::fixture_root() / "proc/kallsyms");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message().find("cannot parse the BTF"), std::string::npos);
  EXPECT_FALSE(Btf::from_file("/nonexistent/btf"));
}

}  // namespace
}  // namespace ks::btf
