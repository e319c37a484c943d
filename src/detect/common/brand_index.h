// The brand dictionary and the context rules that brand_variant and
// brand_mismatch share (docs/text.md). Built once per registry snapshot and
// shared by both detectors.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "detect/common/text_scan.h"

namespace ipguard::detect {

struct BrandHit {
  uint32_t brand = 0;  // index into registry brands()
  const FieldHits* field = nullptr;
  text::NameMatch match;
  double score = 0;                  // after context
  std::vector<std::string> context;  // counterfeit indicators seen
  bool counterfeit = false;
};

// Per-thread scratch of a detector scanning with a BrandIndex: a TextScratch
// and the item's hits, both reused from item to item.
class BrandScratch : public TextScratch {
 public:
  std::vector<BrandHit> hits;
};

class BrandIndex {
 public:
  // The index of `registry`, built on first request and shared while alive.
  static Result<std::shared_ptr<const BrandIndex>> For(std::shared_ptr<const Registry> registry);

  const Registry& registry() const { return *registry_; }
  const text::NameDictionary& dict() const { return *dict_; }
  const std::unordered_set<std::string>& authorized(uint32_t brand) const {
    return authorized_[brand];
  }
  // False when the brand authorized nobody (authorized(brand) is empty); a
  // compact table, cheaper to consult per hit than the sets.
  bool HasAuthorized(uint32_t brand) const { return brand_flags_[brand] & kBrandAuthorizes; }
  // The authorized shops of the brand with id `brand_id`; null when no such
  // brand is registered (OwnershipSession's lookup).
  const std::unordered_set<std::string>* AuthorizedFor(std::string_view brand_id) const;
  // A BrandScratch.
  std::unique_ptr<BrandScratch> NewScratch() const;

  // The best hit per brand in the item's fields after the clearing rules
  // (generic senses, compatibility wording, part of a longer word, person or
  // place names); `fields` keeps the scanned fields alive for the hits.
  void Scan(const PreparedItem& item, TextScratch& scratch, std::vector<FieldHits>& fields,
            std::vector<BrandHit>& out) const;

 private:
  std::shared_ptr<const Registry> registry_;
  std::unique_ptr<text::NameDictionary> dict_;
  std::vector<std::unordered_set<std::string>> authorized_;
  std::vector<std::vector<std::string>> generic_keys_;  // per brand
  std::vector<std::string> entry_keys_;                 // per dictionary entry: its key
  // Per brand and per entry: what Scan asks of every match, packed so that
  // the common answers cost no visit to the tables above.
  static constexpr uint8_t kBrandAuthorizes = 1, kBrandHasGenericSenses = 2;
  static constexpr uint8_t kEntryAlias = 1, kEntryShortLatin = 2, kEntryOrdinaryWord = 4;
  // True when the item shows that an undisguised name of brand `b` that is
  // also an ordinary word (an English word, or 1-2 letters) means the brand.
  bool InBrandContext(uint32_t b, const PreparedItem& item, bool short_latin,
                      bool counterfeit_or_dupe) const;
  std::vector<std::vector<std::string>> brand_keys_;  // per brand: keys of names and aliases
  std::vector<uint8_t> brand_flags_;
  std::vector<uint8_t> entry_flags_;
};

}  // namespace ipguard::detect
