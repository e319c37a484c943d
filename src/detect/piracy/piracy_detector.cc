#include "detect/piracy/piracy_detector.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "detect/common/text_scan.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

// Findings below this score are not written (policy parameter
// DETECTOR.min_score); between it and the review threshold they are written
// with action none.
constexpr double kMinScore = 0.3;

using text::LexiconKind;

// Scores (docs/text.md, "tuning").
constexpr double kResourceScore = 0.93, kSetPriceScore = 0.9, kIsbnStrongScore = 0.97,
                 kIsbnAloneScore = 0.6, kAliasWeight = 0.95;

// ISBN digits (10 or 13, final X allowed) of `s`, without hyphens or spaces.
std::string IsbnDigits(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      d.push_back(c);
    else if ((c == 'x' || c == 'X') && !d.empty())
      d.push_back('x');
  }
  return d;
}

// Every run of digits, hyphens and spaces in `text` with 10 or 13 digits.
void FindIsbns(const std::string& text,
               std::vector<std::pair<std::string, std::pair<size_t, size_t>>>& out) {
  for (size_t i = 0; i < text.size();) {
    if (!(text[i] >= '0' && text[i] <= '9')) {
      ++i;
      continue;
    }
    size_t j = i, digits = 0;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '-' ||
                               text[j] == ' ' || (text[j] == 'x' && digits == 9))) {
      if (text[j] != '-' && text[j] != ' ') ++digits;
      ++j;
    }
    while (j > i && (text[j - 1] == '-' || text[j - 1] == ' ')) --j;
    if (digits == 10 || digits == 13) out.push_back({IsbnDigits(text.substr(i, j - i)), {i, j}});
    i = j;
  }
}

class PiracyDetector : public Detector {
 public:
  PiracyDetector(std::shared_ptr<const Registry> registry,
                 std::unique_ptr<text::NameDictionary> dict, double min_score, double set_price)
      : registry_(std::move(registry)),
        dict_(std::move(dict)),
        min_score_(min_score),
        set_price_(set_price) {
    const auto& works = registry_->works();
    for (uint32_t w = 0; w < works.size(); ++w) {
      authorized_.emplace_back(works[w].authorized_shops.begin(), works[w].authorized_shops.end());
      const std::string d = IsbnDigits(works[w].isbn);
      if (d.size() == 10 || d.size() == 13) isbn_[d] = w;
    }
  }

  std::string_view name() const override { return "piracy"; }

  // Authorization through a shop's owner account, learned in input order.
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<detect::OwnershipSession>(
        name(), [this](std::string_view target) -> const std::unordered_set<std::string>* {
          const Work* w = registry_->FindWork(target);
          if (!w) return nullptr;
          return &authorized_[static_cast<size_t>(w - registry_->works().data())];
        });
  }

  std::unique_ptr<DetectorScratch> NewScratch() const override {
    return detect::TextScratch::For(*dict_);
  }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    if (!scratch || item.kind == ItemKind::kVerdict) return;
    if (item.kind == ItemKind::kShop || item.kind == ItemKind::kAccount) return;
    const Listing* listing = std::get_if<Listing>(item.item);
    auto fields = detect::ScanFields(item, *dict_, *static_cast<detect::TextScratch*>(scratch),
                                     !isbn_.empty());
    // Item-wide wording.
    const text::LexiconHit* resource = nullptr;
    bool complete_set = false, genuine = false;
    for (const auto& f : fields)
      for (const auto& h : f.lexicon) {
        if (h.kind == LexiconKind::kPiracyResource && !resource) resource = &h;
        complete_set |= h.kind == LexiconKind::kCompleteSet;
        genuine |= h.kind == LexiconKind::kGenuineGoods;
      }
    const bool low_price = listing && listing->price && *listing->price < set_price_;
    struct Hit {
      double score = 0;
      const detect::FieldHits* field = nullptr;
      uint32_t begin = 0, end = 0, variant = 0;
      std::string reason, matched;
    };
    std::unordered_map<uint32_t, Hit> best;
    auto offer = [&](uint32_t work, Hit h) {
      if (h.score < min_score_) return;
      auto& b = best[work];
      if (h.score > b.score) b = std::move(h);
    };
    std::unordered_set<uint32_t> named;  // works whose title or alias the item names
    for (const auto& f : fields)
      for (const auto& m : f.matches) named.insert(m.owner);
    for (const auto& f : fields) {
      const NormalizedText& t = f.field->normalized;
      for (const auto& m : f.matches) {
        const text::DictEntry& e = dict_->entry(m.entry);
        if (m.han && m.end - m.begin <= 6 && text::PartOfLongerHanWord(t, m.begin, m.end)) continue;
        const double w = m.quality * (e.alias ? kAliasWeight : 1.0);
        if (resource)
          offer(m.owner, {w * kResourceScore, &f, m.begin, m.end, m.variant, "resource_wording",
                          e.registered});
        else if (complete_set && low_price)
          offer(m.owner, {w * kSetPriceScore, &f, m.begin, m.end, m.variant, "complete_set_price",
                          e.registered});
      }
      std::vector<std::pair<std::string, std::pair<size_t, size_t>>> isbns;
      FindIsbns(t.text, isbns);
      for (const auto& [digits, span] : isbns) {
        auto it = isbn_.find(digits);
        if (it == isbn_.end()) continue;
        const bool strong = resource || (complete_set && low_price);
        // An ISBN alone is a review only in a listing that also names the
        // work (the book itself is sold).
        if (!strong && (genuine || !listing || !named.count(it->second))) continue;
        offer(it->second, {strong ? kIsbnStrongScore : kIsbnAloneScore, &f,
                           static_cast<uint32_t>(span.first), static_cast<uint32_t>(span.second), 0,
                           strong ? "isbn_resource" : "isbn", registry_->works()[it->second].isbn});
      }
    }
    for (auto& [w, h] : best) {
      if (detect::DirectlyAuthorized(authorized_[w], item)) continue;
      Finding f;
      f.item = std::string(item.id);
      f.detector = "piracy";
      f.target = registry_->works()[w].id;
      f.score = h.score;
      f.evidence = detect::TextEvidence(*h.field->field, h.begin, h.end, h.variant);
      f.evidence.Set("reason", h.reason);
      f.evidence.Set("matched", h.matched);
      if (resource) f.evidence.Set("wording", resource->term);
      if (listing && listing->price) f.evidence.Set("price", *listing->price);
      out.push_back(std::move(f));
    }
  }

 private:
  std::shared_ptr<const Registry> registry_;
  std::unique_ptr<text::NameDictionary> dict_;
  double min_score_, set_price_;
  std::vector<std::unordered_set<std::string>> authorized_;
  std::unordered_map<std::string, uint32_t> isbn_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreatePiracyDetector(const DetectorContext& context) {
  std::vector<text::DictEntry> entries;
  const auto& works = context.registry->works();
  for (uint32_t w = 0; w < works.size(); ++w) {
    entries.push_back({w, false, works[w].title});
    for (const auto& a : works[w].aliases) entries.push_back({w, true, a});
  }
  auto dict = text::NameDictionary::Build(std::move(entries));
  if (!dict.ok()) return dict.status();
  const double min_score =
      context.policy ? context.policy->Param("piracy", "min_score", kMinScore) : kMinScore;
  const double set_price = context.policy ? context.policy->Param("piracy", "set_price", 50) : 50;
  return std::unique_ptr<Detector>(std::make_unique<PiracyDetector>(
      context.registry, std::move(dict).value(), min_score, set_price));
}

}  // namespace ipguard
