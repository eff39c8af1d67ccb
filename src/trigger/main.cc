// ks-trigger: reaches a kernel code path the way a user program would and
// says whether it worked, so a person or a test can see a mitigation act.
// Exit status: 0 the path worked, 1 it was refused, 2 usage.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "trigger/af_alg_aead.h"

namespace {

int report(const char* what, const ks::trigger::Trip& result) {
  if (result) {
    std::printf("%s: OK\n", what);
    return 0;
  }
  std::printf("%s: refused at %s\n", what, ks::trigger::describe(result).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Reach a kernel code path from user space and report whether it worked"};
  app.require_subcommand(1);
  int status = 2;
  app.add_subcommand("af-alg-aead", "gcm(aes) encrypt + decrypt round trip through an AF_ALG socket")->callback([&] {
    status = report("AF_ALG aead gcm(aes) round trip", ks::trigger::af_alg_aead_round_trip());
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return status;
}
