// Unloading killswitch.ko removes every probe and waits for handlers in
// flight: the functions work again and no call lands in freed code.
#include <atomic>
#include <thread>

#include "support/guest.h"

namespace ks::guest {
namespace {

using UnloadTest = KillswitchTest;

TEST_F(UnloadTest, UnloadWhileEngagedRestoresTheFunction) {
  KS_SKIP_IF_BUILTIN();
  ASSERT_FALSE(ks_.engage(target::kInt, -5));
  ASSERT_EQ(target::call_int(), -5);
  unload_module("killswitch");
  EXPECT_EQ(target::call_int(), target::kIntValue);
  EXPECT_NE(kernel_log().find("disengage test_killswitch_int retval=-5 hits=1 passes=0 by module unload"),
            std::string::npos);
  load_module("killswitch");
  EXPECT_EQ(engaged_text(), "");
}

TEST_F(UnloadTest, UnloadWithCallsInFlightOnAnotherCpu) {
  KS_SKIP_IF_BUILTIN();
  std::atomic<bool> stop{false};
  std::atomic<long> calls{0}, wrong{0};
  // Calls from a second thread, which the scheduler puts on the other vCPU.
  std::thread caller([&] {
    while (!stop) {
      long v = target::call_int();
      if (v != -5 && v != target::kIntValue) ++wrong;
      ++calls;
    }
  });
  for (int round = 0; round < 5; ++round) {
    ASSERT_FALSE(ks_.engage(target::kInt, -5));
    unload_module("killswitch");
    load_module("killswitch");
  }
  stop = true;
  caller.join();
  EXPECT_GT(calls.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

}  // namespace
}  // namespace ks::guest
