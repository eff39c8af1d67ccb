// ks-trigger: reaches a kernel code path the way a user program would and
// says whether it worked, so a person or a test can see a mitigation act.
// Each profile's [proof] names the words that reach its functions:
//   ks-trigger socket tipc rdm      ks-trigger mount hfsplus
// Exit status: 0 the path worked, 1 it was refused, 2 usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "trigger/by_words.h"

namespace {

int report(const std::vector<std::string>& words, const ks::trigger::Trip& result) {
  std::string what = ks::trigger::words_text(words);
  if (result) {
    std::printf("%s: OK\n", what.c_str());
    return 0;
  }
  std::printf("%s: refused at %s\n", what.c_str(), ks::trigger::describe(result).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Reach a kernel code path from user space and report whether it worked"};
  app.require_subcommand(1);
  int status = 2;
  for (const auto& kind : ks::trigger::trigger_kinds()) {
    auto words = std::make_shared<std::vector<std::string>>();
    std::string help(kind.summary);
    if (!kind.usage.empty()) help += " (words: " + std::string(kind.usage) + ")";
    auto* sub = app.add_subcommand(std::string(kind.name), help);
    if (!kind.usage.empty()) sub->add_option("words", *words, std::string(kind.usage))->required();
    sub->callback([&status, &kind, words] {
      std::vector<std::string> all{std::string(kind.name)};
      all.insert(all.end(), words->begin(), words->end());
      auto trip = ks::trigger::run_trigger(all);
      if (!trip) {
        std::fprintf(stderr, "ks-trigger: %s\n", trip.error().message().c_str());
        status = 2;
        return;
      }
      status = report(all, *trip);
    });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return status;
}
