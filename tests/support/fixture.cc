#include "support/fixture.h"

#include "util/file_io.h"

namespace ks::testing {

std::filesystem::path fixture_root() { return KS_FIXTURE_ROOT; }

FakeSystem fixture_fake() {
  auto root = fixture_root();
  auto read = [&](const char* rel) { return util::read_text(root / rel).value(); };
  FakeSystem fake;
  fake.kallsyms_text = read("proc/kallsyms");
  fake.traceable_text = read("sys/kernel/tracing/available_filter_functions");
  fake.blacklist_text = read("sys/kernel/debug/kprobes/blacklist");
  fake.modules_text = read("proc/modules") + "killswitch 69632 0 - Live 0xffffffffc0100000 (OE)\n";
  fake.btf_files["vmlinux"] = root / "sys/kernel/btf/vmlinux";
  fake.btf_files["af_alg"] = root / "sys/kernel/btf/af_alg";
  return fake;
}

}  // namespace ks::testing
