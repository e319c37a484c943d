#include "detect/brand_exact/brand_exact_detector.h"

#include <hs.h>

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

namespace ipguard {
namespace {

constexpr double kNameScore = 0.95;
constexpr double kAliasScore = 0.70;

struct Pattern {
  uint32_t brand;  // index into registry brands()
  bool alias;
  bool whole_word;         // pattern starts/ends with an ASCII letter or digit
  std::string registered;  // the name as registered
};

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

class HsScratch : public DetectorScratch {
 public:
  explicit HsScratch(hs_scratch_t* s) : scratch(s) {}
  ~HsScratch() override { hs_free_scratch(scratch); }
  hs_scratch_t* scratch;
};

struct Match {
  uint32_t pattern;
  size_t from, to;
};

class BrandExactDetector : public Detector {
 public:
  BrandExactDetector(std::shared_ptr<const Registry> registry, std::vector<Pattern> patterns,
                     hs_database_t* db, hs_scratch_t* proto)
      : registry_(std::move(registry)), patterns_(std::move(patterns)), db_(db), proto_(proto) {
    for (const auto& brand : registry_->brands()) {
      authorized_.emplace_back(brand.authorized_shops.begin(), brand.authorized_shops.end());
    }
  }
  ~BrandExactDetector() override {
    if (proto_) hs_free_scratch(proto_);
    if (db_) hs_free_database(db_);
  }

  std::string_view name() const override { return "brand_variant"; }

  std::unique_ptr<DetectorScratch> NewScratch() const override {
    if (!proto_) return nullptr;
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(proto_, &s) != HS_SUCCESS) return nullptr;
    return std::make_unique<HsScratch>(s);
  }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    if (!db_ || !scratch) return;
    std::vector<bool> reported(registry_->brands().size(), false);
    std::vector<Match> matches;
    for (const auto& field : item.fields) {
      matches.clear();
      const auto& text = field.normalized.text;
      if (text.empty()) continue;
      hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0,
              static_cast<HsScratch*>(scratch)->scratch, &OnMatch, &matches);
      std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        return a.from != b.from ? a.from < b.from : a.to > b.to;
      });
      for (const Match& m : matches) {
        const Pattern& p = patterns_[m.pattern];
        if (reported[p.brand]) continue;
        if (p.whole_word && !WholeWord(text, m.from, m.to)) continue;
        if (Authorized(item, p.brand)) continue;
        reported[p.brand] = true;
        out.push_back(MakeFinding(item, field, p, m));
      }
    }
  }

 private:
  static int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) {
    static_cast<std::vector<Match>*>(ctx)->push_back(
        {id, static_cast<size_t>(from), static_cast<size_t>(to)});
    return 0;
  }

  static bool WholeWord(const std::string& text, size_t from, size_t to) {
    const bool left_ok = from == 0 || !IsWordByte(static_cast<unsigned char>(text[from - 1]));
    const bool right_ok = to >= text.size() || !IsWordByte(static_cast<unsigned char>(text[to]));
    return left_ok && right_ok;
  }

  // Whether the brand authorized the item's shop (for a listing or shop), or
  // the account or any shop it owns (for content or an account).
  bool Authorized(const PreparedItem& item, uint32_t brand) const {
    const auto& ok = authorized_[brand];
    if (auto* l = std::get_if<Listing>(item.item)) return ok.count(l->shop) > 0;
    if (auto* s = std::get_if<Shop>(item.item)) return ok.count(s->id) > 0;
    if (auto* c = std::get_if<Content>(item.item)) return ok.count(c->account) > 0;
    if (auto* a = std::get_if<Account>(item.item)) {
      if (ok.count(a->id)) return true;
      for (const auto& shop : a->shops) {
        if (ok.count(shop)) return true;
      }
    }
    return false;
  }

  Finding MakeFinding(const PreparedItem& item, const TextField& field, const Pattern& p,
                      const Match& m) const {
    const Brand& brand = registry_->brands()[p.brand];
    auto [begin, end] = field.normalized.OriginalSpan(m.from, m.to);
    Finding f;
    f.item = std::string(item.id);
    f.detector = "brand_variant";
    f.target = brand.id;
    f.score = p.alias ? kAliasScore : kNameScore;
    f.evidence.Set("field", field.name);
    f.evidence.Set("span", json::Value::Array({json::Value(begin), json::Value(end)}));
    f.evidence.Set("text", SubstrCodePoints(field.original, begin, end));
    f.evidence.Set("normalized", field.normalized.text.substr(m.from, m.to - m.from));
    f.evidence.Set("variant", json::Value::Array({"exact"}));
    f.evidence.Set(p.alias ? "alias" : "name", p.registered);
    return f;
  }

  std::shared_ptr<const Registry> registry_;
  std::vector<Pattern> patterns_;
  std::vector<std::unordered_set<std::string>> authorized_;
  hs_database_t* db_;
  hs_scratch_t* proto_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreateBrandExactDetector(const DetectorContext& context) {
  const auto& brands = context.registry->brands();
  std::vector<Pattern> patterns;
  std::vector<std::string> literals;
  std::unordered_set<std::string> seen;
  for (uint32_t b = 0; b < brands.size(); ++b) {
    auto add = [&](const std::string& name, bool alias) {
      std::string folded = Normalize(name).text;
      if (folded.empty() || !seen.insert(fmt::format("{}\x1f{}", b, folded)).second) return;
      const bool word = IsWordByte(static_cast<unsigned char>(folded.front())) ||
                        IsWordByte(static_cast<unsigned char>(folded.back()));
      patterns.push_back({b, alias, word, name});
      literals.push_back(std::move(folded));
    };
    for (const auto& n : brands[b].names) add(n, false);
    for (const auto& n : brands[b].aliases) add(n, true);
  }
  hs_database_t* db = nullptr;
  hs_scratch_t* proto = nullptr;
  if (!literals.empty()) {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags(literals.size(), HS_FLAG_SOM_LEFTMOST);
    std::vector<unsigned> ids;
    for (size_t i = 0; i < literals.size(); ++i) {
      exprs.push_back(literals[i].data());
      lens.push_back(literals[i].size());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                             &err) != HS_SUCCESS) {
      std::string message = fmt::format("brand dictionary does not compile: {}",
                                        err && err->message ? err->message : "unknown error");
      hs_free_compile_error(err);
      return Status::Error(message);
    }
    if (hs_alloc_scratch(db, &proto) != HS_SUCCESS) {
      hs_free_database(db);
      return Status::Error("cannot allocate Hyperscan scratch space");
    }
  }
  return std::unique_ptr<Detector>(
      std::make_unique<BrandExactDetector>(context.registry, std::move(patterns), db, proto));
}

}  // namespace ipguard
