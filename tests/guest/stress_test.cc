// 60 s of stress on two vCPUs: callers on one, every kind of change on the
// other. The harness fails the run on any oops, WARN or stall.
#include <sched.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "support/guest.h"

namespace ks::guest {
namespace {

using StressTest = KillswitchTest;

void pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

// The caller pins itself to CPU 0 and every change runs on CPU 1, so each
// engage, retval write and disengage patches code another CPU is running.
TEST_F(StressTest, SixtySecondsOfChangesUnderCalls) {
  std::atomic<bool> stop{false};
  std::atomic<long> calls{0}, impossible{0};
  std::thread caller([&] {
    pin_to_cpu(0);
    while (!stop) {
      long v = target::call_int();
      // Whatever the state, a call returns the body's value or one we set.
      if (v != target::kIntValue && v != -1 && v != -13 && v != -7) ++impossible;
      ++calls;
    }
  });
  pin_to_cpu(1);
  const char* changes[] = {
      "engage test_killswitch_int -1",
      "engage test_killswitch_int -1 if uid==0",
      "engage test_killswitch_int -7 if comm!=guest_tests",
      "monitor test_killswitch_int",
      "tryengage test_killswitch_int -13 1",
      "engage test_killswitch:test_killswitch_int -EACCES",
  };
  long rounds = 0;
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < end) {
    for (const char* change : changes) {
      ks_.command(change);
      ks_.set_retval(target::kInt, rounds % 2 ? -1 : -13);
      ks_.disengage_all();
    }
    ++rounds;
  }
  stop = true;
  caller.join();
  std::printf("stress: %ld rounds of changes, %ld calls\n", rounds, calls.load());
  EXPECT_GT(rounds, 10);
  EXPECT_GT(calls.load(), 1000);
  EXPECT_EQ(impossible.load(), 0);
  EXPECT_EQ(target::call_int(), target::kIntValue);
}

// Callers on CPU 0 while batches engage and disengage on CPU 1; the harness
// fails the run on any oops, WARN or stall.
TEST_F(StressTest, ThirtySecondsOfBatchesUnderCalls) {
  std::atomic<bool> stop{false};
  std::atomic<long> calls{0}, impossible{0};
  std::thread caller([&] {
    pin_to_cpu(0);
    while (!stop) {
      long i = target::call_int(), l = target::call_long();
      if (i != target::kIntValue && i != -7 && i != -1) ++impossible;
      if (l != target::kLongValue && l != -5) ++impossible;
      ++calls;
    }
  });
  pin_to_cpu(1);
  const std::vector<std::string> writes = {
      std::string("engage ") + target::kInt + " -7\nengage " + target::kLong + " -5\nmonitor " + target::kVoid,
      std::string("disengage ") + target::kInt + "\ndisengage " + target::kVoid,
      std::string("engage ") + target::kInt + " -1 if uid==0\nengage killswitch_no_such_function -1",
      std::string("engage ") + target::kInt + " -1 if comm!=nobody\nengage " + target::kNotrace + " -1",
      "disengage_all",
  };
  long rounds = 0;
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < end) {
    for (const auto& write : writes) ks_.command(write);
    ++rounds;
  }
  stop = true;
  caller.join();
  EXPECT_GT(rounds, 10);
  EXPECT_GT(calls.load(), 1000);
  EXPECT_EQ(impossible.load(), 0);
}

}  // namespace
}  // namespace ks::guest
