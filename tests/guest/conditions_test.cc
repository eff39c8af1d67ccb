// engage ... if <cond>: only matching calls are refused; the others run
// and count as passes.
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "support/guest.h"
#include "trigger/af_alg_aead.h"
#include "util/file_io.h"

namespace ks::guest {
namespace {

using ConditionsTest = AfAlgLoadedTest;

TEST_F(ConditionsTest, AfAlgRefusedForNobodyButWorksForRoot) {
  ASSERT_FALSE(ks_.command("engage af_alg_sendmsg -EPERM if uid!=0"));
  EXPECT_EQ(af_alg_errno_in_child([] { return ::setuid(65534) == 0; }), EPERM);
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), 0);
  auto passes = util::read_long(ks_.fn_dir("af_alg_sendmsg") / "passes");
  EXPECT_GE(passes.value_or(0), 2) << "root's calls pass";
  EXPECT_EQ(ks_.hits("af_alg_sendmsg").value_or(0), 1u);
  EXPECT_EQ(util::read_text(ks_.fn_dir("af_alg_sendmsg") / "condition").value_or(""), "uid!=0\n");
  EXPECT_NE(engaged_text().find(" if=uid!=0"), std::string::npos);
}

TEST_F(ConditionsTest, RefusedOnlyInsideANewUserNamespace) {
  ASSERT_FALSE(ks_.command("engage af_alg_sendmsg -EPERM if userns!=init"));
  EXPECT_EQ(af_alg_errno_in_child([] { return ::unshare(CLONE_NEWUSER) == 0; }), EPERM);
  EXPECT_EQ(af_alg_errno_in_child([] { return true; }), 0);
}

TEST_F(ConditionsTest, SocketFamilyBlockedByArgumentWhileInetWorks) {
  // __sock_create(net, family, type, protocol, res, kern): family is arg2.
  ASSERT_FALSE(ks_.command("engage __sock_create -EAFNOSUPPORT if arg2==38"));
  int alg = ::socket(AF_ALG, SOCK_SEQPACKET, 0);
  EXPECT_EQ(alg, -1);
  EXPECT_EQ(errno, EAFNOSUPPORT);
  int inet = ::socket(AF_INET, SOCK_DGRAM, 0);
  EXPECT_GE(inet, 0) << std::strerror(errno);
  if (inet >= 0) ::close(inet);
  EXPECT_EQ(ks_.hits("__sock_create").value_or(0), 1u);
}

TEST_F(ConditionsTest, CommAndArgumentMaskConditions) {
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -7 if comm==blocked"));
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_EQ(in_child([] {
              ::prctl(PR_SET_NAME, "blocked");
              return target::call_int() == -7 ? 0 : 1;
            }),
            0);
  ASSERT_FALSE(ks_.command("engage test_killswitch_args -1 if arg3&0x4 && arg1!=0"));
  auto call_args = [](const char* args) {
    EXPECT_TRUE(util::write_once("/sys/kernel/debug/test_killswitch/args", args));
    return util::read_long("/sys/kernel/debug/test_killswitch/args").value_or(-999);
  };
  EXPECT_EQ(call_args("1 0 4"), -1);
  EXPECT_EQ(call_args("1 0 3"), 4) << "bit 2 of arg3 clear: runs";
  EXPECT_EQ(call_args("0 0 4"), 4) << "arg1 == 0: runs";
}

TEST_F(ConditionsTest, BadConditionsAreEinvalAndChangeNothing) {
  for (const char* bad : {"engage test_killswitch_int 1 if", "engage test_killswitch_int 1 if uid=0",
                          "engage test_killswitch_int 1 if arg9==1", "engage test_killswitch_int 1 if uid&1",
                          "engage test_killswitch_int 1 if userns==mine", "engage test_killswitch_int 1 if uid==0 ||",
                          "engage test_killswitch_int 1 if comm==0123456789abcdefg"}) {
    EXPECT_EQ(ks_.command(bad).value(), EINVAL) << bad;
  }
  EXPECT_EQ(engaged_text(), "");
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

}  // namespace
}  // namespace ks::guest
