#include "support/run_binary.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace ipguard::testing {

RunResult RunIpguard(const std::vector<std::string>& args, const std::string& stdin_text) {
  const char* bin = std::getenv("IPGUARD_BIN");
  std::string tmpl = (std::filesystem::temp_directory_path() / "ipguard-run-XXXXXX").string();
  const std::string dir = ::mkdtemp(tmpl.data());
  const std::string in = dir + "/in", out = dir + "/out", err = dir + "/err";
  std::ofstream(in, std::ios::binary) << stdin_text;

  RunResult r;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fin = ::open(in.c_str(), O_RDONLY);
    const int fout = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int ferr = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fin, 0);
    ::dup2(fout, 1);
    ::dup2(ferr, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(bin ? bin : "ipguard"));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  r.out = slurp(out);
  r.err = slurp(err);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return r;
}

RunResult RunIpguardLine(const std::string& command_line) {
  std::vector<std::string> args;
  size_t i = 0;
  while (i < command_line.size()) {
    const size_t j = std::min(command_line.find(' ', i), command_line.size());
    if (j > i) args.push_back(command_line.substr(i, j - i));
    i = j + 1;
  }
  return RunIpguard(args);
}

}  // namespace ipguard::testing
