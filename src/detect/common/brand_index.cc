#include "detect/common/brand_index.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/ascii.h"
#include "text/char_table.h"
#include "text/pinyin.h"

namespace ipguard::detect {
namespace {

using text::LexiconKind;

// Score of a match before context (docs/text.md, "tuning").
constexpr double kNameWeight = 0.95, kAliasWeight = 0.82, kShortLatinWeight = 0.7;
constexpr double kCounterfeitBonus = 0.12;

// True when the registered name is one lower-case English word (apple,
// coach, canon): in plain text it may be that word rather than the brand.
bool EnglishWordName(std::string_view registered) {
  std::string lower;
  for (char c : registered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return false;
    lower.push_back(c);
  }
  return lower.size() >= 3 && text::IsEnglishWord(lower);
}

// A Han name that is also a common ordinary word (jieba frequency at least
// this, not tagged as a name): 苹果, 小米, 博士.
constexpr uint32_t kOrdinaryHanNameFreq = 300;

bool OrdinaryHanWordName(std::string_view registered) {
  const text::WordInfo w = text::LookupWord(registered);
  return w.freq >= kOrdinaryHanNameFreq && !w.pos.empty() && w.pos[0] == 'n' &&
         w.pos.substr(0, 2) != "nr" && w.pos != "nz";
}

bool ShortLatin(const std::string& key) {
  if (key.size() > 2) return false;
  for (char c : key)
    if (c < 'a' || c > 'z') return false;
  return true;
}

// An undisguised match: only case or width differ from the registration.
bool Plain(const text::NameMatch& m) {
  return m.quality >= 1.0 &&
         (m.variant & ~static_cast<uint32_t>(text::kFlagCase | text::kFlagWidth)) == 0;
}

// Non-space code points of `t.text` in bytes [from, to).
size_t Gap(const NormalizedText& t, uint32_t from, uint32_t to) {
  size_t n = 0;
  for (uint32_t i = from; i < to; ++i)
    n += t.text[i] != ' ' && (static_cast<unsigned char>(t.text[i]) & 0xC0) != 0x80;
  return n;
}

// Marks compatible every match that has a compatible match of the same
// brand at most one character (spaces aside) before or after it, until no
// more change.
void ChainCompatible(const NormalizedText& t, const std::vector<text::NameMatch>& matches,
                     std::vector<uint8_t>& compatible) {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < matches.size(); ++i) {
      if (compatible[i]) continue;
      const auto& m = matches[i];
      for (size_t j = 0; j < matches.size() && !compatible[i]; ++j) {
        const auto& o = matches[j];
        if (!compatible[j] || o.owner != m.owner) continue;
        if ((o.end <= m.begin && Gap(t, o.end, m.begin) <= 1) ||
            (m.end <= o.begin && Gap(t, m.end, o.begin) <= 1))
          compatible[i] = changed = true;
      }
    }
  }
}

}  // namespace

Result<std::shared_ptr<const BrandIndex>> BrandIndex::For(
    std::shared_ptr<const Registry> registry) {
  static std::mutex mu;
  static std::map<const Registry*, std::weak_ptr<const BrandIndex>> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(registry.get()); it != cache.end())
    if (auto alive = it->second.lock()) return alive;
  auto index = std::shared_ptr<BrandIndex>(new BrandIndex());
  index->registry_ = registry;
  std::vector<text::DictEntry> entries;
  const auto& brands = registry->brands();
  for (uint32_t b = 0; b < brands.size(); ++b) {
    for (const auto& n : brands[b].names) entries.push_back({b, false, n});
    for (const auto& n : brands[b].aliases) entries.push_back({b, true, n});
    index->authorized_.emplace_back(brands[b].authorized_shops.begin(),
                                    brands[b].authorized_shops.end());
    std::vector<std::string> senses;
    for (const auto& s : brands[b].generic_senses) {
      std::string k = KeyOf(s);
      if (!k.empty()) senses.push_back(std::move(k));
    }
    index->generic_keys_.push_back(std::move(senses));
  }
  auto dict = text::NameDictionary::Build(std::move(entries));
  if (!dict.ok()) return dict.status();
  index->dict_ = std::move(dict).value();
  for (size_t e = 0; e < index->dict_->size(); ++e) {
    const text::DictEntry& entry = index->dict_->entry(static_cast<uint32_t>(e));
    index->entry_keys_.push_back(KeyOf(entry.registered));
    const bool short_latin = ShortLatin(index->entry_keys_.back());
    index->entry_flags_.push_back(
        (entry.alias ? kEntryAlias : 0) | (short_latin ? kEntryShortLatin : 0) |
        (short_latin || EnglishWordName(entry.registered) || OrdinaryHanWordName(entry.registered)
             ? kEntryOrdinaryWord
             : 0));
  }
  index->brand_keys_.resize(brands.size());
  for (size_t e = 0; e < index->dict_->size(); ++e)
    index->brand_keys_[index->dict_->entry(static_cast<uint32_t>(e)).owner].push_back(
        index->entry_keys_[e]);
  for (uint32_t b = 0; b < brands.size(); ++b)
    index->brand_flags_.push_back((index->authorized_[b].empty() ? 0 : kBrandAuthorizes) |
                                  (index->generic_keys_[b].empty() ? 0 : kBrandHasGenericSenses));
  cache[registry.get()] = index;
  return std::shared_ptr<const BrandIndex>(index);
}

