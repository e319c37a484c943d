// The normalizer's contract (docs/text.md): each disguise is undone, lawful
// digits and punctuation survive, and every normalized byte maps back to the
// original code points.
#include <gtest/gtest.h>

#include "core/utf8.h"
#include "ipguard/text.h"
#include "text/pinyin.h"

namespace ipguard {
namespace {

std::string N(std::string_view s) { return Normalize(s).text; }
std::string K(std::string_view s) { return Normalize(s).key; }

TEST(Normalize, WidthCaseStyledDiacritics) {
  EXPECT_EQ(N("ＮＩＫＥ"), "nike");
  EXPECT_EQ(N("𝐆𝐔𝐂𝐂𝐈"), "gucci");
  EXPECT_EQ(N("ⓃⒾⓀⒺ"), "nike");
  EXPECT_EQ(N("Nïkë"), "nike");
  EXPECT_EQ(N("①②③"), "123");
  EXPECT_EQ(N("1\uFE0F\u20E3"), "1");  // keycap
}

TEST(Normalize, HomoglyphsAndTraditional) {
  EXPECT_EQ(N("N\u0406KE"), "nike");      // Cyrillic capital І
  EXPECT_EQ(N("\u0430dіdas"), "adidas");  // Cyrillic а, і
  EXPECT_EQ(N("香奈兒"), "香奈儿");
  EXPECT_EQ(N("蘋果"), "苹果");
}

TEST(Normalize, LeetOnlyInsideLatinWords) {
  EXPECT_EQ(N("N1KE"), "nike");
  EXPECT_EQ(N("G00gle"), "google");
  EXPECT_EQ(N("iPhone15"), "iphone15");
  EXPECT_EQ(N("电话13800138000"), "电话13800138000");
  EXPECT_EQ(N("QQ:123456789"), "qq:123456789");
  EXPECT_EQ(N("1:1 复刻"), "1:1 复刻");
}

TEST(Normalize, SeparatorsBetweenLetters) {
  EXPECT_EQ(N("N.I.K.E"), "nike");
  EXPECT_EQ(N("香🌸奈儿"), "香奈儿");
  EXPECT_EQ(N("耐\u200B克"), "耐克");
  EXPECT_EQ(N("耐 克"), "耐克");
  EXPECT_EQ(N("Nike  Air"), "nike air");
  EXPECT_EQ(N("价格: 100元"), "价格: 100元");
}

TEST(Normalize, KeyLayerCollapsesRepeatsAndMarksBoundaries) {
  EXPECT_EQ(K("Niiiike"), "nike");
  EXPECT_EQ(K("GUCCI"), K("GUCCCI"));
  EXPECT_EQ(K("N I K E"), "nike");
  const NormalizedText t = Normalize("snike");
  EXPECT_FALSE(t.key_flags[1] & kNormBoundary);
  const NormalizedText u = Normalize("new nike");
  EXPECT_TRUE(u.key_flags[3] & kNormBoundary);
}

TEST(Normalize, OriginMapPointsAtOriginalCodePoints) {
  const std::string original = "正品 N.I.K.E 鞋";
  const NormalizedText t = Normalize(original);
  const size_t at = t.text.find("nike");
  ASSERT_NE(at, std::string::npos);
  auto [b, e] = t.OriginalSpan(at, at + 4);
  EXPECT_EQ(SubstrCodePoints(original, b, e), "N.I.K.E");
  EXPECT_TRUE(t.flags[at + 1] & kNormSeparator);
}

TEST(Normalize, PhoneticUnits) {
  const NormalizedText t = Normalize("香nai儿 xiangnaier");
  ASSERT_GE(t.units.size(), 6u);
  EXPECT_EQ(t.units[0].kind, PhoneticUnit::kHan);
  EXPECT_EQ(t.units[1].kind, PhoneticUnit::kLatinSyllable);
  EXPECT_EQ(text::Syllable(t.units[1].syllable), "nai");
  EXPECT_EQ(text::Syllable(t.units[3].syllable), "xiang");
  const NormalizedText k = Normalize("耐K");
  ASSERT_EQ(k.units.size(), 2u);
  EXPECT_EQ(k.units[1].kind, PhoneticUnit::kLatinInitial);
}

TEST(Pinyin, ReadingsIncludeEveryPolyphone) {
  auto has = [](char32_t c, std::string_view s) {
    for (uint16_t id : text::Readings(c))
      if (text::Syllable(id) == s) return true;
    return false;
  };
  EXPECT_TRUE(has(U'奈', "nai"));
  EXPECT_TRUE(has(U'乐', "le"));
  EXPECT_TRUE(has(U'乐', "yue"));
  EXPECT_EQ(text::NearClass(text::SyllableId("nai")), text::NearClass(text::SyllableId("lai")));
  EXPECT_EQ(text::NearClass(text::SyllableId("zhang")), text::NearClass(text::SyllableId("zan")));
  EXPECT_NE(text::NearClass(text::SyllableId("nai")), text::NearClass(text::SyllableId("ke")));
  EXPECT_GT(text::LookupWord("克服").freq, 100u);
}

TEST(Normalize, NeverFailsOnBadInput) {
  const std::string bad = "\xff\xfe\xc3";
  const NormalizedText t = Normalize(bad);
  EXPECT_EQ(t.origin_begin.size(), t.text.size());
  EXPECT_EQ(t.flags.size(), t.text.size());
}

// Every member of two normalizations, field by field.
void ExpectSame(const NormalizedText& a, const NormalizedText& b, std::string_view input) {
  SCOPED_TRACE(std::string(input));
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.origin_begin, b.origin_begin);
  EXPECT_EQ(a.origin_end, b.origin_end);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.key_to_text, b.key_to_text);
  EXPECT_EQ(a.key_flags, b.key_flags);
  ASSERT_EQ(a.units.size(), b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    const PhoneticUnit &u = a.units[i], &v = b.units[i];
    EXPECT_EQ(u.begin, v.begin);
    EXPECT_EQ(u.end, v.end);
    EXPECT_EQ(u.ch, v.ch);
    EXPECT_EQ(u.syllable, v.syllable);
    EXPECT_EQ(u.kind, v.kind);
    EXPECT_EQ(u.token_start, v.token_start);
    EXPECT_EQ(u.token_end, v.token_end);
  }
}

