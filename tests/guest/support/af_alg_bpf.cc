#include "support/af_alg_bpf.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace ks::guest {
namespace {
// Built by CMake next to the test program, which the guest sees at /opt/killswitch/tests.
constexpr const char* kObjectPath = "/opt/killswitch/tests/coexist.bpf.o";
constexpr const char* kEntryProgram = "count_entry";
constexpr const char* kExitProgram = "count_exit";
// The slots of the counters map, as in coexist.bpf.c.
constexpr unsigned kEntries = 0;
constexpr unsigned kExits = 1;
constexpr unsigned kLastReturn = 2;
}  // namespace

tl::expected<std::unique_ptr<AfAlgBpf>, std::string> AfAlgBpf::load() {
  std::unique_ptr<AfAlgBpf> bpf(new AfAlgBpf());
  bpf->object_ = bpf_object__open_file(kObjectPath, nullptr);
  if (!bpf->object_) {
    int err = errno;
    return tl::unexpected(std::string("opening ") + kObjectPath + ": " + std::strerror(err));
  }
  if (int err = bpf_object__load(bpf->object_); err)
    return tl::unexpected(std::string("loading ") + kObjectPath + ": " + std::strerror(-err));
  return bpf;
}

AfAlgBpf::~AfAlgBpf() {
  detach(Program::kEntry);
  detach(Program::kExit);
  bpf_object__close(object_);
}

int AfAlgBpf::attach(Program program) {
  bool entry = program == Program::kEntry;
  bpf_link*& link = entry ? entry_link_ : exit_link_;
  if (link) return 0;
  bpf_program* prog = bpf_object__find_program_by_name(object_, entry ? kEntryProgram : kExitProgram);
  if (!prog) return ENOENT;
  link = bpf_program__attach(prog);
  if (!link) return errno;
  return 0;
}

void AfAlgBpf::detach(Program program) {
  bpf_link*& link = program == Program::kEntry ? entry_link_ : exit_link_;
  if (link) bpf_link__destroy(link);
  link = nullptr;
}

long AfAlgBpf::counter(unsigned slot) const {
  bpf_map* map = bpf_object__find_map_by_name(object_, "counters");
  std::int64_t value = 0;
  std::uint32_t key = slot;
  if (!map || bpf_map__lookup_elem(map, &key, sizeof key, &value, sizeof value, 0) != 0) return -1;
  return static_cast<long>(value);
}

long AfAlgBpf::entries() const { return counter(kEntries); }
long AfAlgBpf::exits() const { return counter(kExits); }
long AfAlgBpf::last_return() const { return counter(kLastReturn); }

}  // namespace ks::guest
