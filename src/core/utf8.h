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

// Next, with its common cases (ASCII, and the valid 3-byte sequences of
// Han text) decoded inline for hot loops; anything else goes to Next. Same
// code point and same advance as Next on every input.
inline char32_t NextFast(std::string_view s, size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  if ((b0 & 0xF0) == 0xE0 && pos + 3 <= s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    const auto b2 = static_cast<unsigned char>(s[pos + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const char32_t cp = (b0 & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        pos += 3;
        return cp;
      }
    }
  }
  return Next(s, pos);
}

void Append(std::string& out, char32_t cp);

// Number of code points (invalid bytes count one each, as Next reads them).
size_t Length(std::string_view s);

// True when `s` is well-formed UTF-8.
bool Valid(std::string_view s);

}  // namespace ipguard::utf8