TEST(Normalize, DecodesLikeUtf8NextOnEveryThreeByteLeadAndEdge) {
  // Each lead byte E0..EF with second bytes around the continuation range
  // (overlong E0 80..9F, surrogates ED A0..BF, non-continuations) and a valid
  // or invalid third byte: the normalizer reads the same code points as
  // utf8::Next, so normalizing the input equals normalizing its code points
  // re-encoded (invalid bytes as U+FFFD).
  for (int b0 = 0xE0; b0 <= 0xEF; ++b0)
    for (int b1 = 0x70; b1 <= 0xC8; ++b1)
      for (int b2 : {0x80, 0xBF, 0x41, 0xC0}) {
        std::string in = "a";
        in += static_cast<char>(b0);
        in += static_cast<char>(b1);
        in += static_cast<char>(b2);
        in += "b";
        std::string canonical;
        for (size_t pos = 0; pos < in.size();) utf8::Append(canonical, utf8::Next(in, pos));
        const NormalizedText t = Normalize(in), c = Normalize(canonical);
        ASSERT_EQ(t.text, c.text) << b0 << " " << b1 << " " << b2;
        ASSERT_EQ(t.origin_begin, c.origin_begin) << b0 << " " << b1 << " " << b2;
      }
  const NormalizedText cut = Normalize("\xE4\xB8");  // truncated at the end
  EXPECT_EQ(cut.origin_end.back(), 2u);
}

TEST(Normalize, ReusedOutputIsByteIdenticalToAFreshOne) {
  // Long before short and short before long, every character class, texts
  // whose normalized form is much longer than the original (U+FDFA is 18
  // letters, U+3392 three), invalid bytes and an empty text.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "正品 N.I.K.E 耐\u200B克 香🌸奈儿 ＡＤＩＤＡＳ 128GB ";
  const std::vector<std::string> inputs = {
      long_text,
      "N1KE",
      "",
      "\uFDFA\uFDFA\uFDFA\u3392\u3392 ligature \uFB01ne",
      "香nai儿 xiangnaier 耐K x i a n g 8 8 8",
      long_text + "\uFDFA",
      "G00gle D!OR $ave 1:1 复刻 电话13800138000",
      "\xff\xfe\xc3 abc \xe4\xb8",
      "𝐆𝐔𝐂𝐂𝐈 ⓃⒾⓀⒺ ①②③ 1\uFE0F\u20E3 Nïkë 蘋果 N\u0406KE",
      "a",
      std::string(2000, 'l') + " " + std::string(500, '!'),
      "加薇❤ x i a n g 8 8 8，扣扣 幺三八二二",
  };
  NormalizedText reused;
  for (int round = 0; round < 2; ++round)
    for (const std::string& in : inputs) {
      Normalize(in, reused);
      ExpectSame(reused, Normalize(in), in);
    }
}

}  // namespace
}  // namespace ipguard
