#include <gtest/gtest.h>

#include "core/time.h"
#include "service/calendar.h"
#include "support/temp_dir.h"

namespace ipguard::service {
namespace {

Timestamp T(const char* s) { return *ParseRfc3339(s); }

class Calendar : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = WorkCalendar::Load("data/calendar/cn.txt");
    ASSERT_TRUE(c.ok()) << c.status().message();
    cal_ = *c;
  }
  WorkCalendar cal_;
};

TEST_F(Calendar, ShipsTheCurrentAndNextYear) {
  EXPECT_EQ(cal_.first_year(), 2026);
  EXPECT_EQ(cal_.last_year(), 2027);
}

TEST_F(Calendar, OrdinaryWeekIsThreeWorkingDays) {
  // Monday 2026-03-09 10:00 Beijing -> Thursday 10:00.
  EXPECT_EQ(FormatRfc3339(cal_.AddWorkingDays(T("2026-03-09T10:00:00+08:00"), 3)),
            "2026-03-12T02:00:00Z");
  // Thursday -> the next Tuesday (the weekend does not count).
  EXPECT_EQ(FormatRfc3339(cal_.AddWorkingDays(T("2026-03-12T10:00:00+08:00"), 3)),
            "2026-03-17T02:00:00Z");
}

TEST_F(Calendar, FiledOnAWeekendStartsOnMonday) {
  // Saturday 2026-03-14 -> the clock starts Monday 00:00, due Thursday 00:00.
  EXPECT_EQ(FormatRfc3339(cal_.AddWorkingDays(T("2026-03-14T15:00:00+08:00"), 3)),
            "2026-03-18T16:00:00Z");
}

TEST_F(Calendar, SpringFestivalAndMakeUpDays) {
  // Saturday 2026-02-14 is a make-up working day; 15-23 Feb are off.
  EXPECT_EQ(FormatRfc3339(cal_.AddWorkingDays(T("2026-02-13T12:00:00+08:00"), 3)),
            "2026-02-25T04:00:00Z");  // Fri, Sat(work), then Tue 24, Wed 25 noon
  // National Day: Sunday 2026-09-20 is a working day.
  const Timestamp sunday = T("2026-09-20T00:00:00+08:00");
  EXPECT_EQ(cal_.WorkingMillis(sunday, sunday + 86400000), 86400000);
  // New Year 2027 (provisional statutory day).
  const Timestamp ny = T("2027-01-01T00:00:00+08:00");
  EXPECT_EQ(cal_.WorkingMillis(ny, ny + 86400000), 0);
}

TEST_F(Calendar, WorkingMillisInvertsAddWorkingDays) {
  for (const char* start : {"2026-02-13T12:00:00+08:00", "2026-09-30T18:30:00+08:00",
                            "2026-12-31T23:00:00+08:00", "2026-05-09T09:00:00+08:00"}) {
    const Timestamp t = T(start);
    EXPECT_EQ(cal_.WorkingMillis(t, cal_.AddWorkingDays(t, 3)), 3 * 86400000LL) << start;
  }
}

TEST(CalendarFile, BadLinesAreNamed) {
  testing::TempDir dir;
  auto c = WorkCalendar::Load(dir.Write("cal.txt", "2026-01-01 holiday\n2026-13-01 holiday\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("cal.txt:2"), std::string::npos) << c.status().message();
  c = WorkCalendar::Load(dir.Write("cal2.txt", "2026-01-01 vacation\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("vacation"), std::string::npos);
  EXPECT_FALSE(WorkCalendar::Load(dir.File("missing.txt")).ok());
}

}  // namespace
}  // namespace ipguard::service
