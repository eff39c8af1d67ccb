#include "commands/each_target.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands/exit_codes.h"
#include "commands/json_output.h"
#include "commands/kernel_failure.h"
#include "wire/channel.h"

namespace ks::commands {

EachResult send_each(Context& ctx, const std::vector<wire::Command>& commands) {
  EachResult result;
  for (const auto& command : commands) {
    if (auto sent = wire::send(ctx.sys, command); !sent) {
      result.error = describe_failure(ctx, command, sent.error());
      result.code = failure_exit_code(sent.error());
      return result;
    }
    result.done.push_back(command.target);
  }
  result.code = kExitOk;
  return result;
}

int print_each(Context& ctx, bool json, std::string_view key, std::string_view past, std::string_view suffix,
               std::string_view tool, const EachResult& result) {
  if (json) {
    nlohmann::json j{{std::string(key), result.done}};
    if (!result.error.empty()) j["error"] = error_json(result.code, result.error);
    print_json(ctx.out, j);
  } else {
    for (const auto& t : result.done) ctx.out << past << " " << t << suffix << "\n";
    if (!result.error.empty()) ctx.err << "killswitch " << tool << ": " << result.error << "\n";
  }
  return result.code;
}

}  // namespace ks::commands
