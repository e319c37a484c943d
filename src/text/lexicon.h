// Context lexicons (data/lexicons/*.txt, documented there and in
// docs/text.md): word lists matched once per field, over the key layer, with
// the same normalization as the scanned text. Loaded once per process from
// the copies embedded at build time, or from $IPGUARD_LEXICON_DIR.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ipguard/status.h"
#include "ipguard/text.h"
#include "text/name_dictionary.h"

namespace ipguard::text {

enum class LexiconKind : uint32_t {
  kCounterfeit,
  kCompatibility,
  kDupe,
  kPortraitSelling,
  kPortraitSellingStrong,
  kPiracyResource,
  kCompleteSet,
  kGenuineGoods,
  kPersonPlace,
  kNoBrand,
  kDupeException,
  kNonCommercial,
  kOrdinaryPhrase,  // ordinary_phrases.txt: phrases overlapping a name without being it
  kPlaceSuffix,     // place_suffixes.txt: X机场, X大道: a Han name before it names a place
  kCount
};
// The file name (without .txt) of a lexicon.
std::string_view LexiconFile(LexiconKind kind);

struct LexiconHit {
  LexiconKind kind;
  uint32_t begin, end;  // bytes of NormalizedText::text
  std::string_view term;
};

class Lexicons {
 public:
  // The process-wide lexicons; a load error (unreadable override file) is
  // reported once on stderr and the embedded copy is used instead.
  static const Lexicons& Default();
  // Parses lexicons from file contents (one string per LexiconKind).
  static Result<std::unique_ptr<Lexicons>> FromContents(const std::vector<std::string>& contents);

  std::unique_ptr<NameDictionary::Scratch> NewScratch() const { return dict_->NewScratch(); }
  // Every lexicon term in `text`.
  void Scan(const NormalizedText& text, NameDictionary::Scratch& scratch,
            std::vector<LexiconHit>& out) const;
  // True when `words` (already normalized key form) is in the lexicon.
  bool Contains(LexiconKind kind, std::string_view key) const;

 private:
  std::unique_ptr<NameDictionary> dict_;
  std::vector<std::vector<std::string>> keys_;  // per kind: normalized keys
};

// True when `word` (lower-case ASCII letters) is an ordinary English word of
// 3+ letters (Debian's wamerican list, built in): apple, coach, canon.
bool IsEnglishWord(std::string_view word);

// Dictionary-aware word boundaries for a Han match at text bytes [begin, end):
// true when the match is only part of a longer ordinary word (小米粥, 耐克服:
// 克服 is a word and 服 does not start another), per jieba's word list.
bool PartOfLongerHanWord(const NormalizedText& text, uint32_t begin, uint32_t end);
// True when the Han match lies inside a person or place name (jieba tags nr*,
// ns) longer than itself.
bool InsidePersonOrPlaceName(const NormalizedText& text, uint32_t begin, uint32_t end);
// PartOfLongerHanWord || InsidePersonOrPlaceName, looking each extension of
// the match up in the word list once.
bool PartOfLongerOrNamedHanWord(const NormalizedText& text, uint32_t begin, uint32_t end);

}  // namespace ipguard::text
