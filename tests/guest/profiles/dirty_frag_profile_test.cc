// profiles/CVE-2026-43284.toml (Dirty Frag, ESP): between two network
// namespaces joined by a veth pair, UDP carried by an ESP transport
// association is refused once the profile is applied (ESP input drops it),
// while plain UDP between the same two addresses still arrives.
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>

#include "support/profiles.h"
#include "support/xfrm.h"

namespace ks::guest {
namespace {

constexpr const char* kA = "10.77.0.1";  // the test's own namespace
constexpr const char* kB = "10.77.0.2";  // a second namespace, behind veth
constexpr uint16_t kEspPort = 7001;      // the policy sends this port through ESP
constexpr uint16_t kPlainPort = 7002;    // and this one in the clear
constexpr uint32_t kSpi = 0x1001;

class DirtyFragProfileTest : public ProfileTest {
 protected:
  void SetUp() override {
    ProfileTest::SetUp();
    if (HasFatalFailure()) return;
    // Namespace B is held by a sleeping process; veth0 is the peer busybox
    // gives the pair.
    ASSERT_EQ(sh("unshare -n sleep 600 & echo $! > /tmp/ns_b.pid"), 0);
    std::ifstream("/tmp/ns_b.pid") >> ns_pid_;
    ASSERT_GT(ns_pid_, 0);
    const std::string pid = std::to_string(ns_pid_);
    ASSERT_EQ(sh("ip link add va type veth && ip link set veth0 netns " + pid +
                 " && ip addr add 10.77.0.1/24 dev va && ip link set va up && ip link set lo up"),
              0);
    ASSERT_EQ(sh("nsenter -t " + pid +
                 " -n sh -c 'ip addr add 10.77.0.2/24 dev veth0 && ip link set veth0 up && "
                 "ip link set lo up'"),
              0);
  }
  void TearDown() override {
    if (ns_pid_ > 0) ::kill(ns_pid_, SIGKILL);
    ProfileTest::TearDown();
  }

  // Runs @body in a child that joined namespace B; its exit status.
  int in_b(const std::function<int()>& body) {
    return in_child([&] {
      int fd = ::open(("/proc/" + std::to_string(ns_pid_) + "/ns/net").c_str(), O_RDONLY);
      if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) return 100;
      return body();
    });
  }

  // Sends "hello" from A to B:@port; whether B received it within a few seconds.
  bool udp_delivered(uint16_t port) {
    int ready[2];
    if (::pipe(ready) != 0) return false;
    pid_t receiver = ::fork();
    if (receiver == 0) {
      ::close(ready[0]);
      int fd = ::open(("/proc/" + std::to_string(ns_pid_) + "/ns/net").c_str(), O_RDONLY);
      if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) ::_exit(100);
      int s = ::socket(AF_INET, SOCK_DGRAM, 0);
      sockaddr_in me{};
      me.sin_family = AF_INET;
      me.sin_port = htons(port);
      ::inet_pton(AF_INET, kB, &me.sin_addr);
      timeval tv{5, 0};
      ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
      if (::bind(s, reinterpret_cast<sockaddr*>(&me), sizeof(me)) != 0) ::_exit(101);
      (void)!::write(ready[1], "r", 1);
      char buf[16] = {};
      ssize_t n = ::recv(s, buf, sizeof(buf), 0);
      ::_exit(n == 5 && std::memcmp(buf, "hello", 5) == 0 ? 0 : 1);
    }
    ::close(ready[1]);
    char c;
    bool up = ::read(ready[0], &c, 1) == 1;
    ::close(ready[0]);
    if (up) {
      int s = ::socket(AF_INET, SOCK_DGRAM, 0);
      sockaddr_in to{};
      to.sin_family = AF_INET;
      to.sin_port = htons(port);
      ::inet_pton(AF_INET, kB, &to.sin_addr);
      for (int i = 0; i < 3; ++i) {
        ::sendto(s, "hello", 5, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to));
        ::usleep(300 * 1000);
      }
      ::close(s);
    }
    int status = -1;
    ::waitpid(receiver, &status, 0);
    return up && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  void set_up_esp() {
    ASSERT_FALSE(xfrm::add_esp_sa(kA, kB, kSpi));
    ASSERT_FALSE(xfrm::add_udp_out_policy(kA, kB, kEspPort));
    ASSERT_EQ(in_b([] { return xfrm::add_esp_sa(kA, kB, kSpi).value(); }), 0);
  }

