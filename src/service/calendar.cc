#include "service/calendar.h"

#include "core/time.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace ipguard::service {
namespace {

constexpr int64_t kDayMs = 86400000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<WorkCalendar> WorkCalendar::Load(const std::string& path, int utc_offset_minutes) {
  std::ifstream in(path);
  if (!in) return Status::Error(fmt::format("cannot read calendar file {}", path));
  WorkCalendar cal;
  cal.offset_ms_ = static_cast<int64_t>(utc_offset_minutes) * 60 * 1000;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos) continue;
    int y = 0;
    unsigned m = 0, d = 0;
    char type[16] = {0};
    if (std::sscanf(line.c_str() + start, "%4d-%2u-%2u %15s", &y, &m, &d, type) != 4 || m < 1 ||
        m > 12 || d < 1 || d > 31) {
      return Status::Error(
          fmt::format("{}:{}: expected \"YYYY-MM-DD holiday|workday [name]\"", path, number));
    }
    const std::string kind = type;
    if (kind != "holiday" && kind != "workday") {
      return Status::Error(
          fmt::format("{}:{}: type must be holiday or workday, not \"{}\"", path, number, kind));
    }
    cal.overrides_[DaysFromCivil(y, m, d)] = kind == "workday";
    cal.first_year_ = cal.first_year_ == 0 ? y : std::min(cal.first_year_, y);
    cal.last_year_ = std::max(cal.last_year_, y);
  }
  return cal;
}

bool WorkCalendar::IsWorkingDay(int64_t day) const {
  if (auto it = overrides_.find(day); it != overrides_.end()) return it->second;
  // 1970-01-01 was a Thursday: weekday 0 = Monday.
  const int64_t weekday = ((day % 7) + 7 + 3) % 7;
  return weekday < 5;
}

Timestamp WorkCalendar::AddWorkingDays(Timestamp t, int days) const {
  int64_t remaining = static_cast<int64_t>(days) * kDayMs;
  int64_t local = t + offset_ms_;
  int64_t day = FloorDiv(local, kDayMs);
  // Walk day by day, spending the working clock on working days only.
  for (int guard = 0; guard < 3660; ++guard) {
    const int64_t day_end = (day + 1) * kDayMs;
    if (IsWorkingDay(day)) {
      const int64_t available = day_end - local;
      if (remaining <= available) return local + remaining - offset_ms_;
      remaining -= available;
    }
    ++day;
    local = day * kDayMs;
  }
  return local - offset_ms_;  // unreachable with any sane calendar
}

int64_t WorkCalendar::WorkingMillis(Timestamp from, Timestamp to) const {
  if (to <= from) return 0;
  int64_t local = from + offset_ms_;
  const int64_t end = to + offset_ms_;
  int64_t total = 0;
  while (local < end) {
    const int64_t day = FloorDiv(local, kDayMs);
    const int64_t day_end = std::min((day + 1) * kDayMs, end);
    if (IsWorkingDay(day)) total += day_end - local;
    local = day_end;
  }
  return total;
}

}  // namespace ipguard::service
