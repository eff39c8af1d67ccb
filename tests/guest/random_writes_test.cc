// 10^4 random writes to control, from a fixed seed: every refused write must
// leave the engagements exactly as they were, and the kernel log clean (the
// harness checks that after the run).
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "support/guest.h"

namespace ks::guest {
namespace {

using RandomWritesTest = KillswitchTest;

// A mutated command: a valid one aimed only at the test module's functions,
// with bytes flipped, dropped or added, or plain random bytes.
std::string random_command(std::mt19937& rng) {
  static const std::vector<std::string> seeds = {
      "engage killswitch_test_int -1",
      "engage killswitch_test:killswitch_test_long -EPERM",
      "disengage killswitch_test_int",
      "monitor killswitch_test_void",
      "tryengage killswitch_test_args -EACCES 60",
      "engage killswitch_test_args -1 if arg1==3 && uid!=0",
      "engage killswitch_test_long 0x10 if comm==guest_tests",
  };
  std::uniform_int_distribution<int> pick(0, 99);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string text;
  if (pick(rng) < 10) {
    text.resize(std::uniform_int_distribution<size_t>(0, 64)(rng));
    for (char& c : text) c = static_cast<char>(byte(rng));
    return text;
  }
  text = seeds[std::uniform_int_distribution<size_t>(0, seeds.size() - 1)(rng)];
  int edits = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    size_t at = std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng);
    switch (pick(rng) % 4) {
      case 0:
        text[at] = static_cast<char>(byte(rng));
        break;
      case 1:
        text.erase(at, 1);
        break;
      case 2:
        text.insert(at, 1, static_cast<char>(byte(rng)));
        break;
      case 3:
        text.insert(at, 1, " :&=!-0x\nE"[pick(rng) % 10]);
        break;
    }
  }
  return text;
}

TEST_F(RandomWritesTest, RefusedWritesChangeNothing) {
  std::mt19937 rng(20261123);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 10000; ++i) {
    std::string before = engaged_text();
    std::string command = random_command(rng);
    if (ks_.command(command)) {
      ++refused;
      ASSERT_EQ(engaged_text(), before) << "a refused write changed the state: '" << command << "'";
    } else {
      ++accepted;
    }
    if (i % 50 == 49) ASSERT_FALSE(ks_.disengage_all());
  }
  ASSERT_FALSE(ks_.disengage_all());
  EXPECT_EQ(engaged_text(), "");
  EXPECT_GT(refused, 1000);
  EXPECT_GT(accepted, 10);
  std::printf("random writes: %d accepted, %d refused\n", accepted, refused);
}

}  // namespace
}  // namespace ks::guest
