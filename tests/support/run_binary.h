// Runs the ipguard binary (IPGUARD_BIN) as a user would, with optional
// standard input, and captures its exit status, stdout and stderr.
#pragma once

#include <string>
#include <vector>

namespace ipguard::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out, err;
};

RunResult RunIpguard(const std::vector<std::string>& args, const std::string& stdin_text = "");

// RunIpguard with `command_line` split at spaces (for arguments, such as the
// tests' temporary paths, that contain none).
RunResult RunIpguardLine(const std::string& command_line);

}  // namespace ipguard::testing
