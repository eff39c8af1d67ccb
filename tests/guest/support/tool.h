// The killswitch program as an operator runs it in the guest, its stdout
// and stderr kept apart.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ks::guest {

inline constexpr const char* kTool = "/opt/killswitch/bin/killswitch";

struct ToolRun {
  int status = -1;  // exit status, -1 when it did not exit
  std::string out;  // stdout
  std::string err;  // stderr
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// Runs the tool with @args (shell words).
ToolRun tool(const std::string& args);

}  // namespace ks::guest
