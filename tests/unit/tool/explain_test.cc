#include <gtest/gtest.h>

#include <cerrno>

#include "explain/kernel_error.h"

namespace ks::explain {
namespace {

std::string say(Attempt a, int e) { return kernel_error(a, {e, std::generic_category()}); }

TEST(KernelErrors, EachErrnoSaysWhatToDo) {
  Attempt engage{"engage", "af_alg_sendmsg", -1L, "none", true};
  EXPECT_EQ(say(engage, EBUSY),
            "af_alg_sendmsg is already engaged (retval -1); disengage it first or change fn/af_alg_sendmsg/retval");
  engage.current_retval.reset();
  EXPECT_NE(say(engage, EBUSY).find("livepatch"), std::string::npos);
  EXPECT_NE(say(engage, EPERM).find("CAP_SYS_ADMIN"), std::string::npos);
  engage.lockdown = "confidentiality";
  EXPECT_NE(say(engage, EPERM).find("killswitch.engage="), std::string::npos);
  EXPECT_NE(say(engage, EACCES).find("safety rules"), std::string::npos);
  EXPECT_NE(say(engage, ENOENT).find("killswitch check af_alg_sendmsg"), std::string::npos);
  EXPECT_NE(say(engage, EINVAL).find("kernel log"), std::string::npos);
  EXPECT_NE(say(engage, EILSEQ).find("instruction boundary"), std::string::npos);
  EXPECT_NE(say(engage, ENOMEM).find("dmesg"), std::string::npos);
  engage.root = false;
  EXPECT_NE(say(engage, EACCES).find("run the tool as root"), std::string::npos);
  Attempt disengage{"disengage", "vfs_read", std::nullopt, "none", true};
  EXPECT_EQ(say(disengage, ENOENT), "vfs_read is not engaged; 'killswitch status' lists what is");
}

TEST(KernelErrors, ReadsTheLockdownLevel) {
  EXPECT_EQ(lockdown_level("[none] integrity confidentiality\n"), "none");
  EXPECT_EQ(lockdown_level("none [integrity] confidentiality\n"), "integrity");
  EXPECT_EQ(lockdown_level(""), "none");
}

}  // namespace
}  // namespace ks::explain
