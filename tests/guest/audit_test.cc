// Every change of state makes a real audit record. With no audit daemon,
// kauditd prints them to the kernel log as "audit: type=1316".
#include <unistd.h>

#include "support/guest.h"

namespace ks::guest {
namespace {

using AuditTest = KillswitchTest;

bool has_record(const std::string& log, const std::string& fields) {
  return log.find("audit: type=1316 ") != std::string::npos && log.find("killswitch " + fields) != std::string::npos;
}

TEST_F(AuditTest, RecordsEveryChangeWithWhoDidIt) {
  std::string who = "uid=0 auid=4294967295 ses=4294967295 pid=" + std::to_string(::getpid()) + " comm=\"guest_tests\"";
  ASSERT_FALSE(ks_.command("engage killswitch_test_int -EPERM if uid!=0"));
  ASSERT_FALSE(ks_.set_retval(target::kInt, -13));
  ASSERT_FALSE(ks_.disengage(target::kInt));
  ASSERT_TRUE(ks_.command("engage security_file_open 0"));
  auto log = kernel_log();
  EXPECT_TRUE(has_record(log, "op=engage target=killswitch_test_int value=-1 cond=uid!=0 res=1 " + who)) << log;
  EXPECT_TRUE(has_record(log, "op=retval target=killswitch_test_int value=-13 cond=none res=1 " + who));
  EXPECT_TRUE(has_record(log, "op=disengage target=killswitch_test_int value=-13 cond=none res=1 " + who));
  EXPECT_TRUE(has_record(log, "op=engage target=security_file_open value=0 cond=none res=0 " + who));
}

TEST_F(AuditTest, RecordsArmAndPendingOnModuleEvents) {
  ASSERT_FALSE(ks_.command("engage killswitch_test:killswitch_test_int 1"));
  unload_module("killswitch_test");
  load_module("killswitch_test");
  auto log = kernel_log();
  EXPECT_TRUE(has_record(log, "op=pending target=killswitch_test:killswitch_test_int value=1 cond=none res=1")) << log;
  EXPECT_TRUE(has_record(log, "op=arm target=killswitch_test:killswitch_test_int value=1 cond=none res=1"));
  EXPECT_NE(log.find("actor=kernel"), std::string::npos);
}

}  // namespace
}  // namespace ks::guest
