#include "trigger/af_alg_aead.h"

#include <linux/if_alg.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

namespace ks::trigger {
namespace {

constexpr size_t kKeySize = 16;
constexpr size_t kIvSize = 12;
constexpr size_t kTagSize = 16;

// One AEAD operation on an accepted AF_ALG socket: sendmsg with the
// operation, IV and associated-data length, then read the result.
Trip aead_op(int fd, uint32_t op, const std::vector<uint8_t>& in, std::vector<uint8_t>& out, uint32_t assoclen) {
  std::array<uint8_t, kIvSize> iv{};
  for (size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<uint8_t>(i);

  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(uint32_t)) + CMSG_SPACE(sizeof(af_alg_iv) + kIvSize) +
                                CMSG_SPACE(sizeof(uint32_t))] = {};
  iovec iov{const_cast<uint8_t*>(in.data()), in.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;

  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_ALG;
  c->cmsg_type = ALG_SET_OP;
  c->cmsg_len = CMSG_LEN(sizeof(uint32_t));
  std::memcpy(CMSG_DATA(c), &op, sizeof op);

  c = CMSG_NXTHDR(&msg, c);
  c->cmsg_level = SOL_ALG;
  c->cmsg_type = ALG_SET_IV;
  c->cmsg_len = CMSG_LEN(sizeof(af_alg_iv) + kIvSize);
  auto* alg_iv = reinterpret_cast<af_alg_iv*>(CMSG_DATA(c));
  alg_iv->ivlen = kIvSize;
  std::memcpy(alg_iv->iv, iv.data(), kIvSize);

  c = CMSG_NXTHDR(&msg, c);
  c->cmsg_level = SOL_ALG;
  c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
  c->cmsg_len = CMSG_LEN(sizeof(uint32_t));
  std::memcpy(CMSG_DATA(c), &assoclen, sizeof assoclen);

  if (::sendmsg(fd, &msg, 0) != static_cast<ssize_t>(in.size())) return failed("sendmsg");
  ssize_t n = ::read(fd, out.data(), out.size());
  if (n < 0) return failed("read");
  if (n != static_cast<ssize_t>(out.size()))
    return util::fail("read (short)", std::make_error_code(std::errc::io_error));
  return {};
}

}  // namespace

Trip af_alg_aead_round_trip() {
  const std::string aad = "header";
  const std::string text = "killswitch round trip";
  std::array<uint8_t, kKeySize> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(0xa0 + i);

  Fd tfm(::socket(AF_ALG, SOCK_SEQPACKET, 0));
  if (tfm.get() < 0) return failed("socket(AF_ALG)");
  sockaddr_alg sa{};
  sa.salg_family = AF_ALG;
  std::strcpy(reinterpret_cast<char*>(sa.salg_type), "aead");
  std::strcpy(reinterpret_cast<char*>(sa.salg_name), "gcm(aes)");
  if (::bind(tfm.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) return failed("bind(aead, gcm(aes))");
  if (::setsockopt(tfm.get(), SOL_ALG, ALG_SET_KEY, key.data(), key.size()) != 0) return failed("setsockopt(KEY)");
  if (::setsockopt(tfm.get(), SOL_ALG, ALG_SET_AEAD_AUTHSIZE, nullptr, kTagSize) != 0)
    return failed("setsockopt(AUTHSIZE)");
  Fd op(::accept(tfm.get(), nullptr, nullptr));
  if (op.get() < 0) return failed("accept");

  std::vector<uint8_t> plain(aad.begin(), aad.end());
  plain.insert(plain.end(), text.begin(), text.end());
  std::vector<uint8_t> sealed(aad.size() + text.size() + kTagSize);
  KS_TRY(aead_op(op.get(), ALG_OP_ENCRYPT, plain, sealed, aad.size()));
  if (std::memcmp(sealed.data() + aad.size(), text.data(), text.size()) == 0)
    return util::fail("encrypt (output equals input)", std::make_error_code(std::errc::bad_message));

  std::vector<uint8_t> opened(aad.size() + text.size());
  KS_TRY(aead_op(op.get(), ALG_OP_DECRYPT, sealed, opened, aad.size()));
  if (std::memcmp(opened.data() + aad.size(), text.data(), text.size()) != 0)
    return util::fail("decrypt (plaintext differs)", std::make_error_code(std::errc::bad_message));
  return {};
}

}  // namespace ks::trigger
