// utf8::NextFast reads exactly as utf8::Next: the same code point and the
// same advance on valid text, every edge of the 3-byte range and random
// bytes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/utf8.h"

namespace ipguard::utf8 {
namespace {

void ExpectSameReading(const std::string& s) {
  size_t a = 0, b = 0;
  while (a < s.size()) {
    const char32_t slow = Next(s, a);
    const char32_t fast = NextFast(s, b);
    ASSERT_EQ(slow, fast) << "at byte " << b;
    ASSERT_EQ(a, b);
  }
}

TEST(Utf8, NextFastReadsAsNext) {
  ExpectSameReading("Nike 耐克 香奈兒 ＮＩＫＥ 🌸 é");
  // 3-byte edges: overlong, surrogates, the ends of the range, truncated.
  for (const char* s : {"\xE0\x80\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xED\xA0\x80",
                        "\xED\xBF\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xE4\xB8", "\xE4",
                        "\xE4\xB8\x41", "\xC3\xA9", "\xF0\x9F\x8C\xB8", "\x80\xBF"})
    ExpectSameReading(s);
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k)
      s.push_back(static_cast<char>(rng() % 4 == 0 ? 0xE0 | (rng() % 16) : rng() % 256));
    ExpectSameReading(s);
  }
}

}  // namespace
}  // namespace ipguard::utf8
