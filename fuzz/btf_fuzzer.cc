// libFuzzer target for the module's BTF reader (kmod/return_type.c), built
// in user space from the file the kernel runs: any blob, alone or split in
// two as vmlinux and a module's BTF, is read without a crash or a read out
// of bounds (ASan), and an answer is either an error or a known kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" {
#include "return_type.h"
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Exact-size copies, so ASan sees a read past either end.
  std::vector<uint8_t> whole(data, data + size);
  ks_btf_blob base{whole.data(), whole.size()};
  ks_return_type type{};
  for (const char* name : {"f", "b", "int"}) {
    int err = ks_btf_return_type(&base, nullptr, name, &type);
    if (err == 0 && (type.kind < KS_RET_UNKNOWN || type.kind > KS_RET_OTHER)) std::abort();
  }
  size_t half = size / 2;
  std::vector<uint8_t> first(data, data + half), second(data + half, data + size);
  ks_btf_blob vmlinux{first.data(), first.size()}, module{second.data(), second.size()};
  ks_btf_return_type(&vmlinux, &module, "f", &type);
  return 0;
}
