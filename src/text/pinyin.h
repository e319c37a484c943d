// The phonetic and shape layer's data: every Mandarin reading of a Han
// character (Unihan kMandarin, kHanyuPinyin, kXHC1983, kTGHZ2013, toneless),
// near-homophone classes, Latin pinyin segmentation and Unihan variant
// groups. Tables are generated at build time (gen_tables.h) and indexed on
// first use.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipguard::text {

// Every toneless reading of `han` as syllable ids (empty when unknown).
std::span<const uint16_t> Readings(char32_t han);
// The syllable's spelling ("nai", "lv" for lü).
std::string_view Syllable(uint16_t id);
// The id of a toneless pinyin syllable, or -1.
int SyllableId(std::string_view spelling);
size_t SyllableCount();
// Near-homophone class: initials zh/z, ch/c, sh/s, n/l and finals an/ang,
// en/eng, in/ing (also ian/iang, uan/uang) merged. Equal ids sound alike.
uint16_t NearClass(uint16_t syllable);
size_t NearClassCount();
// The distinct near classes of `han`'s readings (at most 4; empty outside
// the main CJK blocks, where Readings() still answers).
std::span<const uint16_t> NearClasses(char32_t han);
// First letter of the syllable (its initial's first letter).
char InitialOf(uint16_t syllable);

// Splits a run of ASCII letters into pinyin syllables, preferring fewer,
// longer syllables; false when the run is not pinyin. `ends` receives the
// end offset of each syllable.
bool SegmentPinyin(std::string_view letters, std::vector<uint16_t>& syllables,
                   std::vector<uint8_t>& ends);
// The same into caller buffers of kMaxPinyinLetters entries each: returns the
// number of syllables written, 0 when the run is not pinyin (runs longer
// than kMaxPinyinLetters never are).
constexpr size_t kMaxPinyinLetters = 48;
size_t SegmentPinyin(std::string_view letters, uint16_t* syllables, uint8_t* ends);

// Representative of `han`'s Unihan variant group (itself when none).
char32_t VariantRep(char32_t han);
// True when `han`'s Unihan variant group has a member other than `han`.
bool HasVariants(char32_t han);

// Everything the phonetic layer asks about one character of the main CJK
// blocks, in one 32-byte record (one cache line): what Readings(),
// NearClasses(), VariantRep() and HasVariants() answer for it.
struct alignas(32) HanRecord {
  char32_t rep;
  uint16_t reading[8];
  uint16_t near[4];
  uint8_t reading_count, near_count;
  bool grouped;
  std::span<const uint16_t> readings() const { return {reading, reading_count}; }
  std::span<const uint16_t> nears() const { return {near, near_count}; }
};
// `han`'s record when it lies in the main CJK blocks (U+3400-U+9FFF), else
// nullptr (ask the functions above).
const HanRecord* FindHanRecord(char32_t han);

// Chinese word list (jieba): frequency of `word` (0 when absent) and its
// part-of-speech tag.
struct WordInfo {
  uint32_t freq = 0;
  std::string_view pos;
};
WordInfo LookupWord(std::string_view utf8_word);
// Calls `f(word, info)` for every entry of that list, in its stored order.
void ForEachWord(const std::function<void(std::string_view word, const WordInfo& info)>& f);

}  // namespace ipguard::text
