#pragma once
/// Runs a tool the way a build does (a compiler, the program it built, Python) and keeps what it printed.

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace cronc::testing {

struct CommandResult {
  int exit_code = -1;  ///< the command's exit status; -1 when it could not run or was killed
  std::string output;  ///< standard output and standard error, interleaved
};

inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
  int status = pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

/// `text` in single quotes for /bin/sh.
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace cronc::testing
