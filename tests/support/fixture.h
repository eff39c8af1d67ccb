// The unit-test fixture tree (tests/unit/fixtures/root plus BTF made at
// build time), as a path for RealSystem and loaded into a FakeSystem.
#pragma once

#include <filesystem>
#include <sstream>

#include "commands/context.h"
#include "support/fake_system.h"

namespace ks::testing {

std::filesystem::path fixture_root();

// A FakeSystem holding the fixture tree's files, with killswitch.ko loaded
// and nothing engaged.
FakeSystem fixture_fake();

// A Context writing into strings; sleep() runs @on_sleep (monitor tests).
struct Captured {
  explicit Captured(system::System& sys) : ctx{sys, out, err, false, true, [](unsigned) {}} {}
  std::ostringstream out;
  std::ostringstream err;
  commands::Context ctx;
};

}  // namespace ks::testing
