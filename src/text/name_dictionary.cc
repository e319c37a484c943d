#include "text/name_dictionary.h"

#include <hs.h>

#include <algorithm>
#include <unordered_map>

#include "core/utf8.h"
#include "text/char_table.h"
#include "text/pinyin.h"

namespace ipguard::text {
namespace {

// Per-pair qualities of the phonetic alignment (docs/text.md, "tuning").
constexpr double kQExact = 1.0, kQShape = 0.9, kQHomophone = 0.85, kQPinyin = 0.9, kQNear = 0.6,
                 kQNearPinyin = 0.5, kQInitial = 0.65, kQInitials = 0.7;
constexpr double kEditFactor = 0.9;
// A non-exact Han match that is itself an ordinary word this frequent (jieba)
// is that word, not a disguise.
constexpr uint32_t kOrdinaryWordFreq = 30;
constexpr uint32_t kMaskNorm = 0x3FF;  // CharFlag + kNorm* bits that describe a variant

bool IsLatin(unsigned char c) { return c >= 'a' && c <= 'z'; }

struct HanName {
  uint32_t entry;
  std::vector<char32_t> chars;
  std::vector<std::vector<uint16_t>> readings;
  std::vector<std::vector<uint16_t>> nears;
  std::vector<char32_t> reps;
};

// An adjacent pair of a name's characters (j, j+1), indexed by the pair's
// near-homophone classes; `reversed`: indexed as (j+1, j), for one swap.
struct Anchor {
  uint32_t name;
  uint8_t j;
  bool reversed;
};

void PushUnique(std::vector<uint16_t>& v, uint16_t x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

std::vector<std::string> VariantNames(uint32_t bits) {
  static const std::pair<uint32_t, const char*> kNames[] = {{kFlagWidth, "width"},
                                                            {kFlagStyled, "styled"},
                                                            {kFlagCase, "case"},
                                                            {kFlagDiacritic, "diacritic"},
                                                            {kFlagHomoglyph, "homoglyph"},
                                                            {kFlagTraditional, "traditional"},
                                                            {kNormLeet, "leetspeak"},
                                                            {kNormSeparator, "separator"},
                                                            {kNormZeroWidth, "zero_width"},
                                                            {kNormRepeat, "repeat"},
                                                            {kVarHomophone, "homophone"},
                                                            {kVarNearHomophone, "near_homophone"},
                                                            {kVarPinyin, "pinyin"},
                                                            {kVarInitials, "pinyin_initials"},
                                                            {kVarInitial, "initial"},
                                                            {kVarShape, "shape"},
                                                            {kVarReorder, "reorder"},
                                                            {kVarInsertion, "insertion"},
                                                            {kVarMixedScript, "mixed_script"}};
  std::vector<std::string> out;
  for (auto [bit, name] : kNames)
    if (bits & bit) out.emplace_back(name);
  if (out.empty()) out.emplace_back("exact");
  return out;
}

struct NameDictionary::Impl {
  hs_database_t* db = nullptr;
  hs_scratch_t* proto = nullptr;
  struct Literal {
    uint32_t entry;
    uint32_t length;
    bool word_left, word_right;  // Latin edge: needs a word boundary
    uint16_t own_flags;          // flags the registered spelling itself carries
    uint32_t text_length;        // bytes of the registered spelling's text, spaces excluded
  };
  std::vector<Literal> literals;
  std::vector<HanName> han;
  // Anchors by (a character as written, the near class of its neighbour):
  // by_first holds pairs whose first text character is as written, by_second
  // pairs whose second is; latin holds (near, near) pairs for text with
  // Latin units.
  std::unordered_map<uint64_t, std::vector<Anchor>> by_first, by_second;
  std::unordered_map<uint32_t, std::vector<Anchor>> latin;
  // Bit filter over by_first/by_second keys: most text pairs miss both maps.
  static constexpr uint64_t kBloomBits = 1ull << 22;
  std::vector<uint64_t> bloom = std::vector<uint64_t>(kBloomBits / 64, 0);
  static uint64_t BloomHash(uint64_t key, bool second) {
    return ((key ^ (second ? 0x9E3779B97F4A7C15ull : 0)) * 0xBF58476D1CE4E5B9ull) >> 42;
  }
  void Mark(uint64_t key, bool second) {
    const uint64_t h = BloomHash(key, second);
    bloom[h >> 6] |= 1ull << (h & 63);
  }
  bool MayHave(uint64_t key, bool second) const {
    const uint64_t h = BloomHash(key, second);
    return bloom[h >> 6] >> (h & 63) & 1;
  }
  std::unordered_map<std::string, std::vector<uint32_t>> initials;
  std::vector<uint16_t> nears_by_letter[26];
  size_t near_count = 0;

  ~Impl() {
    if (proto) hs_free_scratch(proto);
    if (db) hs_free_database(db);
  }

  uint32_t Key(uint16_t a, uint16_t b) const { return a * static_cast<uint32_t>(near_count) + b; }
  static uint64_t CharKey(char32_t c, uint16_t near) {
    return (static_cast<uint64_t>(c) << 16) | near;
  }

  template <typename Map, typename K>
  static void AddAnchor(Map& map, K key, Anchor anchor) {
    auto& v = map[key];
    for (const Anchor& x : v)
      if (x.name == anchor.name && x.j == anchor.j && x.reversed == anchor.reversed) return;
    v.push_back(anchor);
  }
};

NameDictionary::~NameDictionary() = default;
NameDictionary::Scratch::~Scratch() {
  if (hs) hs_free_scratch(static_cast<hs_scratch_t*>(hs));
}

Result<std::unique_ptr<NameDictionary>> NameDictionary::Build(std::vector<DictEntry> entries,
                                                              bool phonetic) {
  std::unique_ptr<NameDictionary> d(new NameDictionary());
  d->entries_ = std::move(entries);
  d->impl_ = std::make_unique<Impl>();
  Impl& m = *d->impl_;
  m.near_count = NearClassCount();
  for (size_t s = 0; s < SyllableCount(); ++s) {
    const char c = InitialOf(static_cast<uint16_t>(s));
    if (c >= 'a' && c <= 'z')
      PushUnique(m.nears_by_letter[c - 'a'], NearClass(static_cast<uint16_t>(s)));
  }

  std::vector<std::string> keys;
  std::unordered_map<std::string, bool> seen;
  for (uint32_t e = 0; e < d->entries_.size(); ++e) {
    const NormalizedText n = Normalize(d->entries_[e].registered);
    if (n.key.empty()) continue;
    // Exact layer literal.
    std::string dedupe = std::to_string(d->entries_[e].owner) + '\x1f' + n.key;
    if (seen.emplace(dedupe, true).second) {
      uint16_t own = 0;
      for (uint16_t f : n.key_flags) own |= f;
      const auto text_length =
          static_cast<uint32_t>(n.text.size() - std::count(n.text.begin(), n.text.end(), ' '));
      m.literals.push_back({e, static_cast<uint32_t>(n.key.size()),
                            IsLatin(static_cast<unsigned char>(n.key.front())),
                            IsLatin(static_cast<unsigned char>(n.key.back())), own, text_length});
      keys.push_back(n.key);
    }
    // Phonetic layer: names written only in Han characters, 2+ of them.
    if (!phonetic) continue;
    HanName h{e, {}, {}, {}, {}};
    bool all_han = true;
    for (size_t pos = 0; pos < n.text.size();) {
      const char32_t c = utf8::Next(n.text, pos);
      if (ClassOf(c) != CharClass::kHan || Readings(c).empty()) {
        all_han = false;
        break;
      }
      h.chars.push_back(c);
      h.reps.push_back(VariantRep(c));
      std::vector<uint16_t> r(Readings(c).begin(), Readings(c).end()), nr;
      for (uint16_t s : r) PushUnique(nr, NearClass(s));
      h.readings.push_back(std::move(r));
      h.nears.push_back(std::move(nr));
    }
    if (!all_han || h.chars.size() < 2 || h.chars.size() > 12) continue;
    const uint32_t idx = static_cast<uint32_t>(m.han.size());
    // Every adjacent pair is an anchor: a match keeps at least one pair
    // with a character as written (or in Latin letters) next to its
    // neighbour, wherever the disguise is.
    for (size_t j = 0; j + 1 < h.chars.size(); ++j) {
      const auto jj = static_cast<uint8_t>(j);
      const bool swaps = h.chars.size() >= 3;
      for (uint16_t b : h.nears[j + 1]) {
        Impl::AddAnchor(m.by_first, Impl::CharKey(h.chars[j], b), {idx, jj, false});
        m.Mark(Impl::CharKey(h.chars[j], b), false);
        if (swaps) {
          Impl::AddAnchor(m.by_second, Impl::CharKey(h.chars[j], b), {idx, jj, true});
          m.Mark(Impl::CharKey(h.chars[j], b), true);
        }
      }
      for (uint16_t a : h.nears[j]) {
        Impl::AddAnchor(m.by_second, Impl::CharKey(h.chars[j + 1], a), {idx, jj, false});
        m.Mark(Impl::CharKey(h.chars[j + 1], a), true);
        if (swaps) {
          Impl::AddAnchor(m.by_first, Impl::CharKey(h.chars[j + 1], a), {idx, jj, true});
          m.Mark(Impl::CharKey(h.chars[j + 1], a), false);
        }
        for (uint16_t b : h.nears[j + 1]) Impl::AddAnchor(m.latin, m.Key(a, b), {idx, jj, false});
      }
    }
    if (h.chars.size() >= 3 && h.chars.size() <= 6) {
      // Initials of every reading combination (capped).
      std::vector<std::string> combos = {""};
      for (const auto& rs : h.readings) {
        std::vector<std::string> next;
        for (const auto& prefix : combos)
          for (uint16_t s : rs) {
            std::string p = prefix + InitialOf(s);
            if (std::find(next.begin(), next.end(), p) == next.end()) next.push_back(p);
          }
        combos = std::move(next);
        if (combos.size() > 16) combos.resize(16);
      }
      for (const auto& c : combos) m.initials[c].push_back(idx);
    }
    m.han.push_back(std::move(h));
  }

  if (!keys.empty()) {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags(keys.size(), 0), ids;
    for (size_t i = 0; i < keys.size(); ++i) {
      exprs.push_back(keys[i].data());
      lens.push_back(keys[i].size());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &m.db,
                             &err) != HS_SUCCESS) {
      std::string message = std::string("name dictionary does not compile: ") +
                            (err && err->message ? err->message : "unknown error");
      hs_free_compile_error(err);
      return Status::Error(message);
    }
    if (hs_alloc_scratch(m.db, &m.proto) != HS_SUCCESS)
      return Status::Error("cannot allocate Hyperscan scratch space");
  }
  return d;
}

std::unique_ptr<NameDictionary::Scratch> NameDictionary::NewScratch() const {
  auto s = std::unique_ptr<Scratch>(new Scratch());
  if (impl_->proto) {
    hs_scratch_t* h = nullptr;
    if (hs_clone_scratch(impl_->proto, &h) == HS_SUCCESS) s->hs = h;
  }
  return s;
}

size_t NameDictionary::MemoryBytes() const {
  size_t bytes = 0;
  if (impl_->db) hs_database_size(impl_->db, &bytes);
  for (const auto& h : impl_->han) bytes += sizeof(HanName) + h.chars.size() * 24;
  for (const auto* map : {&impl_->by_first, &impl_->by_second})
    for (const auto& [k, v] : *map) bytes += 48 + v.capacity() * sizeof(Anchor);
  for (const auto& [k, v] : impl_->latin) bytes += 48 + v.capacity() * sizeof(Anchor);
  bytes += impl_->bloom.size() * 8;
  bytes += impl_->initials.size() * 64 + entries_.size() * (sizeof(DictEntry) + 16);
  return bytes;
}

namespace {

int OnHit(unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
  static_cast<std::vector<std::pair<uint32_t, uint32_t>>*>(ctx)->emplace_back(
      id, static_cast<uint32_t>(to));
  return 0;
}

// Only spaces between two units: they are read as one run.
bool Adjacent(const NormalizedText& t, const PhoneticUnit& a, const PhoneticUnit& b) {
  for (uint32_t i = a.end; i < b.begin; ++i)
    if (t.text[i] != ' ') return false;
  return a.end <= b.begin;
}

struct PairScore {
  double q = 0;
  uint32_t bits = 0;
};

PairScore Pair(const HanName& h, size_t j, const PhoneticUnit& u) {
  auto has = [](const std::vector<uint16_t>& v, uint16_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  switch (u.kind) {
    case PhoneticUnit::kHan: {
      if (u.ch == h.chars[j]) return {kQExact, 0};
      // Cheap test first: does any reading share a near-homophone class?
      bool near = false;
      const auto classes = NearClasses(u.ch);
      if (!classes.empty()) {
        for (uint16_t c : classes) near = near || has(h.nears[j], c);
      } else {
        for (uint16_t s : Readings(u.ch)) near = near || has(h.nears[j], NearClass(s));
      }
      if (VariantRep(u.ch) == h.reps[j]) return {kQShape, kVarShape};
      if (!near) return {};
      for (uint16_t s : Readings(u.ch))
        if (has(h.readings[j], s)) return {kQHomophone, kVarHomophone};
      return {kQNear, kVarNearHomophone};
    }
    case PhoneticUnit::kLatinSyllable:
      if (has(h.readings[j], u.syllable)) return {kQPinyin, kVarPinyin};
      if (has(h.nears[j], NearClass(u.syllable)))
        return {kQNearPinyin, kVarPinyin | kVarNearHomophone};
      return {};
    case PhoneticUnit::kLatinInitial:
      for (uint16_t s : h.readings[j])
        if (InitialOf(s) == static_cast<char>(u.ch)) return {kQInitial, kVarInitial};
      return {};
  }
  return {};
}

struct Alignment {
  double total = -1;
  uint32_t bits = 0;
  size_t end_unit = 0;  // one past the last unit
  int exact = 0, latin = 0, near = 0, initial = 0, han = 0;
};

class Aligner {
 public:
  Aligner(const NormalizedText& t, const HanName& h) : t_(t), u_(t.units), h_(h) {}

  // Best alignment of the whole name starting at unit k, with at most one
  // edit (swap or insertion) for names of 3+ characters.
  Alignment Run(size_t k) {
    Alignment cur, best;
    Step(0, k, h_.chars.size() >= 3 ? 1 : 0, cur, best);
    return best;
  }

 private:
  void Take(Alignment& a, const PairScore& p, const PhoneticUnit& u) {
    a.total += p.q;
    a.bits |= p.bits;
    if (p.q == kQExact && u.kind == PhoneticUnit::kHan) ++a.exact;
    if (u.kind == PhoneticUnit::kLatinSyllable) ++a.latin;
    if (u.kind == PhoneticUnit::kLatinInitial) ++a.initial;
    if (u.kind == PhoneticUnit::kHan) ++a.han;
    if (p.bits & kVarNearHomophone) ++a.near;
  }

  void Step(size_t j, size_t k, int edits, Alignment cur, Alignment& best) {
    const size_t n = h_.chars.size();
    if (j == n) {
      cur.end_unit = k;
      if (cur.total > best.total) best = cur;
      return;
    }
    if (k >= u_.size() || (j > 0 && !Adjacent(t_, u_[k - 1], u_[k]))) return;
    const PairScore p = Pair(h_, j, u_[k]);
    if (p.q > 0) {
      Alignment next = cur;
      if (j == 0) next.total = 0;
      Take(next, p, u_[k]);
      Step(j + 1, k + 1, edits, next, best);
    }
    if (edits == 0) return;
    // One swapped pair: name j, j+1 read as units k+1, k.
    if (j + 1 < n && k + 1 < u_.size() && Adjacent(t_, u_[k], u_[k + 1])) {
      const PairScore a = Pair(h_, j, u_[k + 1]), b = Pair(h_, j + 1, u_[k]);
      if (a.q >= kQHomophone && b.q >= kQHomophone) {
        Alignment next = cur;
        if (j == 0) next.total = 0;
        Take(next, a, u_[k + 1]);
        Take(next, b, u_[k]);
        next.bits |= kVarReorder;
        Step(j + 2, k + 2, 0, next, best);
      }
    }
    // One inserted character inside the name.
    if (j > 0 && j < n && u_[k].kind == PhoneticUnit::kHan) {
      Alignment next = cur;
      next.bits |= kVarInsertion;
      Step(j, k + 1, 0, next, best);
    }
  }

  const NormalizedText& t_;
  const std::vector<PhoneticUnit>& u_;
  const HanName& h_;
};

}  // namespace

void NameDictionary::Scan(const NormalizedText& t, Scratch& scratch,
                          std::vector<NameMatch>& out) const {
  const Impl& m = *impl_;
  // 1. Exact layer over the key.
  if (m.db && scratch.hs && !t.key.empty()) {
    scratch.hits.clear();
    hs_scan(m.db, t.key.data(), static_cast<unsigned>(t.key.size()), 0,
            static_cast<hs_scratch_t*>(scratch.hs), &OnHit, &scratch.hits);
    for (auto [id, to] : scratch.hits) {
      const Impl::Literal& lit = m.literals[id];
      const uint32_t from = to - lit.length;
      if (lit.word_left && from > 0 && !(t.key_flags[from] & kNormBoundary) &&
          IsLatin(static_cast<unsigned char>(t.key[from - 1])))
        continue;
      if (lit.word_right && to < t.key.size() && !(t.key_flags[to] & kNormBoundary)) continue;
      uint32_t bits = 0;
      for (uint32_t i = from; i < to; ++i) bits |= t.key_flags[i];
      // What happened before the first character is not part of the match.
      bits &= ~static_cast<uint32_t>(kNormBoundary);
      if (!(t.key_flags[from] & kNormRepeat)) {
        uint32_t inner = 0;
        for (uint32_t i = from + 1; i < to; ++i) inner |= t.key_flags[i];
        bits = (bits & ~static_cast<uint32_t>(kNormSeparator | kNormZeroWidth)) |
               (inner & (kNormSeparator | kNormZeroWidth));
      }
      bits &= kMaskNorm & ~static_cast<uint32_t>(lit.own_flags & (kFlagCase | kFlagWidth));
      auto [b, e] = t.KeyToText(from, to);
      if (lit.own_flags & kNormRepeat) {
        // The registered name repeats letters itself (GUCCI): a repeat only
        // when the text has more letters than the name.
        const auto span =
            static_cast<uint32_t>(e - b - std::count(t.text.begin() + b, t.text.begin() + e, ' '));
        if (span <= lit.text_length) bits &= ~static_cast<uint32_t>(kNormRepeat);
      }
      const DictEntry& de = entries_[lit.entry];
      out.push_back({lit.entry, de.owner, static_cast<uint32_t>(b), static_cast<uint32_t>(e), 1.0,
                     bits, static_cast<unsigned char>(t.key[from]) >= 0x80});
    }
  }
  // 2. Phonetic layer.
  const auto& u = t.units;
  if (!m.han.empty() && u.size() >= 2) {
    auto& tried = scratch.candidates;
    tried.clear();
    auto nears = [&](const PhoneticUnit& x, std::vector<uint16_t>& v) {
      v.clear();
      if (x.kind == PhoneticUnit::kHan) {
        const auto cached = NearClasses(x.ch);
        if (!cached.empty()) {
          v.assign(cached.begin(), cached.end());
          return;
        }
        for (uint16_t s : Readings(x.ch)) PushUnique(v, NearClass(s));
      } else if (x.kind == PhoneticUnit::kLatinSyllable) {
        v.push_back(NearClass(x.syllable));
      } else {
        v = m.nears_by_letter[x.ch - 'a'];
      }
    };
    auto& na = scratch.near_a;
    auto& nb = scratch.near_b;
    auto verify = [&](uint32_t name, size_t start) {
      const HanName& h = m.han[name];
      Alignment a = Aligner(t, h).Run(start);
      if (a.total < 0) return;
      const size_t n = h.chars.size();
      const int strong = a.exact + a.latin;
      if (a.exact == static_cast<int>(n) && !(a.bits & (kVarReorder | kVarInsertion))) return;
      if (strong == 0) return;
      // Near-homophones only in names of 3+ characters, at most one, beside
      // at least two characters as written.
      if (a.near > 1 || (a.near > 0 && (n < 3 || a.exact < 2))) return;
      if (a.initial > (n >= 3 ? 1 : 1) || (a.initial > 0 && a.han == 0)) return;
      if ((a.bits & (kVarReorder | kVarInsertion)) && a.near > 0) return;
      const PhoneticUnit& first = u[start];
      const PhoneticUnit& last = u[a.end_unit - 1];
      // Pinyin spelled in Latin letters must be whole words.
      if (first.kind == PhoneticUnit::kLatinSyllable && !first.token_start) return;
      if (last.kind == PhoneticUnit::kLatinSyllable && !last.token_end) return;
      uint32_t bits = a.bits;
      if (a.han > 0 && (a.latin + a.initial) > 0) bits |= kVarMixedScript;
      if (a.latin + a.initial == 0 && a.exact < static_cast<int>(n)) {
        // An ordinary word is not a disguise.
        const WordInfo w =
            LookupWord(std::string_view(t.text).substr(first.begin, last.end - first.begin));
        if (w.freq >= kOrdinaryWordFreq && w.pos.substr(0, 2) != "nr" && w.pos != "nz") return;
      }
      for (uint32_t i = first.begin; i < last.end; ++i) bits |= t.flags[i] & kMaskNorm & ~kFlagCase;
      if (!(t.flags[first.begin] & kNormRepeat)) {
        uint32_t inner = 0;
        for (uint32_t i = first.begin + 1; i < last.end; ++i) inner |= t.flags[i];
        bits = (bits & ~static_cast<uint32_t>(kNormSeparator | kNormZeroWidth)) |
               (inner & (kNormSeparator | kNormZeroWidth));
      }
      double q = a.total / static_cast<double>(n);
      if (bits & (kVarReorder | kVarInsertion)) q *= kEditFactor;
      out.push_back({h.entry, entries_[h.entry].owner, first.begin, last.end, q, bits, true});
    };
    for (size_t i = 0; i + 1 < u.size(); ++i) {
      if (!Adjacent(t, u[i], u[i + 1])) continue;
      const PhoneticUnit &x = u[i], &y = u[i + 1];
      if (x.kind == PhoneticUnit::kLatinInitial && y.kind == PhoneticUnit::kLatinInitial) continue;
      const bool latin = x.kind != PhoneticUnit::kHan || y.kind != PhoneticUnit::kHan;
      auto visit = [&](const std::vector<Anchor>& anchors) {
        for (const Anchor& an : anchors) {
          if (i < an.j) continue;
          const size_t start = i - an.j;
          tried.emplace_back(an.name, static_cast<uint32_t>(start));
          // One character inserted before this pair.
          if (!an.reversed && an.j > 0 && start > 0 && m.han[an.name].chars.size() >= 3)
            tried.emplace_back(an.name, static_cast<uint32_t>(start - 1));
        }
      };
      nears(x, na);
      nears(y, nb);
      if (!latin) {
        for (uint16_t b : nb) {
          const uint64_t key = Impl::CharKey(x.ch, b);
          if (!m.MayHave(key, false)) continue;
          if (auto it = m.by_first.find(key); it != m.by_first.end()) visit(it->second);
        }
        for (uint16_t a : na) {
          const uint64_t key = Impl::CharKey(y.ch, a);
          if (!m.MayHave(key, true)) continue;
          if (auto it = m.by_second.find(key); it != m.by_second.end()) visit(it->second);
        }
      } else {
        for (uint16_t a : na)
          for (uint16_t b : nb)
            if (auto it = m.latin.find(m.Key(a, b)); it != m.latin.end()) visit(it->second);
      }
    }
    // Each (name, start) candidate once.
    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end()), tried.end());
    for (auto [name, start] : tried) verify(name, start);
  }
  // 3. Pinyin initials: a short Latin word that is not pinyin.
  if (!m.initials.empty()) {
    const std::string& s = t.text;
    std::vector<uint16_t> syl;
    std::vector<uint8_t> ends;
    for (size_t pos = 0; pos < s.size();) {
      if (!IsLatin(static_cast<unsigned char>(s[pos]))) {
        ++pos;
        continue;
      }
      size_t end = pos + 1;
      while (end < s.size() && IsLatin(static_cast<unsigned char>(s[end])) &&
             !(t.flags[end] & kNormSeparator))
        ++end;
      const size_t len = end - pos;
      const bool bounded = end >= s.size() || !(static_cast<unsigned char>(s[end]) >= '0' &&
                                                static_cast<unsigned char>(s[end]) <= '9');
      if (len >= 3 && len <= 6 && bounded) {
        const std::string word = s.substr(pos, len);
        auto it = m.initials.find(word);
        if (it != m.initials.end() && !SegmentPinyin(word, syl, ends)) {
          for (uint32_t name : it->second) {
            const uint32_t e = m.han[name].entry;
            uint32_t bits = kVarInitials;
            for (size_t i = pos + 1; i < end; ++i) bits |= t.flags[i] & kMaskNorm & ~kFlagCase;
            out.push_back({e, entries_[e].owner, static_cast<uint32_t>(pos),
                           static_cast<uint32_t>(end), kQInitials, bits, true});
          }
        }
      }
      pos = end;
    }
  }
}

}  // namespace ipguard::text
