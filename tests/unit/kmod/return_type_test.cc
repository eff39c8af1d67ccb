// The module's BTF reader (kmod/return_type.c), built in user space: on
// hand-built blobs (every kind, split BTF, corrupt input) and against
// libbpf on the BTF of the kernel this test runs on.
#include <bpf/btf.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" {
#include "return_type.h"
}

namespace {

// Builds raw BTF the way the kernel serves it: header, types, strings.
class BlobBuilder {
 public:
  // @string_base: the base blob's string length, for split BTF.
  explicit BlobBuilder(uint32_t string_base = 0) : string_base_(string_base) {
    if (string_base == 0) strings_.push_back('\0');
  }

  uint32_t name(const std::string& s) {
    uint32_t off = string_base_ + static_cast<uint32_t>(strings_.size());
    strings_.insert(strings_.end(), s.begin(), s.end());
    strings_.push_back('\0');
    return off;
  }
  void type(uint32_t name_off, unsigned kind, unsigned vlen, uint32_t size_or_type) {
    put(name_off);
    put((kind << 24) | vlen);
    put(size_or_type);
  }
  void put(uint32_t v) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    types_.insert(types_.end(), p, p + 4);
  }
  uint32_t strings_size() const { return static_cast<uint32_t>(strings_.size()); }

  std::vector<uint8_t> bytes() const {
    const uint32_t header[6] = {0x0001eB9F,
                                24,
                                0,
                                static_cast<uint32_t>(types_.size()),
                                static_cast<uint32_t>(types_.size()),
                                static_cast<uint32_t>(strings_.size())};
    std::vector<uint8_t> out(sizeof(header) + types_.size() + strings_.size());
    std::memcpy(out.data(), header, sizeof(header));  // magic, version 1, flags 0; then the offsets
    std::memcpy(out.data() + sizeof(header), types_.data(), types_.size());
    std::memcpy(out.data() + sizeof(header) + types_.size(), strings_.data(), strings_.size());
    return out;
  }

 private:
  uint32_t string_base_;
  std::vector<uint8_t> types_;
  std::vector<char> strings_;
};

constexpr unsigned kInt = 1, kPtr = 2, kStruct = 4, kEnum = 6, kTypedef = 8, kConst = 10, kFunc = 12, kProto = 13;

// Types 1..: int, _Bool, a typedef of _Bool, a pointer, struct s, enum e,
// then functions returning each, and two different "dup" entries.
std::vector<uint8_t> sample_base(BlobBuilder& b) {
  b.type(b.name("int"), kInt, 0, 4);    // 1
  b.put(0x01000020);                    // signed, 32 bits
  b.type(b.name("_Bool"), kInt, 0, 1);  // 2
  b.put(0x04000008);
  b.type(b.name("bool"), kTypedef, 0, 2);      // 3
  b.type(0, kPtr, 0, 1);                       // 4: int *
  b.type(b.name("s"), kStruct, 0, 8);          // 5
  b.type(b.name("e"), kEnum, 0, 4);            // 6
  b.type(b.name("unsigned int"), kInt, 0, 4);  // 7
  b.put(0x00000020);
  b.type(0, kConst, 0, 7);  // 8: const unsigned int
  const uint32_t returns[] = {1, 3, 4, 5, 6, 8, 0};
  const char* names[] = {"f_int", "f_bool", "f_ptr", "f_struct", "f_enum", "f_unsigned", "f_void"};
  uint32_t id = 9;
  for (size_t i = 0; i < std::size(returns); i++, id += 2) {
    b.type(0, kProto, 0, returns[i]);  // id
    b.type(b.name(names[i]), kFunc, 1, id);
  }
  b.type(0, kProto, 0, 1);  // dup returning int
  b.type(b.name("dup"), kFunc, 0, id);
  b.type(0, kProto, 0, 4);  // dup returning a pointer
  b.type(b.name("dup"), kFunc, 0, id + 2);
  b.type(b.name("same"), kFunc, 0, id);  // two "same" entries that agree
  b.type(b.name("same"), kFunc, 0, id);
  return b.bytes();
}