std::unique_ptr<BrandScratch> BrandIndex::NewScratch() const {
  auto s = std::make_unique<BrandScratch>();
  s->dict = dict_->NewScratch();
  s->lex = text::Lexicons::Default().NewScratch();
  return s;
}

void BrandIndex::Scan(const PreparedItem& item, TextScratch& scratch,
                      std::vector<FieldHits>& fields, std::vector<BrandHit>& out) const {
  ScanFields(item, *dict_, scratch, /*always_lexicon=*/false, fields);
  // What the loop below (and a detector building findings) reads per match
  // sits in tables the dictionary scan has pushed out of the cache: ask for
  // all of it at once rather than miss once per read.
  for (const auto& f : fields)
    for (const auto& m : f.matches) {
      __builtin_prefetch(&entry_flags_[m.entry]);
      __builtin_prefetch(&brand_flags_[m.owner]);
      __builtin_prefetch(&registry_->brands()[m.owner]);
      __builtin_prefetch(&dict_->entry(m.entry));
    }
  // Counterfeit indicators anywhere in the item raise every brand hit.
  std::vector<std::string> indicators;
  for (const auto& f : fields)
    for (const auto& h : f.lexicon)
      if (h.kind == LexiconKind::kCounterfeit &&
          std::find(indicators.begin(), indicators.end(), h.term) == indicators.end())
        indicators.emplace_back(h.term);
  bool dupe_wording = false;
  for (const auto& f : fields) dupe_wording |= f.Has(LexiconKind::kDupe);
  const size_t first = out.size();
  std::vector<uint8_t> compatible;
  for (const auto& f : fields) {
    const NormalizedText& t = f.field->normalized;
    // Compatibility wording right before (or after) the name: an accessory.
    compatible.assign(f.matches.size(), 0);
    bool any_compatible = false;
    for (size_t i = 0; i < f.matches.size(); ++i) {
      const auto& m = f.matches[i];
      compatible[i] = f.Near(LexiconKind::kCompatibility, m.begin, m.end, 4, -1) || [&] {
        const auto* h = f.Near(LexiconKind::kCompatibility, m.begin, m.end, -1, 2);
        return h && h->term != "for" && h->term != "fits" && h->term != "for use with";
      }();
      any_compatible |= compatible[i];
    }
    // A name of the same brand right beside a compatible one is part of the
    // same claim (For Samsung Galaxy S24, 适用于苹果 iPhone 15).
    if (any_compatible && f.matches.size() > 1) ChainCompatible(t, f.matches, compatible);
    for (size_t i = 0; i < f.matches.size(); ++i) {
      const auto& m = f.matches[i];
      const uint8_t entry_flags = entry_flags_[m.entry];
      double score = m.quality * (entry_flags & kEntryAlias ? kAliasWeight : kNameWeight);
      if (entry_flags & kEntryShortLatin) score = std::min(score, m.quality * kShortLatinWeight);
      if (compatible[i]) {
        if (indicators.empty()) continue;
        score *= 0.7;
      }
      if (!indicators.empty()) score = std::min(0.99, score + kCounterfeitBonus);
      // Keep the best hit per brand.
      auto it = std::find_if(out.begin() + static_cast<long>(first), out.end(),
                             [&](const BrandHit& b) { return b.brand == m.owner; });
      if (it != out.end() && it->score >= score) continue;
      // The clearing rules last: they read the word list, and a hit that
      // would not replace the brand's best needs none of them.
      // Generic senses: a sense containing the name must cover this match; a
      // sense without it (水果) clears the whole field.
      bool generic = false;
      if (brand_flags_[m.owner] & kBrandHasGenericSenses)
        for (const auto& sense : generic_keys_[m.owner]) {
          const std::string& name_key = entry_keys_[m.entry];
          const size_t at = t.key.find(sense);
          if (at == std::string::npos) continue;
          if (sense.find(name_key) == std::string::npos) {
            generic = true;
            break;
          }
          auto [sb, se] = t.KeyToText(at, at + sense.size());
          if (sb <= m.begin && se >= m.end) {
            generic = true;
            break;
          }
        }
      if (generic) continue;
      // Inside an ordinary phrase, or a longer listed person or place name
      // (the lexicon hits: cheap, so first).
      if (m.han && InOrdinaryPhrase(f, m.begin, m.end)) continue;
      bool person_place = false;
      for (const auto& h : f.lexicon)
        if ((h.kind == LexiconKind::kPersonPlace && h.begin <= m.begin && h.end >= m.end &&
             h.end - h.begin > m.end - m.begin) ||
            (m.han && h.kind == LexiconKind::kPlaceSuffix && h.begin == m.end))
          person_place = true;
      if (person_place) continue;
      // Part of a longer ordinary word, or of a person or place name, per the
      // word list.
      if (m.han && text::PartOfLongerOrNamedHanWord(t, m.begin, m.end)) continue;
      // An undisguised name that is also an ordinary word (supreme comfort,
      // Canon in D, NB码, 王博士植发) needs the brand's context.
      if ((entry_flags & kEntryOrdinaryWord) && Plain(m) &&
          !InBrandContext(m.owner, item, entry_flags & kEntryShortLatin,
                          !indicators.empty() || dupe_wording))
        continue;
      BrandHit hit{m.owner, &f, m, score, indicators, !indicators.empty()};
      if (it != out.end())
        *it = std::move(hit);
      else
        out.push_back(std::move(hit));
    }
  }
}

