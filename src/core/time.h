// RFC 3339 times <-> Timestamp (milliseconds since the Unix epoch, UTC).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ipguard/records.h"

namespace ipguard {

// Parses `2023-05-01T10:00:00Z`, with optional fraction and `+08:00`-style
// offsets (lower-case t/z and a space separator accepted, as RFC 3339 allows).
// nullopt when the text is not such a time or names an impossible date.
std::optional<Timestamp> ParseRfc3339(std::string_view text);

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// `2023-05-01T10:00:00Z` (milliseconds only when not zero).
std::string FormatRfc3339(Timestamp t);

}  // namespace ipguard
