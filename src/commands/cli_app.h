// CLI::App by name only. The commands' headers declare their setup
// functions with it; only the files that build the command line include
// CLI11, whose header alone takes seconds to compile (it defines its
// validators as objects in every file that includes it).
#pragma once

namespace CLI {
class App;
}  // namespace CLI