ks_return_type lookup(const std::vector<uint8_t>& base, const std::vector<uint8_t>* split, const char* name,
                      int* err = nullptr) {
  ks_btf_blob b{base.data(), base.size()};
  ks_btf_blob s{split ? split->data() : nullptr, split ? split->size() : 0};
  ks_return_type out{KS_RET_UNKNOWN, 0};
  int e = ks_btf_return_type(&b, split ? &s : nullptr, name, &out);
  if (err) *err = e;
  return out;
}

TEST(ReturnType, EachKindIsLookedThroughTypedefsAndQualifiers) {
  BlobBuilder b;
  auto base = sample_base(b);
  EXPECT_EQ(lookup(base, nullptr, "f_int").kind, KS_RET_SIGNED);
  EXPECT_EQ(lookup(base, nullptr, "f_int").size, 4u);
  EXPECT_EQ(lookup(base, nullptr, "f_bool").kind, KS_RET_BOOL);
  EXPECT_EQ(lookup(base, nullptr, "f_ptr").kind, KS_RET_POINTER);
  EXPECT_EQ(lookup(base, nullptr, "f_struct").kind, KS_RET_OTHER);
  EXPECT_EQ(lookup(base, nullptr, "f_enum").kind, KS_RET_ENUM);
  EXPECT_EQ(lookup(base, nullptr, "f_unsigned").kind, KS_RET_UNSIGNED);
  EXPECT_EQ(lookup(base, nullptr, "f_void").kind, KS_RET_VOID);
}

TEST(ReturnType, EntriesThatDisagreeAreUnknownAndMissingIsEnoent) {
  BlobBuilder b;
  auto base = sample_base(b);
  int err = 1;
  EXPECT_EQ(lookup(base, nullptr, "dup", &err).kind, KS_RET_UNKNOWN);
  EXPECT_EQ(err, 0);
  EXPECT_EQ(lookup(base, nullptr, "same").kind, KS_RET_SIGNED);
  lookup(base, nullptr, "f_in", &err);
  EXPECT_EQ(err, -ENOENT) << "a prefix is not the name";
  lookup(base, nullptr, "int", &err);
  EXPECT_EQ(err, -ENOENT) << "a type is not a function";
  EXPECT_EQ(lookup(base, nullptr, "f_bool.isra.0").kind, KS_RET_BOOL) << "a clone is typed as its base";
  EXPECT_EQ(lookup(base, nullptr, "f_void.cold").kind, KS_RET_VOID);
}

TEST(ReturnType, SplitBtfNumbersItsTypesAndStringsAfterTheBase) {
  BlobBuilder b;
  auto base = sample_base(b);
  const uint32_t base_types = 8 + 2 * 7 + 6;
  BlobBuilder m(b.strings_size());
  m.type(0, kProto, 0, 3);  // base_types + 1: returns the base's bool
  m.type(m.name("m_bool"), kFunc, 0, base_types + 1);
  m.type(m.name("f_int"), kFunc, 0, base_types + 1);  // shadows a base name
  auto split = m.bytes();
  EXPECT_EQ(lookup(base, &split, "m_bool").kind, KS_RET_BOOL);
  EXPECT_EQ(lookup(base, &split, "f_int").kind, KS_RET_BOOL) << "only the module's own entries count";
  int err = 0;
  lookup(base, &split, "f_ptr", &err);
  EXPECT_EQ(err, -ENOENT) << "a module lookup does not find vmlinux functions";
}

TEST(ReturnType, CorruptOrTruncatedBtfIsEinvalAndNeverReadsOutOfBounds) {
  BlobBuilder b;
  auto base = sample_base(b);
  // Every prefix: each one is copied to a buffer of exactly its size, so
  // AddressSanitizer (the fuzz build) would catch a read past its end.
  for (size_t len = 0; len < base.size(); len++) {
    std::vector<uint8_t> cut(base.begin(), base.begin() + static_cast<long>(len));
    int err = 0;
    lookup(cut, nullptr, "f_void", &err);
    EXPECT_TRUE(err == -EINVAL || err == -ENOENT) << len;
  }
  auto bad = base;
  bad[0] ^= 0xff;  // magic
  int err = 0;
  lookup(bad, nullptr, "f_int", &err);
  EXPECT_EQ(err, -EINVAL);
  bad = base;
  bad[24 + 16 + 4 + 3] = 0x1f;  // type 2 (after the 16-byte INT): no such kind
  lookup(bad, nullptr, "f_int", &err);
  EXPECT_EQ(err, -EINVAL);
  bad = base;
  uint32_t huge = 0xfffffff0;
  std::memcpy(bad.data() + 12, &huge, 4);  // type_len past the end
  lookup(bad, nullptr, "f_int", &err);
  EXPECT_EQ(err, -EINVAL);
}