  // XfrmInStateProtoError of namespace B: ESP input's errors.
  int proto_errors_in_b() {
    return in_b([] {
      std::ifstream in("/proc/net/xfrm_stat");
      std::string key;
      long value = 0;
      while (in >> key >> value)
        if (key == "XfrmInStateProtoError") return static_cast<int>(std::min(value, 99L));
      return 100;
    });
  }

  // For a failure: the XFRM counters of both namespaces, nonzero ones only.
  void dump_xfrm() {
    sh("echo '== A'; grep -v ' 0$' /proc/net/xfrm_stat; ip addr; echo '== B'; nsenter -t " + std::to_string(ns_pid_) +
       " -n sh -c 'grep -v \" 0$\" /proc/net/xfrm_stat; ip addr'");
  }

  pid_t ns_pid_ = -1;
};

TEST_F(DirtyFragProfileTest, PlainApplyIsNotApplicable) { expect_not_applicable_here(load("CVE-2026-43284")); }

TEST_F(DirtyFragProfileTest, EspUdpRefusedPlainUdpKept) {
  auto p = load("CVE-2026-43284");
  set_up_esp();
  // Reach ESP input: UDP through the association arrives, decrypted by B.
  ASSERT_TRUE(module_loaded("esp4"));
  if (!udp_delivered(kEspPort)) {
    dump_xfrm();
    FAIL() << "ESP transport does not work before the profile";
  }
  ASSERT_TRUE(udp_delivered(kPlainPort));

  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_EQ(proto_errors_in_b(), 0);
  EXPECT_FALSE(udp_delivered(kEspPort));
  EXPECT_GE(ks_.hits("esp4:esp_input").value_or(0), 1u);
  EXPECT_GE(proto_errors_in_b(), 1);       // B's xfrm counted the drop, as the profile says
  EXPECT_TRUE(udp_delivered(kPlainPort));  // what it preserves

  auto back = revert(p);
  EXPECT_EQ(back.outcome, profile::Outcome::kReverted) << back.reason;
  EXPECT_TRUE(udp_delivered(kEspPort));
}

TEST_F(DirtyFragProfileTest, AppliedBeforeEspLoadsArmsWhenItLoads) {
  auto p = load("CVE-2026-43284");
  ASSERT_FALSE(module_loaded("esp4"));
  auto r = apply(p, true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  EXPECT_NE(engaged_text().find("esp4:esp_input retval=-22 hits=0 errno=-EINVAL module=esp4 state=pending"),
            std::string::npos)
      << engaged_text();
  set_up_esp();  // loads esp4: the pending target arms before its first packet
  EXPECT_FALSE(udp_delivered(kEspPort));
  EXPECT_TRUE(udp_delivered(kPlainPort));
  EXPECT_GE(ks_.hits("esp4:esp_input").value_or(0), 1u);
}

// The Copy Fail profile claims in-kernel AEAD users are untouched: ESP's
// rfc4106(gcm(aes)) does not go through algif_aead.
TEST_F(DirtyFragProfileTest, CopyFailProfileKeepsInKernelAeadOfIpsec) {
  auto r = apply(load("CVE-2026-31431"), true);
  ASSERT_EQ(r.outcome, profile::Outcome::kApplied) << r.reason;
  set_up_esp();
  EXPECT_TRUE(udp_delivered(kEspPort));
}

}  // namespace
}  // namespace ks::guest
