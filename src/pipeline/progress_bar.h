// A one-line progress bar on stderr, redrawn at most five times a second.
// Does nothing when disabled (stderr is not a terminal).
#pragma once

#include <chrono>
#include <cstdint>

namespace ipguard {

class ProgressBar {
 public:
  // `total_bytes` 0 means unknown (a pipe): the bar then shows counts only.
  ProgressBar(bool enabled, uint64_t total_bytes);
  void Update(uint64_t bytes, uint64_t lines);
  // Erases the bar.
  void Done();

 private:
  bool enabled_;
  bool drawn_ = false;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace ipguard