std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What libbpf says the function of BTF id @id returns, in the reader's terms.
ks_return_kind libbpf_kind(const struct btf* b, uint32_t id) {
  const btf_type* proto = btf__type_by_id(b, btf__type_by_id(b, id)->type);
  if (proto->type == 0) return KS_RET_VOID;
  const btf_type* t = btf__type_by_id(b, btf__resolve_type(b, proto->type));
  if (btf_is_int(t)) {
    uint8_t enc = btf_int_encoding(t);
    if (enc & BTF_INT_BOOL) return KS_RET_BOOL;
    return (enc & BTF_INT_SIGNED) ? KS_RET_SIGNED : KS_RET_UNSIGNED;
  }
  if (btf_is_ptr(t)) return KS_RET_POINTER;
  if (btf_is_any_enum(t)) return KS_RET_ENUM;
  return KS_RET_OTHER;
}

// Every 400th function of this machine's kernel BTF (and of one module's),
// compared with libbpf. Names with several entries may differ by design
// (UNKNOWN when they disagree), so those compare only when libbpf agrees.
// The views the module keeps between writes, indexed by id, answer the same.
void compare_with_libbpf(const std::vector<uint8_t>& base, const std::vector<uint8_t>* split, const struct btf* b,
                         uint32_t first_id) {
  ks_btf_blob base_blob{base.data(), base.size()}, split_blob{};
  ks_btf_view base_view{}, split_view{};
  ASSERT_EQ(ks_btf_view_init(&base_view, &base_blob, nullptr), 0);
  std::vector<uint32_t> base_offsets(base_view.count), split_offsets;
  ks_btf_view_index(&base_view, base_offsets.data());
  ASSERT_EQ(base_view.offsets, base_offsets.data());
  if (split) {
    split_blob = {split->data(), split->size()};
    ASSERT_EQ(ks_btf_view_init(&split_view, &split_blob, &base_view), 0);
    EXPECT_EQ(split_view.first_id, first_id);
    split_offsets.resize(split_view.count);
    ks_btf_view_index(&split_view, split_offsets.data());
  }
  int compared = 0;
  for (uint32_t id = first_id; id < btf__type_cnt(b); id++) {
    const btf_type* t = btf__type_by_id(b, id);
    if (!btf_is_func(t) || id % 400 != 0) continue;
    const char* name = btf__name_by_offset(b, t->name_off);
    int err = 1;
    ks_return_type got = lookup(base, split, name, &err);
    ASSERT_EQ(err, 0) << name;
    ks_return_type indexed{};
    ASSERT_EQ(ks_btf_view_return_type(&base_view, split ? &split_view : nullptr, name, &indexed), 0) << name;
    EXPECT_EQ(indexed.kind, got.kind) << name;
    EXPECT_EQ(indexed.size, got.size) << name;
    if (got.kind == KS_RET_UNKNOWN) continue;
    EXPECT_EQ(got.kind, libbpf_kind(b, id)) << name;
    compared++;
  }
  EXPECT_GT(compared, 0);
}

TEST(ReturnType, AgreesWithLibbpfOnThisKernelsBtf) {
  const std::filesystem::path dir = "/sys/kernel/btf";
  if (!std::filesystem::exists(dir / "vmlinux")) GTEST_SKIP() << "this kernel has no BTF";
  auto base = read_file(dir / "vmlinux");
  struct btf* vmlinux = btf__parse_raw((dir / "vmlinux").c_str());
  ASSERT_NE(vmlinux, nullptr);
  compare_with_libbpf(base, nullptr, vmlinux, 1);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() == "vmlinux") continue;
    auto split = read_file(entry.path());
    struct btf* module = btf__parse_raw_split(entry.path().c_str(), vmlinux);
    ASSERT_NE(module, nullptr);
    if (btf__type_cnt(module) - btf__type_cnt(vmlinux) > 400) {
      compare_with_libbpf(base, &split, module, btf__type_cnt(vmlinux));
      btf__free(module);
      break;
    }
    btf__free(module);
  }
  btf__free(vmlinux);
}

}  // namespace
