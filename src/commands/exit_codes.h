// Exit codes of every subcommand. They are part of the interface that
// fleet tooling relies on: never renumber, only add.
#pragma once

namespace ks::commands {

inline constexpr int kExitOk = 0;           // done; check: safe
inline constexpr int kExitWarning = 1;      // done, with warnings; monitor: the function was called
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitUnsafe = 3;       // refused by the tool as unsafe (--force overrides)
inline constexpr int kExitRefused = 4;      // the kernel refused, or would refuse (nothing overrides)
inline constexpr int kExitNotFound = 5;     // no such function, or not engaged
inline constexpr int kExitUnavailable = 6;  // no killswitch, or the one present lacks the feature
inline constexpr int kExitSystem = 7;       // a system file could not be read or written

inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  done (check: safe to engage)\n"
    "  1  done with warnings (check: engage with care; monitor: the function was called)\n"
    "  2  bad command line\n"
    "  3  unsafe: refused by the tool, --force overrides\n"
    "  4  refused by the kernel or its safety rules, nothing overrides\n"
    "  5  no such function, or not engaged\n"
    "  6  killswitch not available, or it lacks the feature\n"
    "  7  a system file could not be read or written\n";

}  // namespace ks::commands
