// SegmentPinyin (src/text/pinyin.cc) against the dynamic programming it was
// first written as, without its letter-pair filter or flat trie: over every
// run of one or two syllables, random runs of three, random letter strings
// and one-letter mutations of pinyin, both entry points must give the same
// answer. This is how the filter is shown never to reject a run the
// segmentation accepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/pinyin.h"

namespace ipguard {
namespace {

struct Segmentation {
  bool ok = false;
  std::vector<uint16_t> syllables;
  std::vector<uint8_t> ends;
  bool operator==(const Segmentation&) const = default;
};

// The reference: fewest syllables (1-6 letters, with a vowel: m, n, ng, hm
// are not syllables here) covering the run; among equals the longer last
// syllable. Runs of more than 48 letters are never pinyin.
Segmentation Reference(std::string_view s) {
  static const auto ids = [] {
    std::unordered_map<std::string, uint16_t> m;
    for (size_t i = 0; i < text::SyllableCount(); ++i)
      m[std::string(text::Syllable(static_cast<uint16_t>(i)))] = static_cast<uint16_t>(i);
    return m;
  }();
  Segmentation out;
  const size_t n = s.size();
  if (n == 0 || n > 48) return out;
  constexpr int kInf = 1 << 20;
  std::vector<int> best(n + 1, kInf), prev(n + 1), sid(n + 1);
  best[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= kInf) continue;
    for (size_t len = 1; len <= 6 && i + len <= n; ++len) {
      const std::string part(s.substr(i, len));
      auto it = ids.find(part);
      if (it == ids.end() || part.find_first_of("aeiouv") == std::string::npos) continue;
      if (best[i] + 1 <= best[i + len]) {
        best[i + len] = best[i] + 1;
        prev[i + len] = static_cast<int>(i);
        sid[i + len] = it->second;
      }
    }
  }
  if (best[n] >= kInf) return out;
  out.ok = true;
  for (int i = static_cast<int>(n); i > 0; i = prev[i]) {
    out.syllables.insert(out.syllables.begin(), static_cast<uint16_t>(sid[i]));
    out.ends.insert(out.ends.begin(), static_cast<uint8_t>(i));
  }
  return out;
}

Segmentation Vectors(std::string_view s) {
  Segmentation out;
  out.ok = text::SegmentPinyin(s, out.syllables, out.ends);
  return out;
}

Segmentation Buffers(std::string_view s) {
  uint16_t syl[text::kMaxPinyinLetters];
  uint8_t ends[text::kMaxPinyinLetters];
  const size_t count = text::SegmentPinyin(s, syl, ends);
  return {count != 0, std::vector<uint16_t>(syl, syl + count),
          std::vector<uint8_t>(ends, ends + count)};
}

// Checks `s` and reports whether it is pinyin.
bool ExpectSameAsReference(std::string_view s) {
  const Segmentation want = Reference(s);
  EXPECT_EQ(Vectors(s), want) << s;
  EXPECT_EQ(Buffers(s), want) << s;
  return want.ok;
}

std::vector<std::string> AllSyllables() {
  std::vector<std::string> out;
  for (size_t i = 0; i < text::SyllableCount(); ++i)
    out.emplace_back(text::Syllable(static_cast<uint16_t>(i)));
  return out;
}

TEST(SegmentPinyin, Examples) {
  std::vector<uint16_t> syl;
  std::vector<uint8_t> ends;
  ASSERT_TRUE(text::SegmentPinyin("xiangnaier", syl, ends));
  ASSERT_EQ(syl.size(), 3u);
  EXPECT_EQ(text::Syllable(syl[0]), "xiang");
  EXPECT_EQ(text::Syllable(syl[1]), "nai");
  EXPECT_EQ(text::Syllable(syl[2]), "er");
  EXPECT_EQ(ends, (std::vector<uint8_t>{5, 8, 10}));
  EXPECT_FALSE(text::SegmentPinyin("gucci", syl, ends));
  EXPECT_TRUE(syl.empty() && ends.empty());
  EXPECT_FALSE(text::SegmentPinyin("hm", syl, ends));  // an interjection only
  EXPECT_FALSE(text::SegmentPinyin("", syl, ends));
  EXPECT_FALSE(text::SegmentPinyin("Nai", syl, ends));  // letters are lower case
  EXPECT_TRUE(text::SegmentPinyin(std::string(48, 'a'), syl, ends));
  EXPECT_FALSE(text::SegmentPinyin(std::string(49, 'a'), syl, ends));
}

TEST(SegmentPinyin, EveryRunOfOneOrTwoSyllablesAsTheReference) {
  const auto all = AllSyllables();
  size_t pinyin = 0;
  for (const auto& a : all) {
    pinyin += ExpectSameAsReference(a);
    for (const auto& b : all) pinyin += ExpectSameAsReference(a + b);
  }
  // Every concatenation of syllables with a vowel is pinyin.
  EXPECT_GT(pinyin, all.size() * all.size() * 9 / 10);
}

TEST(SegmentPinyin, RandomRunsAsTheReference) {
  const auto all = AllSyllables();
  std::mt19937 rng(7);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  size_t pinyin = 0, other = 0;
  for (int k = 0; k < 100000; ++k) {
    // Three to eight syllables.
    std::string s;
    for (size_t j = 0, n = 3 + pick(6); j < n; ++j) s += all[pick(all.size())];
    (ExpectSameAsReference(s) ? pinyin : other)++;
    // The same with one letter replaced, inserted or removed.
    std::string m = s;
    const char c = static_cast<char>('a' + pick(26));
    switch (pick(3)) {
      case 0:
        m[pick(m.size())] = c;
        break;
      case 1:
        m.insert(m.begin() + static_cast<long>(pick(m.size() + 1)), c);
        break;
      default:
        m.erase(m.begin() + static_cast<long>(pick(m.size())));
        break;
    }
    (ExpectSameAsReference(m) ? pinyin : other)++;
    // Random letters, from all of a-z and from the letters pinyin uses most.
    std::string r, v;
    for (size_t j = 0, n = 1 + pick(14); j < n; ++j) {
      r += static_cast<char>('a' + pick(26));
      v += "aeiounghzcs"[pick(11)];
    }
    (ExpectSameAsReference(r) ? pinyin : other)++;
    (ExpectSameAsReference(v) ? pinyin : other)++;
  }
  // Both answers occur often enough for the comparison to mean something.
  EXPECT_GT(pinyin, 50000u);
  EXPECT_GT(other, 50000u);
}

}  // namespace
}  // namespace ipguard
