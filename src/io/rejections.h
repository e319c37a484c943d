// Rejected input lines: each one is reported on stderr as it is found
// (`file:line: reason`) and counted for the run summary. Nothing is dropped
// silently. Single-threaded: the scan reports from its ordered writer.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipguard {

class Rejections {
 public:
  explicit Rejections(std::FILE* stream = stderr) : stream_(stream) {}

  void Add(std::string_view file, uint64_t line, std::string_view reason);

  uint64_t count() const { return count_; }
  // Reasons with how many lines each rejected, most frequent first, the
  // reason reduced to its kind (the part before any quoted value).
  std::vector<std::pair<std::string, uint64_t>> ByReason() const;
  // The first rejected lines, for the summary.
  const std::vector<std::string>& first() const { return first_; }

  // Once more than this many lines are reported one by one, further lines
  // are only counted (the summary still says how many and why).
  static constexpr uint64_t kReportLimit = 1000;

 private:
  std::FILE* stream_;
  uint64_t count_ = 0;
  std::map<std::string, uint64_t, std::less<>> by_reason_;
  std::vector<std::string> first_;
};

}  // namespace ipguard
