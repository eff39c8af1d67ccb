#include "trigger/io_uring_op.h"

#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ks::trigger {
namespace {

// A mapping of the ring's memory, unmapped when it goes out of scope.
class Mapping {
 public:
  Mapping(int fd, size_t size, off_t offset)
      : size_(size), at_(::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset)) {}
  ~Mapping() {
    if (ok()) ::munmap(at_, size_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  bool ok() const { return at_ != MAP_FAILED; }
  template <typename T>
  T* at(uint32_t offset) const {
    return reinterpret_cast<T*>(static_cast<char*>(at_) + offset);
  }

 private:
  size_t size_;
  void* at_;
};

// The ring's head and tail words are shared with the kernel.
uint32_t load_acquire(const uint32_t* word) {
  return std::atomic_ref(*const_cast<uint32_t*>(word)).load(std::memory_order_acquire);
}
void store_release(uint32_t* word, uint32_t value) { std::atomic_ref(*word).store(value, std::memory_order_release); }

// The opcodes the trigger sends, by the word that names them.
struct Opcode {
  std::string_view word;
  uint8_t op;
  const char* step;  // what a refusal names
};
constexpr Opcode kOpcodes[] = {
    {"nop", IORING_OP_NOP, "IORING_OP_NOP"},
    {"openat", IORING_OP_OPENAT, "IORING_OP_OPENAT"},
    {"openat2", IORING_OP_OPENAT2, "IORING_OP_OPENAT2"},
};

const Opcode* find_opcode(std::string_view word) {
  for (const auto& o : kOpcodes)
    if (o.word == word) return &o;
  return nullptr;
}

}  // namespace

Trip io_uring_open(const std::string& opcode) {
  const Opcode* op = find_opcode(opcode);
  if (!op) {
    errno = EINVAL;
    return failed("io_uring opcode " + opcode);
  }
  io_uring_params params{};
  Fd ring(static_cast<int>(::syscall(SYS_io_uring_setup, 1, &params)));
  if (ring.get() < 0) return failed("io_uring_setup");
  Mapping sq(ring.get(), params.sq_off.array + params.sq_entries * sizeof(uint32_t), IORING_OFF_SQ_RING);
  Mapping cq(ring.get(), params.cq_off.cqes + params.cq_entries * sizeof(io_uring_cqe), IORING_OFF_CQ_RING);
  Mapping sqes(ring.get(), params.sq_entries * sizeof(io_uring_sqe), IORING_OFF_SQES);
  if (!sq.ok() || !cq.ok() || !sqes.ok()) return failed("mmap(io_uring)");

  static const char kPath[] = "/";
  static const open_how kHow = {.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC, .mode = 0, .resolve = 0};
  io_uring_sqe* sqe = sqes.at<io_uring_sqe>(0);
  std::memset(sqe, 0, sizeof(*sqe));
  sqe->fd = AT_FDCWD;
  sqe->addr = reinterpret_cast<uintptr_t>(kPath);
  sqe->opcode = op->op;
  if (op->op == IORING_OP_OPENAT) sqe->open_flags = kHow.flags;
  if (op->op == IORING_OP_OPENAT2) {
    sqe->addr2 = reinterpret_cast<uintptr_t>(&kHow);
    sqe->len = sizeof(kHow);
  }
  uint32_t* tail = sq.at<uint32_t>(params.sq_off.tail);
  uint32_t slot = *tail & *sq.at<uint32_t>(params.sq_off.ring_mask);
  sq.at<uint32_t>(params.sq_off.array)[slot] = 0;
  store_release(tail, *tail + 1);
  if (::syscall(SYS_io_uring_enter, ring.get(), 1, 1, IORING_ENTER_GETEVENTS, nullptr, 0) < 0)
    return failed("io_uring_enter");

  const uint32_t* head = cq.at<uint32_t>(params.cq_off.head);
  if (load_acquire(cq.at<uint32_t>(params.cq_off.tail)) == *head) return failed("io_uring_enter (no completion)");
  const io_uring_cqe& cqe = cq.at<io_uring_cqe>(params.cq_off.cqes)[*head & *cq.at<uint32_t>(params.cq_off.ring_mask)];
  int result = cqe.res;
  store_release(cq.at<uint32_t>(params.cq_off.head), *head + 1);
  if (result < 0) {
    errno = -result;
    return failed(op->step);
  }
  if (op->op != IORING_OP_NOP) ::close(result);
  return {};
}

util::Result<Trip> io_uring_from_words(const std::vector<std::string>& words) {
  if (words.size() != 1 || !find_opcode(words[0])) return util::fail("io-uring takes <opcode>: nop, openat or openat2");
  return io_uring_open(words[0]);
}

}  // namespace ks::trigger