bool BrandIndex::InBrandContext(uint32_t b, const PreparedItem& item, bool short_latin,
                                bool counterfeit_or_dupe) const {
  if (counterfeit_or_dupe) return true;
  const Listing* listing = std::get_if<Listing>(item.item);
  // Content: a letter pair (太NB了) needs counterfeit or dupe wording; an
  // English word keeps content's own rule (selling wording).
  if (!listing) return !(short_latin && item.kind == ItemKind::kContent);
  const Brand& brand = registry_->brands()[b];
  if (!listing->brand.empty()) {
    const std::string declared = KeyOf(listing->brand);
    for (const auto& k : brand_keys_[b])
      if (k == declared) return true;
  }
  // Without a category, or a brand without categories, nothing says
  // otherwise.
  if (listing->category.empty() || (brand.categories.empty() && brand.price_floor.empty()))
    return true;
  // One category names the other (手机 and 手机/数码, phone and phones).
  const std::string category = AsciiLower(listing->category);
  auto same = [&](const std::string& c) {
    const std::string k = AsciiLower(c);
    return !k.empty() &&
           (category.find(k) != std::string::npos || k.find(category) != std::string::npos);
  };
  for (const auto& c : brand.categories)
    if (same(c)) return true;
  for (const auto& [c, floor] : brand.price_floor)
    if ((c != "*" && same(c)) || (c == "*" && listing->price && *listing->price < floor))
      return true;
  return false;
}

const std::unordered_set<std::string>* BrandIndex::AuthorizedFor(std::string_view brand_id) const {
  const Brand* b = registry().FindBrand(brand_id);
  if (!b) return nullptr;
  return &authorized_[static_cast<size_t>(b - registry().brands().data())];
}

}  // namespace ipguard::detect
