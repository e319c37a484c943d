#include "io/rejections.h"

#include <algorithm>

#include <fmt/format.h>

namespace ipguard {

void Rejections::Add(std::string_view file, uint64_t line, std::string_view reason) {
  ++count_;
  std::string message = fmt::format("{}:{}: rejected: {}", file, line, reason);
  if (count_ <= kReportLimit) {
    fmt::print(stream_, "{}\n", message);
  } else if (count_ == kReportLimit + 1) {
    fmt::print(stream_, "{}: more than {} rejected lines; counting the rest in the summary\n", file,
               kReportLimit);
  }
  if (first_.size() < 10) first_.push_back(std::move(message));
  // Group by the reason's shape: cut at the first quoted value after a colon.
  std::string_view key = reason;
  if (auto cut = key.find(": \""); cut != std::string_view::npos) key = key.substr(0, cut);
  auto it = by_reason_.find(key);
  if (it == by_reason_.end()) {
    by_reason_.emplace(std::string(key), 1);
  } else {
    ++it->second;
  }
}

std::vector<std::pair<std::string, uint64_t>> Rejections::ByReason() const {
  std::vector<std::pair<std::string, uint64_t>> out(by_reason_.begin(), by_reason_.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace ipguard
