#include "detect/brand_variant/brand_variant_detector.h"

#include "detect/common/brand_index.h"
#include "ipguard/policy.h"
#include "text/char_table.h"

namespace ipguard {
namespace {

// Findings below this score are not written (policy parameter
// DETECTOR.min_score); between it and the review threshold they are written
// with action none.
constexpr double kMinScore = 0.3;

using detect::BrandHit;
using detect::BrandIndex;

class BrandVariantDetector : public Detector {
 public:
  BrandVariantDetector(std::shared_ptr<const BrandIndex> index, double min_score)
      : index_(std::move(index)), min_score_(min_score) {}

  std::string_view name() const override { return "brand_variant"; }

  // Authorization through a shop's owner account, learned in input order.
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<detect::OwnershipSession>(
        name(), [this](std::string_view target) { return index_->AuthorizedFor(target); });
  }

  std::unique_ptr<DetectorScratch> NewScratch() const override { return index_->NewScratch(); }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    if (!scratch || item.kind == ItemKind::kVerdict) return;
    // The scratch's vectors, reused from item to item.
    auto& s = *static_cast<detect::BrandScratch*>(scratch);
    std::vector<detect::FieldHits>& fields = s.fields;
    std::vector<BrandHit>& hits = s.hits;
    hits.clear();
    index_->Scan(item, s, fields, hits);
    // In content (videos, lives, comments, posts) people talk about brands:
    // a plain mention counts only with selling, dupe or counterfeit wording;
    // a disguised one counts (disguise is meant to evade).
    bool selling = false;
    if (item.kind == ItemKind::kContent)
      for (const auto& f : fields)
        selling |= f.Has(text::LexiconKind::kPortraitSelling) || f.Has(text::LexiconKind::kDupe) ||
                   f.Has(text::LexiconKind::kCounterfeit);
    // "Not for sale, just sharing" without counterfeit wording.
    bool non_commercial = false;
    for (const auto& f : fields) non_commercial |= f.Has(text::LexiconKind::kNonCommercial);
    for (const BrandHit& h : hits) {
      if (h.score < min_score_) continue;
      if (non_commercial && !h.counterfeit) continue;
      if (item.kind == ItemKind::kContent && !selling && Plain(h.match)) continue;
      if (index_->HasAuthorized(h.brand) &&
          detect::DirectlyAuthorized(index_->authorized(h.brand), item))
        continue;
      const Brand& brand = index_->registry().brands()[h.brand];
      const text::DictEntry& e = index_->dict().entry(h.match.entry);
      Finding f;
      f.item = std::string(item.id);
      f.detector = "brand_variant";
      f.target = brand.id;
      f.score = h.score;
      f.evidence =
          detect::TextEvidence(*h.field->field, h.match.begin, h.match.end, h.match.variant,
                               e.alias ? "alias" : "name", e.registered, h.context);
      out.push_back(std::move(f));
    }
  }

 private:
  // An undisguised mention: only case or width differ from the registration.
  static bool Plain(const text::NameMatch& m) {
    return m.quality >= 1.0 &&
           (m.variant & ~static_cast<uint32_t>(text::kFlagCase | text::kFlagWidth)) == 0;
  }

  std::shared_ptr<const BrandIndex> index_;
  double min_score_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreateBrandVariantDetector(const DetectorContext& context) {
  auto index = BrandIndex::For(context.registry);
  if (!index.ok()) return index.status();
  const double min_score =
      context.policy ? context.policy->Param("brand_variant", "min_score", kMinScore) : kMinScore;
  return std::unique_ptr<Detector>(
      std::make_unique<BrandVariantDetector>(std::move(index).value(), min_score));
}

}  // namespace ipguard
