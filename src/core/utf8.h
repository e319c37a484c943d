// Minimal UTF-8 helpers for the hot paths (no allocation, no ICU).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ipguard::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[pos], advancing pos past it. An invalid or
// truncated sequence yields U+FFFD and advances by one byte.
char32_t Next(std::string_view s, size_t& pos);

void Append(std::string& out, char32_t cp);

// Number of code points (invalid bytes count one each, as Next reads them).
size_t Length(std::string_view s);

// True when `s` is well-formed UTF-8.
bool Valid(std::string_view s);

}  // namespace ipguard::utf8
