// Text fields as detectors see them: the original characters, and the text
// normalized once (per field, per item) with a map back to the original code
// points, so that evidence points at what the seller actually wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipguard {

// What normalization undid, per normalized byte (NormalizedText::flags).
// Bits 0-5 are per character (src/text/char_table.h CharFlag): width, styled,
// case, diacritic, homoglyph, traditional. The rest are stream-level:
inline constexpr uint16_t kNormLeet = 1 << 6;  // a digit inside a Latin word read as a letter
inline constexpr uint16_t kNormSeparator = 1
                                           << 7;  // separators, symbols or emoji removed before it
inline constexpr uint16_t kNormZeroWidth = 1 << 8;  // invisible characters removed before it
inline constexpr uint16_t kNormRepeat = 1 << 9;  // (key only) a repeated letter collapsed into it
inline constexpr uint16_t kNormBoundary = 1 << 10;  // (key only) a word boundary before it

// One unit of the phonetic stream: a Han character, a pinyin syllable spelled
// in Latin letters, or a lone Latin letter standing for a syllable's initial.
struct PhoneticUnit {
  enum Kind : uint8_t { kHan, kLatinSyllable, kLatinInitial };
  uint32_t begin, end;  // bytes of NormalizedText::text
  char32_t ch;          // the Han character, or the letter
  uint16_t syllable;    // kLatinSyllable: its syllable id
  Kind kind;
  bool token_start;  // first unit of its Latin word (kLatinSyllable)
  bool token_end;    // last unit of its Latin word
};

struct NormalizedText {
  std::string text;  // normalized UTF-8
  // For byte i of `text`, the original code points it came from:
  // [origin_begin[i], origin_end[i]). Both have text.size() entries.
  std::vector<uint32_t> origin_begin;
  std::vector<uint32_t> origin_end;
  // For byte i of `text`: what was undone to produce it (kNorm* bits).
  std::vector<uint16_t> flags;

  // The matching layer, derived from `text`: spaces removed, Latin letters
  // further folded (l and i are one letter) and runs of one Latin letter
  // collapsed. Name dictionaries match here; `key_to_text[i]` is the byte of
  // `text` that key byte i came from, `key_flags[i]` its flags (with
  // kNormBoundary where a word boundary preceded it).
  std::string key;
  std::vector<uint32_t> key_to_text;
  std::vector<uint16_t> key_flags;
  // The phonetic stream over `text`.
  std::vector<PhoneticUnit> units;

  // The original code-point span [begin, end) of normalized bytes
  // [byte_begin, byte_end). Precondition: byte_begin < byte_end <= text.size().
  std::pair<uint32_t, uint32_t> OriginalSpan(size_t byte_begin, size_t byte_end) const {
    return {origin_begin[byte_begin], origin_end[byte_end - 1]};
  }
  // The original code-point span of key bytes [key_begin, key_end).
  std::pair<uint32_t, uint32_t> KeySpan(size_t key_begin, size_t key_end) const {
    return {origin_begin[key_to_text[key_begin]], origin_end[key_to_text[key_end - 1]]};
  }
  // The `text` bytes [begin, end) that key bytes [key_begin, key_end) cover.
  std::pair<size_t, size_t> KeyToText(size_t key_begin, size_t key_end) const {
    size_t e = key_to_text[key_end - 1] + 1;
    while (e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
    return {key_to_text[key_begin], e};
  }
};

// Normalizes `original` (UTF-8) in one pass: full/half width, case, styled
// letters and digits, diacritics, traditional -> simplified Han, cross-script
// homoglyphs (ICU confusable skeletons after NFKC case folding), digits
// inside Latin words (N1KE), separators, symbols, emoji and invisible
// characters between letters; then builds the key and phonetic layers.
// Digits elsewhere stay digits, and punctuation next to digits stays.
// Never fails: invalid sequences become U+FFFD. See docs/text.md.
NormalizedText Normalize(std::string_view original);
// The same into `out`, replacing everything it held (byte for byte what the
// function above returns) and reusing its buffers' capacity: a scan loop that
// normalizes item after item into one NormalizedText allocates only when a
// text is longer than any before it.
void Normalize(std::string_view original, NormalizedText& out);

// The code points [begin, end) of `utf8` as UTF-8.
std::string SubstrCodePoints(std::string_view utf8, uint32_t begin, uint32_t end);

struct TextField {
  std::string_view name;      // contract field name: title, description, text, name
  std::string_view original;  // as the seller wrote it
  NormalizedText normalized;
};

}  // namespace ipguard
