#include "pipeline/progress_bar.h"

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace ipguard {

ProgressBar::ProgressBar(bool enabled, uint64_t total_bytes)
    : enabled_(enabled),
      total_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressBar::Update(uint64_t bytes, uint64_t lines) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? lines / secs : 0;
  std::string line;
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    line = fmt::format("\r[{}{}] {:5.1f}%  {} lines  {:.0f} lines/s ", std::string(filled, '#'),
                       std::string(kWidth - filled, '.'), frac * 100, lines, rate);
  } else {
    line = fmt::format("\r{} lines  {:.1f} MB  {:.0f} lines/s ", lines, bytes / 1e6, rate);
  }
  std::fputs(line.c_str(), stderr);
  drawn_ = true;
}

void ProgressBar::Done() {
  if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

}  // namespace ipguard
