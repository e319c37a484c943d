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

// True when `text` (normalized) counts a complete set the way listings do:
// 全 followed by a number (digits or Han numerals) and a volume or episode
// word (全7册, 全三十集), or an episode range (1-80集).
bool CountsACompleteSet(std::string_view text) {
  static constexpr std::string_view kNumerals[] = {"零", "一", "二", "两", "三", "四", "五",
                                                   "六", "七", "八", "九", "十", "百"};
  static constexpr std::string_view kUnits[] = {"册", "本", "集", "季", "部", "卷"};
  auto unit_at = [&](size_t i) {
    for (std::string_view u : kUnits)
      if (text.substr(i, u.size()) == u) return true;
    return false;
  };
  auto skip_number = [&](size_t i) {
    for (bool more = true; more && i < text.size();) {
      more = false;
      if (text[i] >= '0' && text[i] <= '9') {
        ++i;
        more = true;
        continue;
      }
      for (std::string_view n : kNumerals)
        if (text.substr(i, n.size()) == n) {
          i += n.size();
          more = true;
          break;
        }
    }
    return i;
  };
  for (size_t at = text.find("全"); at != std::string_view::npos; at = text.find("全", at + 1)) {
    const size_t num = at + std::string_view("全").size(), end = skip_number(num);
    if (end > num && unit_at(end)) return true;
  }
  // An episode range: digits, '-' or '~', digits, 集.
  for (size_t at = text.find("集"); at != std::string_view::npos; at = text.find("集", at + 1)) {
    size_t i = at;
    while (i > 0 && text[i - 1] == ' ') --i;
    const size_t hi_end = i;
    while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') --i;
    if (i == hi_end || i == 0 || (text[i - 1] != '-' && text[i - 1] != '~')) continue;
    if (i >= 2 && text[i - 2] >= '0' && text[i - 2] <= '9') return true;
  }
  return false;
}

// The title with its Han numerals written as digits (我在八零年代当后妈 ->
// 我在80年代当后妈, 三体 -> 3体), as pirates often write it; empty when the
// title has none, or a 十/百 (read, not spelled digit by digit), or nothing
// but numerals.
std::string DigitSpelling(std::string_view title) {
  static constexpr std::pair<std::string_view, char> kDigits[] = {
      {"零", '0'}, {"〇", '0'}, {"一", '1'}, {"二", '2'}, {"三", '3'}, {"四", '4'},
      {"五", '5'}, {"六", '6'}, {"七", '7'}, {"八", '8'}, {"九", '9'}};
  if (title.find("十") != std::string_view::npos || title.find("百") != std::string_view::npos)
    return {};
  std::string out;
  bool changed = false, other = false;
  for (size_t i = 0; i < title.size();) {
    bool digit = false;
    for (auto [han, d] : kDigits)
      if (title.substr(i, han.size()) == han) {
        out.push_back(d);
        i += han.size();
        digit = changed = true;
        break;
      }
    if (digit) continue;
    other |= title[i] != ' ';
    out.push_back(title[i++]);
  }
  return changed && other ? out : std::string();
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
    if (!complete_set)
      for (const auto& f : fields)
        if (!f.matches.empty() && CountsACompleteSet(f.field->normalized.text)) complete_set = true;
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
    // Titles with Han numerals also as pirates spell them, in digits.
    const size_t spelled = entries.size();
    for (size_t e = entries.size() - 1 - works[w].aliases.size(); e < spelled; ++e) {
      std::string d = DigitSpelling(entries[e].registered);
      if (!d.empty()) entries.push_back({w, entries[e].alias, std::move(d)});
    }
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
