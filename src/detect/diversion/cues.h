// Finds the lexicon's terms (cues) in a Document: one Hyperscan literal
// database, scanned over each segment's original text and over the shared
// normalizer's output, so that a term is found as written (微❤, ➕V) and in
// any form the normalizer folds (traditional, full-width, homoglyphs). Hits
// are reported as Document positions.
#pragma once

#include <hs.h>

#include <memory>
#include <vector>

#include "detect/diversion/document.h"
#include "detect/diversion/lexicon.h"
#include "ipguard/status.h"

namespace ipguard::diversion {

struct Cue {
  uint32_t begin = 0, end = 0;  // Document positions [begin, end)
  uint32_t entry = 0;           // index into the lexicon
  bool dead = false;            // inside a safe phrase or a longer cue
};

class CueMatcher {
 public:
  static Result<std::unique_ptr<CueMatcher>> Create(std::vector<LexEntry> lexicon);
  ~CueMatcher();

  const std::vector<LexEntry>& lexicon() const { return lexicon_; }
  // Word-boundary requirements of a literal (LexEntry::latin_start/_end).
  static constexpr uint8_t kLatinStart = 1, kLatinEnd = 2;
  // Per-thread scratch; nullptr when allocation failed.
  hs_scratch_t* NewScratch() const;

  // The live cues of `doc`, sorted by begin: Latin word boundaries checked,
  // cues inside a safe phrase or inside a longer cue marked dead (safe
  // phrases stay, so that callers can see them).
  void Find(const Document& doc, hs_scratch_t* scratch, std::vector<Cue>& out) const;

 private:
  CueMatcher() = default;
  std::vector<LexEntry> lexicon_;
  std::vector<uint32_t> literal_entry_;   // Hyperscan id -> lexicon entry
  std::vector<uint8_t> literal_bounds_;   // Hyperscan id -> kLatinStart | kLatinEnd
  hs_database_t* db_ = nullptr;           // every literal
  hs_database_t* original_db_ = nullptr;  // literals not made of letters only
  hs_scratch_t* proto_ = nullptr;
};

}  // namespace ipguard::diversion
