#include "detect/portrait/portrait_detector.h"

#include <algorithm>

#include "detect/common/text_scan.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

// Findings below this score are not written (policy parameter
// DETECTOR.min_score); between it and the review threshold they are written
// with action none.
constexpr double kMinScore = 0.3;

using text::LexiconKind;

// Scores (docs/text.md, "tuning"), scaled by the name match's quality.
constexpr double kAdjacentScore = 0.95;  // XX同款, XX推荐, XX直播间
constexpr double kStrongScore = 0.88;    // strong selling wording anywhere in the field
constexpr double kWeakScore = 0.75;      // weak selling wording in a listing, video or live text
constexpr int kAdjacentGap = 3;          // code points between the name and the wording
constexpr double kAliasWeight = 0.92;

class PortraitDetector : public Detector {
 public:
  PortraitDetector(std::shared_ptr<const Registry> registry,
                   std::unique_ptr<text::NameDictionary> dict, double min_score)
      : registry_(std::move(registry)), dict_(std::move(dict)), min_score_(min_score) {
    for (const auto& p : registry_->portraits())
      authorized_.emplace_back(p.authorized_shops.begin(), p.authorized_shops.end());
  }

  std::string_view name() const override { return "portrait"; }

  // Authorization through a shop's owner account, learned in input order.
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<detect::OwnershipSession>(
        name(), [this](std::string_view target) -> const std::unordered_set<std::string>* {
          const Portrait* p = registry_->FindPortrait(target);
          if (!p) return nullptr;
          return &authorized_[static_cast<size_t>(p - registry_->portraits().data())];
        });
  }

  std::unique_ptr<DetectorScratch> NewScratch() const override {
    return detect::TextScratch::For(*dict_);
  }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    if (!scratch || item.kind == ItemKind::kVerdict) return;
    if (item.kind == ItemKind::kShop || item.kind == ItemKind::kAccount) return;
    const auto* content = std::get_if<Content>(item.item);
    const bool talk = content && (content->type == "comment" || content->type == "post");
    auto fields = detect::ScanFields(item, *dict_, *static_cast<detect::TextScratch*>(scratch));
    struct Best {
      double score = 0;
      const detect::FieldHits* field = nullptr;
      const text::NameMatch* match = nullptr;
      std::string wording;
    };
    std::vector<std::pair<uint32_t, Best>> best;
    for (const auto& f : fields) {
      const NormalizedText& t = f.field->normalized;
      for (const auto& m : f.matches) {
        if (m.han && (text::InsidePersonOrPlaceName(t, m.begin, m.end) ||
                      text::PartOfLongerHanWord(t, m.begin, m.end) ||
                      detect::InOrdinaryPhrase(f, m.begin, m.end)))
          continue;
        const bool alias = dict_->entry(m.entry).alias;
        double score = 0;
        std::string wording;
        // In comments and posts people pass on what a creator recommends
        // (董宇辉推荐的书单): there only strong wording counts next to the name.
        if (const auto* h =
                f.Near(talk ? LexiconKind::kPortraitSellingStrong : LexiconKind::kPortraitSelling,
                       m.begin, m.end, kAdjacentGap, kAdjacentGap)) {
          score = kAdjacentScore;
          wording = h->term;
        } else if (const auto* s = Any(f, LexiconKind::kPortraitSellingStrong)) {
          score = kStrongScore;
          wording = s->term;
        } else if (!talk) {
          if (const auto* w = Any(f, LexiconKind::kPortraitSelling)) {
            score = kWeakScore;
            wording = w->term;
          }
        }
        score *= m.quality * (alias ? kAliasWeight : 1.0);
        if (score < min_score_) continue;
        auto it =
            std::find_if(best.begin(), best.end(), [&](auto& b) { return b.first == m.owner; });
        if (it == best.end()) it = best.insert(best.end(), {m.owner, Best{}});
        if (score > it->second.score) it->second = {score, &f, &m, wording};
      }
    }
    for (const auto& [p, b] : best) {
      if (detect::DirectlyAuthorized(authorized_[p], item)) continue;
      Finding f;
      f.item = std::string(item.id);
      f.detector = "portrait";
      f.target = registry_->portraits()[p].id;
      f.score = b.score;
      f.evidence =
          detect::TextEvidence(*b.field->field, b.match->begin, b.match->end, b.match->variant);
      f.evidence.Set(dict_->entry(b.match->entry).alias ? "alias" : "name",
                     dict_->entry(b.match->entry).registered);
      f.evidence.Set("wording", b.wording);
      out.push_back(std::move(f));
    }
  }

 private:
  static const text::LexiconHit* Any(const detect::FieldHits& f, LexiconKind kind) {
    for (const auto& h : f.lexicon)
      if (h.kind == kind) return &h;
    return nullptr;
  }

  std::shared_ptr<const Registry> registry_;
  std::unique_ptr<text::NameDictionary> dict_;
  double min_score_;
  std::vector<std::unordered_set<std::string>> authorized_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreatePortraitDetector(const DetectorContext& context) {
  std::vector<text::DictEntry> entries;
  const auto& portraits = context.registry->portraits();
  for (uint32_t p = 0; p < portraits.size(); ++p) {
    for (const auto& n : portraits[p].names) entries.push_back({p, false, n});
    for (const auto& n : portraits[p].aliases) entries.push_back({p, true, n});
  }
  auto dict = text::NameDictionary::Build(std::move(entries));
  if (!dict.ok()) return dict.status();
  const double min_score =
      context.policy ? context.policy->Param("portrait", "min_score", kMinScore) : kMinScore;
  return std::unique_ptr<Detector>(
      std::make_unique<PortraitDetector>(context.registry, std::move(dict).value(), min_score));
}

}  // namespace ipguard
