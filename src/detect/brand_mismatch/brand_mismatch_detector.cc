#include "detect/brand_mismatch/brand_mismatch_detector.h"

#include <algorithm>

#include "detect/common/brand_index.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

// Findings below this score are not written (policy parameter
// DETECTOR.min_score); between it and the review threshold they are written
// with action none.
constexpr double kMinScore = 0.3;

using detect::BrandHit;
using detect::BrandIndex;
using text::LexiconKind;

// Scores per reason (docs/text.md, "tuning"), scaled by the match's quality.
constexpr double kDeclaredScore = 0.92, kNoBrandScore = 0.8, kPriceScore = 0.9,
                 kFarBelowPriceScore = 0.96, kDupeScore = 0.93;
// A dupe word this close (code points) to the brand name ties them together.
constexpr int kDupeGap = 8;

class BrandMismatchDetector : public Detector {
 public:
  BrandMismatchDetector(std::shared_ptr<const BrandIndex> index, double min_score)
      : index_(std::move(index)), min_score_(min_score) {
    for (const auto& b : index_->registry().brands()) {
      std::vector<std::string> keys{detect::KeyOf(b.id)};
      for (const auto& n : b.names) keys.push_back(detect::KeyOf(n));
      for (const auto& n : b.aliases) keys.push_back(detect::KeyOf(n));
      brand_keys_.push_back(std::move(keys));
    }
  }

  std::string_view name() const override { return "brand_mismatch"; }

  // Authorization through a shop's owner account, learned in input order.
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<detect::OwnershipSession>(
        name(), [this](std::string_view target) { return index_->AuthorizedFor(target); });
  }
  std::unique_ptr<DetectorScratch> NewScratch() const override { return index_->NewScratch(); }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    if (!scratch) return;
    const Listing* listing = std::get_if<Listing>(item.item);
    if (!listing && !std::holds_alternative<Content>(*item.item)) return;
    std::vector<detect::FieldHits> fields;
    std::vector<BrandHit> hits;
    index_->Scan(item, *static_cast<detect::TextScratch*>(scratch), fields, hits);
    for (const BrandHit& h : hits) {
      if (detect::DirectlyAuthorized(index_->authorized(h.brand), item)) continue;
      const Brand& brand = index_->registry().brands()[h.brand];
      const double q = std::min(1.0, h.match.quality + (h.counterfeit ? 0.05 : 0));
      double score = 0;
      json::Value reasons = json::Value::Array();
      json::Value extra = json::Value::Object();
      if (listing && !listing->brand.empty()) {
        const std::string declared = detect::KeyOf(listing->brand);
        const auto& own = brand_keys_[h.brand];
        if (std::find(own.begin(), own.end(), declared) == own.end()) {
          const bool none = text::Lexicons::Default().Contains(LexiconKind::kNoBrand, declared) ||
                            declared.empty();
          score = std::max(score, q * (none ? kNoBrandScore : kDeclaredScore));
          reasons.Append(none ? "declared_no_brand" : "declared_other_brand");
          extra.Set("declared_brand", listing->brand);
        }
      }
      if (listing && listing->price) {
        for (const auto& [category, floor] : brand.price_floor) {
          if (category != listing->category && category != "*") continue;
          if (*listing->price < floor) {
            score = std::max(score,
                             q * (*listing->price < floor / 2 ? kFarBelowPriceScore : kPriceScore));
            reasons.Append("price_below_floor");
            extra.Set("price", *listing->price);
            extra.Set("price_floor", floor);
          }
          break;
        }
      }
      if (const auto* d =
              h.field->Near(LexiconKind::kDupe, h.match.begin, h.match.end, kDupeGap, kDupeGap)) {
        score = std::max(score, q * kDupeScore);
        reasons.Append("dupe_wording");
        extra.Set("wording", d->term);
      }
      if (reasons.items().empty() || score < min_score_) continue;
      Finding f;
      f.item = std::string(item.id);
      f.detector = "brand_mismatch";
      f.target = brand.id;
      f.score = score;
      f.evidence =
          detect::TextEvidence(*h.field->field, h.match.begin, h.match.end, h.match.variant);
      f.evidence.Set("reasons", std::move(reasons));
      for (const auto& [k, v] : extra.members()) f.evidence.Set(k, v);
      out.push_back(std::move(f));
    }
  }

 private:
  std::shared_ptr<const BrandIndex> index_;
  double min_score_;
  std::vector<std::vector<std::string>> brand_keys_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreateBrandMismatchDetector(const DetectorContext& context) {
  auto index = BrandIndex::For(context.registry);
  if (!index.ok()) return index.status();
  const double min_score =
      context.policy ? context.policy->Param("brand_mismatch", "min_score", kMinScore) : kMinScore;
  return std::unique_ptr<Detector>(
      std::make_unique<BrandMismatchDetector>(std::move(index).value(), min_score));
}

}  // namespace ipguard
