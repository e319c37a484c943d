// Working days as data: weekends are days off, except the make-up working
// days the calendar file lists; the holidays it lists are days off. Times of
// day are the calendar's local time (UTC+8 for China).
//
// File format (data/calendar/cn.txt): one date per line,
//   2026-02-16 holiday  Spring Festival
//   2026-02-14 workday  make-up working day for the Spring Festival
// `#` starts a comment; blank lines are ignored.
//
// The working clock: only time on working days counts. "3 working days" is
// 72 hours of that clock, so a complaint filed on Monday 10:00 is due on
// Thursday 10:00, and one filed on a Saturday is due at the end of the third
// working day after it.
#pragma once

#include <map>
#include <string>

#include "ipguard/records.h"
#include "ipguard/status.h"

namespace ipguard::service {

class WorkCalendar {
 public:
  // Weekends only, no holidays, UTC+8.
  WorkCalendar() = default;
  // Reads a calendar file; errors name the line.
  static Result<WorkCalendar> Load(const std::string& path, int utc_offset_minutes = 480);

  bool IsWorkingDay(int64_t local_day) const;  // days since 1970-01-01, local
  // The instant `days` working days of working clock after `t`.
  Timestamp AddWorkingDays(Timestamp t, int days) const;
  // Working-clock milliseconds between `from` and `to` (0 when to <= from).
  int64_t WorkingMillis(Timestamp from, Timestamp to) const;
  // First and last year the file covers (0 when empty).
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  std::map<int64_t, bool> overrides_;  // local day -> is working day
  int64_t offset_ms_ = 480LL * 60 * 1000;
  int first_year_ = 0, last_year_ = 0;
};

}  // namespace ipguard::service
