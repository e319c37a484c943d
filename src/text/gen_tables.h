// Declarations of the tables that src/text/gen/gen_text_tables.cc generates at
// build time from Debian's ICU, OpenCC, Unihan and jieba data. Only the text
// engine's table loaders (char_table.cc, pinyin.cc, words.cc) read these.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipguard::gen {

struct ClassRun {
  uint32_t start;  // first code point of the run
  uint8_t cls;     // CharClass
};
struct MapEntry {
  uint32_t cp;
  uint32_t offset;  // into kMapPool
  uint8_t length;   // 0: the code point is dropped
  uint8_t flags;    // VariantFlag bits
};
struct PinyinEntry {
  uint32_t cp;
  uint32_t offset;  // into kPinyinPool
  uint8_t count;
};
struct VariantEntry {
  uint32_t cp;
  uint32_t rep;  // representative of the character's variant group
};

extern const ClassRun kClassRuns[];
extern const size_t kClassRunCount;
extern const MapEntry kMapEntries[];
extern const size_t kMapEntryCount;
extern const char32_t kMapPool[];
extern const char* const kSyllables[];  // toneless pinyin, sorted
extern const size_t kSyllableCount;
extern const PinyinEntry kPinyinEntries[];
extern const size_t kPinyinEntryCount;
extern const uint16_t kPinyinPool[];
extern const VariantEntry kVariantEntries[];
extern const size_t kVariantEntryCount;
extern const char* const kWordChunks[];  // lines "word freq pos\n"
extern const size_t kWordChunkCount;
extern const size_t kWordCount;

}  // namespace ipguard::gen
