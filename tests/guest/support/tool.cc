#include "support/tool.h"

#include <sys/wait.h>

#include <cstdio>

#include "util/file_io.h"

namespace ks::guest {

ToolRun tool(const std::string& args) {
  ToolRun run;
  std::string command = std::string(kTool) + " " + args + " 2>/tmp/killswitch-stderr";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = util::read_text("/tmp/killswitch-stderr").value_or("");
  return run;
}

}  // namespace ks::guest
