#include "core/time.h"

#include <gtest/gtest.h>

namespace ipguard {
namespace {

TEST(Rfc3339, ParsesUtcAndOffsets) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("2023-05-01T10:00:00Z"), 1682935200000);
  EXPECT_EQ(ParseRfc3339("2023-05-01T18:00:00+08:00"), 1682935200000);
  EXPECT_EQ(ParseRfc3339("2023-05-01T10:00:00.250Z"), 1682935200250);
  EXPECT_EQ(ParseRfc3339("2024-02-29t10:00:00z"), 1709200800000);
}

TEST(Rfc3339, RejectsWhatIsNotATime) {
  for (const char* bad :
       {"", "2023-05-01", "2023-05-01T10:00:00", "2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2023-05-01T24:00:00Z", "2023-05-01T10:00:00Zx", "2023-05-01T10:00:00+0800", "yesterday"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(Rfc3339, FormatsRoundTrip) {
  EXPECT_EQ(FormatRfc3339(1682935200000), "2023-05-01T10:00:00Z");
  EXPECT_EQ(FormatRfc3339(1682935200250), "2023-05-01T10:00:00.250Z");
  EXPECT_EQ(ParseRfc3339(FormatRfc3339(-86400000)), -86400000);
}

}  // namespace
}  // namespace ipguard
