// What the text detectors (brand_variant, brand_mismatch, portrait, piracy)
// share: who acts for an item and whether a rights holder authorized them,
// the per-field matches of a name dictionary with their context-lexicon hits,
// and the evidence object of a text finding (contract §1.3).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ipguard/detector.h"
#include "ipguard/json.h"
#include "text/lexicon.h"
#include "text/name_dictionary.h"

namespace ipguard::detect {

// The shop or account an item speaks for (listing: shop; content: account;
// shop and account: itself); nullptr for verdicts.
const std::string* ActorOf(const PreparedItem& item);

// True when what the item alone says authorizes it: its actor is in
// `authorized`, or (a shop record) the shop's own account is. Scan uses this;
// authorization through links learned from other records is the session's.
bool DirectlyAuthorized(const std::unordered_set<std::string>& authorized,
                        const PreparedItem& item);

// Shop <-> owner-account links learned from the shop and account items of a
// scan, so that an authorization given to one shop also covers its owner's
// content and the owner's other shops. One scan's state, fed in input order
// by OwnershipSession (not thread-safe).
class Ownership {
 public:
  void Learn(const PreparedItem& item);
  // True when the item's actor, its owner account, or any shop of that
  // account is in `authorized`.
  bool Authorized(const std::unordered_set<std::string>& authorized,
                  const PreparedItem& item) const;

 private:
  std::unordered_map<std::string, std::string> owner_;               // shop -> account
  std::unordered_map<std::string, std::vector<std::string>> shops_;  // account -> shops
};

// The session of a text detector (brand_variant, brand_mismatch, portrait,
// piracy): learns ownership links from shop and account records in input
// order and drops the detector's findings about an item whose actor is
// authorized for the finding's target through those links (a shop whose
// owner account, or another shop of that account, is authorized). Records
// after the item do not count, so the output depends only on input order.
class OwnershipSession : public DetectorSession {
 public:
  // The authorized shops and accounts of a target id; nullptr when unknown.
  using AuthorizedFn =
      std::function<const std::unordered_set<std::string>*(std::string_view target)>;
  OwnershipSession(std::string_view detector, AuthorizedFn authorized)
      : detector_(detector), authorized_(std::move(authorized)) {}
  void Observe(const PreparedItem& item, std::vector<Finding>& findings) override;
  void Finish(std::vector<Finding>&) override {}

 private:
  std::string detector_;
  AuthorizedFn authorized_;
  Ownership ownership_;
};

// One field's matches and, when there are any, its lexicon hits.
struct FieldHits {
  const TextField* field = nullptr;
  std::vector<text::NameMatch> matches;
  std::vector<text::LexiconHit> lexicon;

  bool Has(text::LexiconKind kind) const;
  // A hit of `kind` that ends at most `gap` code points (spaces excluded)
  // before `begin`, or starts at most `gap` after `end`; nullptr if none.
  const text::LexiconHit* Near(text::LexiconKind kind, uint32_t begin, uint32_t end, int gap_before,
                               int gap_after) const;
};

// Per-thread scratch of a text detector: one for its dictionary, one for the
// lexicons.
class TextScratch : public DetectorScratch {
 public:
  std::unique_ptr<text::NameDictionary::Scratch> dict;
  std::unique_ptr<text::NameDictionary::Scratch> lex;
  // The item's scanned fields, reused from item to item (their vectors keep
  // their capacity) by detectors that scan through ScanFields' second form.
  std::vector<FieldHits> fields;

  // Scratch for scanning with `dict` and the default lexicons.
  static std::unique_ptr<TextScratch> For(const text::NameDictionary& dict);
};

// True when an ordinary phrase (ordinary_phrases.txt) overlaps the match
// [begin, end) and reaches beyond it: the text is that phrase, not the name.
bool InOrdinaryPhrase(const FieldHits& field, uint32_t begin, uint32_t end);

// Scans every text field of the item with `dict` (and the lexicons when the
// field has a match or `always_lexicon`).
std::vector<FieldHits> ScanFields(const PreparedItem& item, const text::NameDictionary& dict,
                                  TextScratch& scratch, bool always_lexicon = false);
// The same into `out` (replaced), reusing the capacity of its elements.
void ScanFields(const PreparedItem& item, const text::NameDictionary& dict, TextScratch& scratch,
                bool always_lexicon, std::vector<FieldHits>& out);

// Evidence of a text finding at normalized bytes [begin, end) of `field`.
json::Value TextEvidence(const TextField& field, uint32_t begin, uint32_t end, uint32_t variant);
// The same followed by `name_key`: `name` (the registered name or alias the
// match stands for) and, when `context` is not empty, "context": `context`;
// built with its members allocated once.
json::Value TextEvidence(const TextField& field, uint32_t begin, uint32_t end, uint32_t variant,
                         std::string_view name_key, std::string_view name,
                         const std::vector<std::string>& context);

// Normalized key of a registered string.
std::string KeyOf(std::string_view s);

}  // namespace ipguard::detect
