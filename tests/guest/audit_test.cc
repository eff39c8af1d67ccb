// Every change of state makes a real audit record. With no audit daemon,
// kauditd prints them to the kernel log as "audit: type=1316" (the module's
// AUDIT_KERNEL_OTHER) or "audit: type=1340" (AUDIT_KILLSWITCH, built in).
#include <unistd.h>

#include <cerrno>

#include "support/guest.h"

namespace ks::guest {
namespace {

using AuditTest = KillswitchTest;

bool has_record(const std::string& log, const std::string& fields) {
  std::string type = "audit: type=" + std::to_string(kernel_ids().audit_type) + " ";
  return log.find(type) != std::string::npos && log.find("killswitch " + fields) != std::string::npos;
}

TEST_F(AuditTest, RecordsEveryChangeWithWhoDidIt) {
  std::string who = "uid=0 auid=4294967295 ses=4294967295 pid=" + std::to_string(::getpid()) + " comm=\"guest_tests\"";
  ASSERT_FALSE(ks_.command("engage test_killswitch_int -EPERM if uid!=0"));
  ASSERT_FALSE(ks_.set_retval(target::kInt, -13));
  ASSERT_FALSE(ks_.disengage(target::kInt));
  ASSERT_TRUE(ks_.command("engage security_file_open 0"));
  auto log = kernel_log();
  EXPECT_TRUE(has_record(log, "op=engage target=test_killswitch_int value=-1 cond=uid!=0 res=1 " + who)) << log;
  EXPECT_TRUE(has_record(log, "op=retval target=test_killswitch_int value=-13 cond=none res=1 " + who));
  EXPECT_TRUE(has_record(log, "op=disengage target=test_killswitch_int value=-13 cond=none res=1 " + who));
  EXPECT_TRUE(has_record(log, "op=engage target=security_file_open value=0 cond=none res=0 " + who));
}

// Each malformed command is logged, never rate-limited, and audited with
// what was written, in hex so no byte can break the record.
TEST_F(AuditTest, EveryMalformedCommandIsLoggedAndAudited) {
  // Without auditd, kauditd prints records under the kernel's printk rate
  // limit (10 per 5 s): the two records read below come first, in a fresh
  // interval. Our own log lines have no such limit.
  ::sleep(5);
  size_t mark = kernel_log().size();
  EXPECT_EQ(ks_.command("bogus verb\x01").value(), EINVAL);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(ks_.command("engage").value(), EINVAL);
  // kauditd prints from its own thread, after the writes returned: give it
  // time to catch up before reading.
  std::string log = kernel_log().substr(mark);
  for (int i = 0; i < 50 && !has_record(log, "op=malformed bytes=6 "); ++i) {
    ::usleep(100 * 1000);
    log = kernel_log().substr(mark);
  }
  size_t lines = 0;
  for (size_t at = log.find("malformed command refused"); at != std::string::npos;
       at = log.find("malformed command refused", at + 1))
    ++lines;
  EXPECT_EQ(lines, 31u) << "one log line per write, none dropped by a rate limit";
  EXPECT_TRUE(has_record(log, "op=malformed bytes=6 text=656e67616765 res=0 uid=0")) << log;
  EXPECT_TRUE(has_record(log, "op=malformed bytes=11 text=626f677573207665726201 res=0")) << "a control byte, in hex";
}

TEST_F(AuditTest, RecordsArmAndPendingOnModuleEvents) {
  ASSERT_FALSE(ks_.command("engage test_killswitch:test_killswitch_int -1"));
  unload_module("test_killswitch");
  load_module("test_killswitch");
  auto log = kernel_log();
  EXPECT_TRUE(has_record(log, "op=pending target=test_killswitch:test_killswitch_int value=-1 cond=none res=1")) << log;
  EXPECT_TRUE(has_record(log, "op=arm target=test_killswitch:test_killswitch_int value=-1 cond=none res=1"));
  EXPECT_NE(log.find("actor=kernel"), std::string::npos);
}

}  // namespace
}  // namespace ks::guest
