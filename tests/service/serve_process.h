// Runs `ipguard serve` as a child process on a free port, as an operator
// would, for end-to-end tests (crash, CLI).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace ipguard::testing {

class ServeProcess {
 public:
  // Starts the server on `data_dir` (stderr to a fresh `log_file`); port() is 0 when it did not
  // come up.
  ServeProcess(const std::string& data_dir, const std::string& log_file) : log_(log_file) {
    const char* bin = std::getenv("IPGUARD_BIN");
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(log_file.c_str(), "w", stderr);
      (void)f;
      std::vector<std::string> args = {bin ? bin : "ipguard",
                                       "serve",
                                       "--data-dir",
                                       data_dir,
                                       "--port",
                                       "0",
                                       "--password-cost",
                                       "minimum",
                                       "--admin-password",
                                       "password-1",
                                       "--rate-limit",
                                       "0",
                                       "--calendar",
                                       "data/calendar/cn.txt"};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/api/v1)");
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::ifstream in(log_);
      std::string text((std::istreambuf_iterator<char>(in)), {});
      std::smatch m;
      if (std::regex_search(text, m, listening)) port_ = std::stoi(m[1].str());
    }
  }
  ~ServeProcess() { Kill(SIGTERM); }

  int port() const { return port_; }
  // Sends `sig` and waits for the process; its wait status.
  int Kill(int sig) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    return status;
  }

 private:
  std::string log_;
  pid_t pid_ = 0;
  int port_ = 0;
};

}  // namespace ipguard::testing
