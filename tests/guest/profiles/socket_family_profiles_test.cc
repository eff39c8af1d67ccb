// The profiles that refuse one socket family to user space, each reaching
// the vulnerable module first, then showing the refusal and what stays.
//   CVE-2025-38524 rxrpc: user-space AF_RXRPC refused, kafs (kernel) not
//   CVE-2025-22109 ax25:  AF_AX25 refused, other families and open sockets not
//   CVE-2026-23086 vsock: AF_VSOCK refused, a connection made before works on
// <sys/socket.h> first: the uapi headers use sockaddr without including it
// (arm64's copy of vm_sockets.h does not build otherwise).
// clang-format off
#include <sys/socket.h>
#include <linux/ax25.h>
#include <linux/rxrpc.h>
#include <linux/vm_sockets.h>
// clang-format on
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "support/profiles.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

using SocketFamilyProfileTest = ProfileTest;

TEST_F(SocketFamilyProfileTest, RxrpcPlainApplyIsNotApplicable) { expect_not_applicable_here(load("CVE-2025-38524")); }

TEST_F(SocketFamilyProfileTest, RxrpcUserSocketsRefusedKernelSocketsKept) {
  auto p = load("CVE-2025-38524");
  // Reach rxrpc: a user-space socket bound as a service, then recvmsg on it.
  int fd = ::socket(AF_RXRPC, SOCK_DGRAM, PF_INET);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  sockaddr_rxrpc srx{};
  srx.srx_family = AF_RXRPC;
  srx.srx_service = 1234;
  srx.transport_type = SOCK_DGRAM;
  srx.transport_len = sizeof(srx.transport.sin);
  srx.transport.sin.sin_family = AF_INET;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&srx), sizeof(srx)), 0) << std::strerror(errno);
  char buf[16];
  EXPECT_LT(::recv(fd, buf, sizeof(buf), MSG_DONTWAIT), 0);
  ::close(fd);

  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_EQ(socket_errno(AF_RXRPC, SOCK_DGRAM, PF_INET), EAFNOSUPPORT);
  EXPECT_EQ(socket_errno(AF_RXRPC, SOCK_DGRAM, PF_INET6), EAFNOSUPPORT);
  EXPECT_GE(ks_.hits("rxrpc:rxrpc_create").value_or(0), 2u);

  // What it preserves: kafs opens its AF_RXRPC socket from the kernel (kern=1)
  // when it loads, which the condition arg4==0 lets through.
  load_module("kafs");
  EXPECT_TRUE(module_loaded("kafs"));
  auto passes = util::read_long(ks_.fn_dir("rxrpc:rxrpc_create") / "passes");
  EXPECT_GE(passes.value_or(0), 1);
  unload_module("kafs");
}

TEST_F(SocketFamilyProfileTest, Ax25PlainApplyIsNotApplicable) { expect_not_applicable_here(load("CVE-2025-22109")); }

TEST_F(SocketFamilyProfileTest, Ax25SocketsRefusedOthersKept) {
  auto p = load("CVE-2025-22109");
  // Reach the autobind path: connect() on a socket that was never bound.
  // With no AX.25 device it fails, but only after ax25 tried to autobind.
  load_module("ax25");  // Debian's kernel does not autoload it for socket()
  int open_before = ::socket(AF_AX25, SOCK_SEQPACKET, 0);
  ASSERT_GE(open_before, 0) << std::strerror(errno);
  full_sockaddr_ax25 dest{};
  dest.fsa_ax25.sax25_family = AF_AX25;
  std::memcpy(dest.fsa_ax25.sax25_call.ax25_call, "\x9c\x94\x6e\xa0\x40\x40\x00", 7);  // NOCALL
  int fd = ::socket(AF_AX25, SOCK_SEQPACKET, 0);
  ASSERT_GE(fd, 0);
  EXPECT_LT(::connect(fd, reinterpret_cast<sockaddr*>(&dest), sizeof(dest.fsa_ax25)), 0);
  ::close(fd);

  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_EQ(socket_errno(AF_AX25, SOCK_SEQPACKET, 0), EAFNOSUPPORT);
  EXPECT_EQ(socket_errno(AF_AX25, SOCK_DGRAM, 0), EAFNOSUPPORT);
  EXPECT_GE(ks_.hits("ax25:ax25_create").value_or(0), 2u);
  // What it preserves: other families, and the socket opened before.
  EXPECT_EQ(socket_errno(AF_INET, SOCK_DGRAM, 0), 0);
  EXPECT_EQ(socket_errno(AF_UNIX, SOCK_STREAM, 0), 0);
  sockaddr_storage name{};
  socklen_t len = sizeof(name);
  EXPECT_EQ(::getsockname(open_before, reinterpret_cast<sockaddr*>(&name), &len), 0) << std::strerror(errno);
  EXPECT_EQ(::close(open_before), 0);
}

TEST_F(SocketFamilyProfileTest, VsockPlainApplyIsNotApplicable) { expect_not_applicable_here(load("CVE-2026-23086")); }

TEST_F(SocketFamilyProfileTest, VsockNewSocketsRefusedOpenConnectionKept) {
  auto p = load("CVE-2026-23086");
  load_module("vsock_loopback");
  // Reach the virtio transport: a loopback stream connection carrying data.
  int listener = ::socket(AF_VSOCK, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0) << std::strerror(errno);
  sockaddr_vm addr{};
  addr.svm_family = AF_VSOCK;
  addr.svm_cid = VMADDR_CID_ANY;
  addr.svm_port = 5005;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0) << std::strerror(errno);
  ASSERT_EQ(::listen(listener, 1), 0);
  int client = ::socket(AF_VSOCK, SOCK_STREAM, 0);
  ASSERT_GE(client, 0);
  addr.svm_cid = VMADDR_CID_LOCAL;
  ASSERT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0) << std::strerror(errno);
  int server = ::accept(listener, nullptr, nullptr);
  ASSERT_GE(server, 0) << std::strerror(errno);
  char buf[8] = {};
  ASSERT_EQ(::write(client, "ping", 4), 4);
  ASSERT_EQ(::read(server, buf, sizeof(buf)), 4);

  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_EQ(socket_errno(AF_VSOCK, SOCK_STREAM, 0), EAFNOSUPPORT);
  EXPECT_EQ(socket_errno(AF_VSOCK, SOCK_DGRAM, 0), EAFNOSUPPORT);
  EXPECT_GE(ks_.hits("vsock:vsock_create").value_or(0), 2u);
  // What it preserves: the connection made before, and other families.
  ASSERT_EQ(::write(server, "pong", 4), 4);
  EXPECT_EQ(::read(client, buf, sizeof(buf)), 4);
  EXPECT_EQ(std::string(buf, 4), "pong");
  EXPECT_EQ(socket_errno(AF_INET, SOCK_STREAM, 0), 0);
  ::close(server);
  ::close(client);
  ::close(listener);
}

}  // namespace
}  // namespace ks::guest
