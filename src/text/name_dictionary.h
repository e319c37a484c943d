// The name dictionary: every registered spelling (brand names and aliases,
// portrait names, work titles...) matched against a NormalizedText in all its
// layers (docs/text.md):
//   exact   Hyperscan literal database over the key layer (catches width,
//           case, styled, diacritics, homoglyphs, traditional Han, leetspeak,
//           separators, zero-width and repeated letters, which the normalizer
//           undid); Latin names match whole words only.
//   phonetic  Han names over the phonetic stream: homophones and
//           near-homophones of every reading, full pinyin, mixed Han+Latin,
//           lone initials beside Han, Unihan shape variants, and for names of
//           3+ characters one swapped or inserted character.
//   initials  Latin words spelling the pinyin initials of 3+ character names.
// Build is the slow step (Hyperscan compile); Scan is const and thread-safe
// given a Scratch per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ipguard/status.h"
#include "ipguard/text.h"

namespace ipguard::text {

// Variant bits of a match: the normalizer's (kNorm*, CharFlag) in the low
// bits, then the phonetic layer's.
enum VariantBit : uint32_t {
  kVarHomophone = 1u << 11,
  kVarNearHomophone = 1u << 12,
  kVarPinyin = 1u << 13,
  kVarInitials = 1u << 14,
  kVarShape = 1u << 15,
  kVarReorder = 1u << 16,
  kVarInsertion = 1u << 17,
  kVarMixedScript = 1u << 18,
  kVarInitial = 1u << 19,  // one lone Latin letter standing for a syllable
};
// Names of the set bits ("width", "homophone"...); {"exact"} when none.
std::vector<std::string> VariantNames(uint32_t bits);

struct DictEntry {
  uint32_t owner = 0;      // the caller's index (brand, portrait, work)
  bool alias = false;      // an alias rather than an official name
  std::string registered;  // as registered
};

struct NameMatch {
  uint32_t entry = 0;  // index into the dictionary's entries
  uint32_t owner = 0;
  uint32_t begin = 0, end = 0;  // bytes of NormalizedText::text
  double quality = 1.0;         // 1 for an exact (normalized) match, lower for looser variants
  uint32_t variant = 0;         // VariantBit and kNorm* bits undone
  bool han = false;             // the matched name is written in Han characters
};

class NameDictionary {
 public:
  class Scratch;
  ~NameDictionary();

  // Compiles the dictionary (with the phonetic and initials layers unless
  // `phonetic` is false). An entry whose normalized form is empty is skipped.
  // Fails only when Hyperscan cannot compile.
  static Result<std::unique_ptr<NameDictionary>> Build(std::vector<DictEntry> entries,
                                                       bool phonetic = true);

  std::unique_ptr<Scratch> NewScratch() const;
  // Appends every match in `text` (possibly overlapping, several per owner).
  void Scan(const NormalizedText& text, Scratch& scratch, std::vector<NameMatch>& out) const;
  // The reference Scan for tests: aligns every Han name at every unit
  // instead of only where an anchor points; Scan must find the same matches.
  void ScanExhaustive(const NormalizedText& text, Scratch& scratch,
                      std::vector<NameMatch>& out) const;

  const DictEntry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }
  // Bytes held by the compiled databases and indexes.
  size_t MemoryBytes() const;

 private:
  struct Impl;
  NameDictionary() = default;
  void ScanImpl(const NormalizedText& text, Scratch& scratch, std::vector<NameMatch>& out,
                bool exhaustive) const;
  std::vector<DictEntry> entries_;
  std::unique_ptr<Impl> impl_;
};

class NameDictionary::Scratch {
 public:
  ~Scratch();
  // Per phonetic unit of the text being scanned: what a name character
  // must share with it to pair (variant representative, near classes), or
  // `any` for a lone initial; and whether the next unit follows it with
  // only spaces between.
  struct UnitInfo {
    char32_t rep = 0;
    uint8_t n = 0;
    bool any = false;
    bool next_adjacent = false;
    bool grouped = false;  // a Han unit whose variant group has other members
    uint16_t near[8];
    uint32_t mask = 0;  // bits of its near classes and representative (all for `any`)
    // A Han unit's readings (the anchor probes' tags, with the group).
    const uint16_t* readings = nullptr;
    uint8_t reading_count = 0;
  };

 private:
  friend class NameDictionary;
  void* hs = nullptr;  // hs_scratch_t
  std::vector<std::pair<uint32_t, uint32_t>> hits;
  std::vector<std::pair<uint32_t, uint32_t>> candidates;  // (Han name, start unit)
  std::vector<UnitInfo> units;
  // Anchor probes of the text being scanned, and those that found anchors.
  struct Probe {
    uint64_t key;
    uint32_t at;  // the unit pair
    char32_t free_ch;
    uint8_t table;
  };
  struct Found {
    const void* anchors;  // the dictionary's anchors
    uint32_t count;
    uint32_t at;
    char32_t free_ch;
    uint8_t table;
  };
  std::vector<Probe> probes;
  std::vector<Found> found;
  // Latin words of the text for the initials and full-pinyin layers, each
  // with its filter hash: [begin, end) of NormalizedText::text.
  struct LatinWord {
    uint32_t begin, end;
    uint64_t hash;
  };
  std::vector<LatinWord> latin_words;
  // Pinyin segmentation of a Latin word (the initials layer).
  std::vector<uint16_t> syllables;
  std::vector<uint8_t> ends;
};

}  // namespace ipguard::text
