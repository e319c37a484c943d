// Per-code-point normalization table, built once (on first use) from the
// tables generated at build time (gen_tables.h). One lookup gives a code
// point's class and its normalized form: NFKC case folded, diacritics
// stripped, cross-script homoglyphs replaced by their Latin skeleton,
// traditional Han replaced by simplified.
#pragma once

#include <cstdint>
#include <span>

namespace ipguard::text {

enum class CharClass : uint8_t {
  kOther = 0,  // a letter of another script (kana, hangul...): kept as is
  kIgnore,     // zero-width, format, combining marks, variation selectors: dropped
  kSpace,      // white space
  kSymbol,     // punctuation and symbols
  kEmoji,      // pictographs, regional indicators, skin-tone modifiers
  kLatin,      // normalized to ASCII a-z
  kDigit,      // normalized to ASCII 0-9
  kHan,        // normalized to simplified Han
};

// What a character's normalization undid (bits of CharInfo::flags, and of
// NormalizedText::flags together with the stream-level bits in text.h).
enum CharFlag : uint8_t {
  kFlagWidth = 1,         // full-width / half-width form
  kFlagStyled = 2,        // styled letter or digit (math alphanumerics, circled, keycap...)
  kFlagCase = 4,          // upper case
  kFlagDiacritic = 8,     // accents or other combining marks
  kFlagHomoglyph = 16,    // look-alike letter of another script
  kFlagTraditional = 32,  // traditional Han character
};

struct CharInfo {
  char32_t out;  // length 1: the normalized code point; longer: offset into Pool()
  CharClass cls;
  uint8_t length;  // code points of the normalized form (0: dropped)
  uint8_t flags;   // CharFlag bits
  bool out_han;    // the normalized form is one code point of class kHan
};

inline constexpr char32_t kTableLimit = 0x30000;
// The dense table for code points below kTableLimit (built on first call).
const CharInfo* TableData();
// Beyond the table: tags and variation selectors are dropped, the rest kept.
CharInfo LookupBeyond(char32_t cp);

// The table entry of `cp` (any value; beyond the table: class kOther, itself).
inline CharInfo Lookup(char32_t cp) {
  static const CharInfo* const table = TableData();
  return cp < kTableLimit ? table[cp] : LookupBeyond(cp);
}
// The normalized form of `info` as code points.
std::span<const char32_t> Output(const CharInfo& info);
// The class of an already normalized code point.
inline CharClass ClassOf(char32_t cp) { return Lookup(cp).cls; }

}  // namespace ipguard::text
