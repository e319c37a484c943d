// The evidence of a text finding quotes the original text of its span
// (contract §1.3): TextEvidence's "text" is SubstrCodePoints of the field's
// original over the span, byte for byte, for valid and invalid UTF-8 alike
// (it decodes the common sequences inline; the quoting must not drift).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "detect/common/text_scan.h"

namespace ipguard {
namespace {

void ExpectQuotesOriginal(const std::string& original) {
  TextField field;
  field.name = "title";
  field.original = original;
  Normalize(original, field.normalized);
  const std::string& text = field.normalized.text;
  for (uint32_t i = 0; i < text.size(); ++i)
    for (uint32_t j = i + 1; j <= text.size() && j <= i + 24; ++j) {
      const auto [b, e] = field.normalized.OriginalSpan(i, j);
      const json::Value ev = detect::TextEvidence(field, i, j, 0);
      ASSERT_NE(ev.Find("text"), nullptr);
      EXPECT_EQ(ev.Find("text")->as_string(), SubstrCodePoints(original, b, e))
          << "bytes [" << i << ", " << j << ") of " << original;
      const json::Value named = detect::TextEvidence(field, i, j, 0, "name", "n", {});
      EXPECT_EQ(named.Dump(), [&] {
        json::Value v = ev;
        v.Set("name", "n");
        return v.Dump();
      }());
    }
}

TEST(TextEvidence, QuotesTheOriginalSpan) {
  for (const char* s :
       {"耐克 Nike 运动鞋 Air Max 90", "Ｎｉｋｅ 耐 克 ✔️ 𝐍𝐢𝐤𝐞 正品",
        "adidas", "香奈儿\u200b香水 ÇHANEL №5"})
    ExpectQuotesOriginal(s);
}

TEST(TextEvidence, QuotesInvalidUtf8AsNextReadsIt) {
  // Truncated, overlong, surrogate and stray continuation bytes among Han.
  for (const std::string& s : {std::string("耐\xE8\x80克"), std::string("\xE0\x80\x80耐克"),
                               std::string("耐\xED\xA0\x80克"), std::string("\x80\xBF耐克\xE8"),
                               std::string("a\xC3耐克\xF0\x9F\x98")})
    ExpectQuotesOriginal(s);
  std::mt19937 rng(7);
  const char pieces[][4] = {"耐", "克", "a", " ", "\xE8", "\x80", "\xED", "\xC3", "\xF0"};
  for (int n = 0; n < 200; ++n) {
    std::string s;
    for (int k = 0; k < 12; ++k) s += pieces[rng() % std::size(pieces)];
    ExpectQuotesOriginal(s);
  }
}

}  // namespace
}  // namespace ipguard
