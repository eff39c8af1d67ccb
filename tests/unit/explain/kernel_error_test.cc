#include "explain/kernel_error.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace ks::explain {
namespace {

std::string say(Attempt a, int e) { return kernel_error(a, {e, std::generic_category()}); }

TEST(KernelErrors, EachErrnoSaysWhatToDo) {
  Attempt engage{wire::Command::engage("af_alg_sendmsg", -1), -1L, system::Lockdown::kNone, true};
  EXPECT_EQ(say(engage, EBUSY),
            "af_alg_sendmsg is already engaged (retval -1); disengage it first or change fn/af_alg_sendmsg/retval");
  engage.current_retval.reset();
  EXPECT_NE(say(engage, EBUSY).find("livepatch"), std::string::npos);
  EXPECT_NE(say(engage, EPERM).find("CAP_SYS_ADMIN"), std::string::npos);
  engage.lockdown = system::Lockdown::kConfidentiality;
  EXPECT_NE(say(engage, EPERM).find("killswitch.engage="), std::string::npos);
  EXPECT_NE(say(engage, EACCES).find("safety rules"), std::string::npos);
  EXPECT_NE(say(engage, ENOENT).find("killswitch check af_alg_sendmsg"), std::string::npos);
  EXPECT_NE(say(engage, EINVAL).find("kernel log"), std::string::npos);
  EXPECT_NE(say(engage, EILSEQ).find("instruction boundary"), std::string::npos);
  EXPECT_NE(say(engage, ENOMEM).find("dmesg"), std::string::npos);
  engage.root = false;
  EXPECT_NE(say(engage, EACCES).find("run the tool as root"), std::string::npos);
  Attempt disengage{wire::Command::disengage("vfs_read"), std::nullopt, system::Lockdown::kNone, true};
  EXPECT_EQ(say(disengage, ENOENT), "vfs_read is not engaged; 'killswitch status' lists what is");
}

}  // namespace
}  // namespace ks::explain
