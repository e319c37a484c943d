#include "text/name_dictionary.h"

#include <hs.h>

#include <algorithm>
#include <span>
#include <string_view>
#include <unordered_map>

#include "core/utf8.h"
#include "text/char_table.h"
#include "text/huge_page_allocator.h"
#include "text/pinyin.h"
#include "text/string_bloom.h"

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

// Bytes of the UTF-8 sequence that starts with `lead` (1 for a stray
// continuation byte).
uint32_t Utf8Length(char lead) {
  const auto c = static_cast<unsigned char>(lead);
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

// The Hyperscan id of a literal carries what the match callback needs, so
// that a hit costs no lookup in a per-literal table (those tables are cold:
// the Hyperscan database evicts them): bits 0-1 its Latin edges (left,
// right: the edge needs a word boundary), bits 2-7 its length in key bytes
// (kHitLongLength: 63 or more, read from the literal), bits 8-31 its index.
constexpr unsigned kHitLongLength = 63;
constexpr uint32_t kHitIndexMax = (1u << 24) - 1;
unsigned HitId(uint32_t index, uint32_t length, bool left, bool right) {
  return index << 8 | std::min<uint32_t>(length, kHitLongLength) << 2 |
         static_cast<unsigned>(right) << 1 | static_cast<unsigned>(left);
}
uint32_t HitIndex(unsigned id) { return id >> 8; }

// A few syllable or near-class ids held inline (a Han character has at most
// 8 toneless readings in Unihan), so that the alignment reads one contiguous
// array per name instead of a heap vector per character.
struct SmallSet {
  uint8_t n = 0;
  uint16_t v[8];
  bool Has(uint16_t x) const {
    for (uint8_t i = 0; i < n; ++i)
      if (v[i] == x) return true;
    return false;
  }
  void Add(uint16_t x) {
    if (n < 8 && !Has(x)) v[n++] = x;
  }
  const uint16_t* begin() const { return v; }
  const uint16_t* end() const { return v + n; }
};

// One character of a Han name with what the alignment compares: its
// Unihan variant representative, readings and their near classes, in one
// contiguous block per name (one cache line or two per candidate).
struct HanChar {
  char32_t ch;
  char32_t rep;
  SmallSet readings;
  SmallSet nears;
};

// A Han name while the dictionary is built.
struct HanDraft {
  uint32_t entry;
  std::vector<HanChar> c;
  size_t size() const { return c.size(); }
};

// A Han name of the built dictionary: its characters lie in one flat array
// for all names (Impl::han_chars, in 2 MB pages), so that the candidates of
// a scan cost a cache miss each and no TLB miss.
struct HanName {
  uint32_t entry;
  std::span<const HanChar> c;
  size_t size() const { return c.size(); }
};

// An adjacent pair of a name's characters (j, j+1), indexed by the pair's
// near-homophone classes; `reversed`: indexed as (j+1, j), for one swap.
// `other` is the name's character on the pair's other side (the one the
// key holds only by its near class) and `len` the name's length, so that a
// text pair can be judged without touching the name itself.
struct Anchor {
  uint32_t name;
  uint8_t j;
  bool reversed;
  uint8_t len;
  // 2-character names: the name's other character. 3-character names: the
  // CharMask of the character outside the anchor, so that most candidates
  // are rejected without reading the name. Longer names: 0.
  char32_t other;
};

// A 32-bit signature of what CouldPair (below) compares: one bit per near
// class and one for the variant representative (any unit that could pair
// with a character shares a bit with its mask; the converse is only likely).
uint32_t NearBit(uint16_t near) { return 1u << ((near * 2654435761u) >> 27); }
uint32_t RepBit(char32_t rep) { return 1u << (((rep ^ 0x5BD1E995u) * 2654435761u) >> 27); }

uint32_t CharMask(const HanChar& c) {
  uint32_t m = RepBit(c.rep);
  for (uint16_t x : c.nears) m |= NearBit(x);
  return m;
}

// Tags of a character for the Han anchors: each of its readings, and its
// Unihan variant group when it has other members. A homophone shares a
// reading tag with the name character, a shape variant its group tag.
constexpr uint32_t kGroupTag = 0x80000000u;
template <typename F>
void ForEachTag(const HanChar& c, F&& f) {
  for (uint16_t s : c.readings) f(static_cast<uint32_t>(s));
  if (HasVariants(c.ch)) f(kGroupTag | static_cast<uint32_t>(c.rep));
}

void PushUnique(std::vector<uint16_t>& v, uint16_t x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// Open-addressing hash table from a 64-bit key to a run of anchors, frozen
// from the build-time map: a lookup is one linear probe over a flat array
// (the node-based map cost a pointer chase per lookup, and every text pair
// looks up several keys).
class AnchorTable {
 public:
  void Build(const std::unordered_map<uint64_t, std::vector<Anchor>>& src) {
    size_t cap = 16;
    while (cap < src.size() * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    anchors_.clear();
    size_t total = 0;
    for (const auto& kv : src) total += kv.second.size();
    anchors_.reserve(total);
    for (const auto& [key, v] : src) {
      if (v.empty()) continue;
      size_t i = Hash(key) & mask_;
      while (slots_[i].count) i = (i + 1) & mask_;
      slots_[i] = {key, static_cast<uint32_t>(anchors_.size()), static_cast<uint32_t>(v.size())};
      anchors_.insert(anchors_.end(), v.begin(), v.end());
    }
  }
  // Starts loading the slot where Find(key) begins.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Hash(key) & mask_]);
  }
  // The anchors under `key` (empty when none).
  std::span<const Anchor> Find(uint64_t key) const {
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.count == 0) return {};
      if (s.key == key) return {anchors_.data() + s.offset, s.count};
    }
  }
  bool empty() const { return anchors_.empty(); }
  size_t MemoryBytes() const {
    return slots_.capacity() * sizeof(Slot) + anchors_.capacity() * sizeof(Anchor);
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t offset = 0, count = 0;  // count 0: empty slot
  };
  // A full 64-bit mix: a plain multiply leaves the slot index (its middle
  // bits) blind to most of the character's bits, and keys of one reading
  // then cluster into long probe runs.
  static uint64_t Hash(uint64_t key) {
    key ^= key >> 33;
    key *= 0xFF51AFD7ED558CCDull;
    key ^= key >> 33;
    return key;
  }
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<Anchor, HugePageAllocator<Anchor>> anchors_;
  size_t mask_ = 0;
};

// Transparent string hashing, so that a word of the text is looked up as a
// string_view without building a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameIdsByString =
    std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>>;

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
    uint32_t owner;        // entries[entry].owner (read per match without touching the entry)
    uint32_t length;       // key bytes
    uint32_t text_length;  // bytes of the registered spelling's text, spaces excluded
    uint16_t own_flags;    // flags the registered spelling itself carries
    bool han;              // the key starts with a Han (non-ASCII) byte
  };
  std::vector<Literal> literals;
  // Per literal, its length in key bytes: the Hyperscan callback reads it
  // only for literals too long for their id (see HitId).
  std::vector<uint32_t> lit_length;
  std::vector<HanName, HugePageAllocator<HanName>> han;
  std::vector<HanChar, HugePageAllocator<HanChar>> han_chars;  // what `han` spans
  // Anchors of Han text pairs, keyed by PairKey(a character as written,
  // a tag of its neighbour: one reading, or its variant group): by_first
  // holds pairs whose first text character is as written, by_second pairs
  // whose second is; skip holds the outer characters of 3-character names
  // (both as written, one unit apart); latin holds (near, near) pairs for
  // text with Latin units.
  AnchorTable by_first, by_second, skip, latin;
  // Bit filter over the by_first, by_second and skip keys: most text pairs
  // miss all three.
  enum Table : uint64_t { kFirst = 0, kSecond = 1, kSkip = 2 };
  // Blocked: both bits of a key in one 64-bit word, so a probe costs one
  // cache miss at the false-positive rate of a two-hash filter.
  static constexpr uint64_t kBloomBits = 1ull << 22;
  std::vector<uint64_t, HugePageAllocator<uint64_t>> bloom =
      std::vector<uint64_t, HugePageAllocator<uint64_t>>(kBloomBits / 64, 0);
  static uint64_t BloomHash(uint64_t key, Table table) {
    uint64_t h = (key ^ (table * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  }
  static size_t BloomWord(uint64_t h) { return h >> 48; }  // 2^16 words
  static uint64_t BloomMask(uint64_t h) { return (1ull << (h & 63)) | (1ull << ((h >> 6) & 63)); }
  void Mark(uint64_t key, Table table) {
    const uint64_t h = BloomHash(key, table);
    bloom[BloomWord(h)] |= BloomMask(h);
  }
  void Prefetch(uint64_t key, Table table) const {
    __builtin_prefetch(&bloom[BloomWord(BloomHash(key, table))]);
  }
  bool MayHave(uint64_t key, Table table) const {
    const uint64_t h = BloomHash(key, table);
    const uint64_t mask = BloomMask(h);
    return (bloom[BloomWord(h)] & mask) == mask;
  }
  NameIdsByString initials;
  // Whole-word full pinyin of names of 2-6 characters (every reading
  // combination, capped): catches spellings whose syllables merge (di+ao =
  // diao) where the phonetic stream segments otherwise.
  NameIdsByString full_pinyin;
  // Every key of `initials` and `full_pinyin`: most Latin words are neither.
  StringBloom latin_words{22};
  std::vector<uint16_t> nears_by_letter[26];
  size_t near_count = 0;
  // One bit per Key(a, b) of `latin` (a small dense key space): a pair
  // with a Latin unit tries many keys (every near class a lone initial may
  // stand for), and most are in no name.
  std::vector<uint64_t> latin_keys;
  bool HasLatin(uint32_t key) const { return latin_keys[key >> 6] >> (key & 63) & 1; }

  ~Impl() {
    if (proto) hs_free_scratch(proto);
    if (db) hs_free_database(db);
  }

  uint32_t Key(uint16_t a, uint16_t b) const { return a * static_cast<uint32_t>(near_count) + b; }
  // A character as written and a tag (TagOfReading, TagOfGroup) or a
  // second character.
  static uint64_t PairKey(char32_t c, uint32_t tag) {
    return (static_cast<uint64_t>(c) << 32) | tag;
  }

  template <typename Map, typename K>
  static void AddAnchor(Map& map, K key, Anchor anchor) {
    auto& v = map[key];
    for (const Anchor& x : v)
      if (x.name == anchor.name && x.j == anchor.j && x.reversed == anchor.reversed &&
          x.other == anchor.other)
        return;
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
  std::vector<unsigned> hit_ids;  // per key, its Hyperscan id (HitId)
  std::unordered_map<std::string, bool> seen;
  // Anchor maps while building; frozen into flat tables at the end.
  std::unordered_map<uint64_t, std::vector<Anchor>> by_first, by_second, skip, latin;
  std::vector<HanDraft> drafts;
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
      const auto length = static_cast<uint32_t>(n.key.size());
      const auto index = static_cast<uint32_t>(m.literals.size());
      if (index > kHitIndexMax) return Status::Error("name dictionary: too many names");
      m.literals.push_back({e, d->entries_[e].owner, length, text_length, own,
                            static_cast<unsigned char>(n.key.front()) >= 0x80});
      m.lit_length.push_back(length);
      keys.push_back(n.key);
      hit_ids.push_back(HitId(index, length, IsLatin(static_cast<unsigned char>(n.key.front())),
                              IsLatin(static_cast<unsigned char>(n.key.back()))));
    }
    // Phonetic layer: names written only in Han characters, 2+ of them.
    if (!phonetic) continue;
    HanDraft h{e, {}};
    bool all_han = true;
    for (size_t pos = 0; pos < n.text.size();) {
      const char32_t c = utf8::Next(n.text, pos);
      if (ClassOf(c) != CharClass::kHan || Readings(c).empty()) {
        all_han = false;
        break;
      }
      SmallSet r, nr;
      for (uint16_t s : Readings(c)) r.Add(s);
      for (uint16_t s : r) nr.Add(NearClass(s));
      h.c.push_back({c, VariantRep(c), r, nr});
    }
    if (!all_han || h.size() < 2 || h.size() > 12) continue;
    const uint32_t idx = static_cast<uint32_t>(drafts.size());
    // Anchors (docs/text.md, "phonetic layer"): every adjacent pair (j, j+1)
    // under one character as written and each reading of its neighbour (and
    // the neighbour's variant group, when it has one), both ways round for
    // names of 3+ characters (swaps). Every accepted Han-only alignment but
    // one shape holds such a pair: a homophone or shape variant beside a
    // character as written; a near-homophone needs two characters as written
    // and a name of 3+, so a longer name keeps an as-written pair apart from
    // it, and the one exception, a 3-character name whose middle character
    // is the near-homophone (E N E), anchors on its outer characters.
    for (size_t j = 0; j + 1 < h.size(); ++j) {
      const auto jj = static_cast<uint8_t>(j);
      const auto len = static_cast<uint8_t>(h.size());
      const char32_t cj = h.c[j].ch, cn = h.c[j + 1].ch;
      // What the anchor's `other` holds (see Anchor).
      char32_t other_j = cj, other_n = cn;
      if (len == 3) other_j = other_n = CharMask(h.c[j == 0 ? 2 : 0]);
      if (len > 3) other_j = other_n = 0;
      const bool swaps = h.size() >= 3;
      ForEachTag(h.c[j + 1], [&](uint32_t tag) {
        Impl::AddAnchor(by_first, Impl::PairKey(cj, tag), {idx, jj, false, len, other_n});
        m.Mark(Impl::PairKey(cj, tag), Impl::kFirst);
        if (swaps) {
          Impl::AddAnchor(by_second, Impl::PairKey(cj, tag), {idx, jj, true, len, other_n});
          m.Mark(Impl::PairKey(cj, tag), Impl::kSecond);
        }
      });
      ForEachTag(h.c[j], [&](uint32_t tag) {
        Impl::AddAnchor(by_second, Impl::PairKey(cn, tag), {idx, jj, false, len, other_j});
        m.Mark(Impl::PairKey(cn, tag), Impl::kSecond);
        if (swaps) {
          Impl::AddAnchor(by_first, Impl::PairKey(cn, tag), {idx, jj, true, len, other_j});
          m.Mark(Impl::PairKey(cn, tag), Impl::kFirst);
        }
      });
      for (uint16_t a : h.c[j].nears)
        for (uint16_t b : h.c[j + 1].nears)
          Impl::AddAnchor(latin, m.Key(a, b), {idx, jj, false, len, len == 3 ? other_j : 0});
    }
    if (h.size() == 3) {
      const uint64_t key = Impl::PairKey(h.c[0].ch, h.c[2].ch);
      Impl::AddAnchor(skip, key, {idx, 0, false, 3, CharMask(h.c[1])});
      m.Mark(key, Impl::kSkip);
    }
    if (h.size() >= 3 && h.size() <= 6) {
      // Initials of every reading combination (capped).
      std::vector<std::string> combos = {""};
      for (const HanChar& hc : h.c) {
        const SmallSet& rs = hc.readings;
        std::vector<std::string> next;
        for (const auto& prefix : combos)
          for (uint16_t s : rs) {
            std::string p = prefix + InitialOf(s);
            if (std::find(next.begin(), next.end(), p) == next.end()) next.push_back(p);
          }
        combos = std::move(next);
        if (combos.size() > 16) combos.resize(16);
      }
      for (const auto& c : combos) {
        m.initials[c].push_back(idx);
        m.latin_words.Add(c);
      }
    }
    if (h.size() <= 6) {
      std::vector<std::string> spellings = {""};
      for (const HanChar& hc : h.c) {
        const SmallSet& rs = hc.readings;
        std::vector<std::string> next;
        for (const auto& prefix : spellings)
          for (uint16_t s : rs) next.push_back(prefix + std::string(Syllable(s)));
        spellings = std::move(next);
        if (spellings.size() > 16) spellings.resize(16);
      }
      for (const auto& sp : spellings) {
        m.latin_words.Add(sp);
        auto& v = m.full_pinyin[sp];
        if (std::find(v.begin(), v.end(), idx) == v.end()) v.push_back(idx);
      }
    }
    drafts.push_back(std::move(h));
  }
  // Freeze the names into one array (reserved first: the spans point into it).
  size_t han_chars = 0;
  for (const HanDraft& h : drafts) han_chars += h.size();
  m.han_chars.reserve(han_chars);
  m.han.reserve(drafts.size());
  for (const HanDraft& h : drafts) {
    const size_t at = m.han_chars.size();
    m.han_chars.insert(m.han_chars.end(), h.c.begin(), h.c.end());
    m.han.push_back({h.entry, std::span<const HanChar>(m.han_chars.data() + at, h.size())});
  }

  m.by_first.Build(by_first);
  m.by_second.Build(by_second);
  m.skip.Build(skip);
  m.latin.Build(latin);
  m.latin_keys.assign((m.near_count * m.near_count + 63) / 64, 0);
  for (const auto& [key, v] : latin)
    if (!v.empty()) m.latin_keys[key >> 6] |= uint64_t{1} << (key & 63);

  if (!keys.empty()) {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags(keys.size(), 0);
    for (size_t i = 0; i < keys.size(); ++i) {
      exprs.push_back(keys[i].data());
      lens.push_back(keys[i].size());
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), hit_ids.data(), lens.data(),
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
  for (const auto& h : impl_->han) bytes += sizeof(HanName) + h.size() * 24;
  for (const auto* table : {&impl_->by_first, &impl_->by_second, &impl_->latin})
    bytes += table->MemoryBytes();
  bytes += impl_->bloom.size() * 8 + impl_->latin_words.MemoryBytes();
  bytes += impl_->initials.size() * 64 + entries_.size() * (sizeof(DictEntry) + 16);
  return bytes;
}

namespace {

// What the Hyperscan callback needs: the text, the lengths of long literals,
// the literals (to prefetch a kept hit's), and where to keep the hits.
struct HitContext {
  const NormalizedText* t;
  const uint32_t* long_length;
  const void* literals;
  size_t literal_size;
  std::vector<std::pair<uint32_t, uint32_t>>* hits;
};

// Keeps a hit (literal index, end) unless a Latin edge of the literal is not
// on a word boundary (most hits inside Latin words end here, before any
// other work), and starts loading the kept literal.
int OnHit(unsigned id, unsigned long long, unsigned long long to_ull, unsigned, void* ctx) {
  const HitContext& c = *static_cast<const HitContext*>(ctx);
  const auto to = static_cast<uint32_t>(to_ull);
  const uint32_t index = HitIndex(id);
  uint32_t length = (id >> 2) & kHitLongLength;
  if (length == kHitLongLength) length = c.long_length[index];
  const uint32_t from = to - length;
  const NormalizedText& t = *c.t;
  if ((id & 1) && from > 0 && !(t.key_flags[from] & kNormBoundary) &&
      IsLatin(static_cast<unsigned char>(t.key[from - 1])))
    return 0;
  if ((id & 2) && to < t.key.size() && !(t.key_flags[to] & kNormBoundary)) return 0;
  __builtin_prefetch(static_cast<const char*>(c.literals) + index * c.literal_size);
  c.hits->emplace_back(index, to);
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

using UnitInfo = NameDictionary::Scratch::UnitInfo;

// ForEachTag of a Han unit's character, from what FillUnitInfo cached.
template <typename F>
void ForEachTag(const UnitInfo& u, F&& f) {
  for (uint8_t i = 0; i < u.reading_count; ++i) f(static_cast<uint32_t>(u.readings[i]));
  if (u.grouped) f(kGroupTag | static_cast<uint32_t>(u.rep));
}

// Per unit of `t`, once per scan: its variant representative and near
// classes (`any` for a lone initial) and whether the next unit follows it
// with only spaces between. Reuses `out`'s storage.
void FillUnitInfo(const NormalizedText& t, std::vector<UnitInfo>& out) {
  const auto& units = t.units;
  out.resize(units.size());
  // Start loading every Han unit's record first: the loop below then
  // overlaps their cache misses.
  for (const PhoneticUnit& u : units)
    if (u.kind == PhoneticUnit::kHan) __builtin_prefetch(FindHanRecord(u.ch));
  for (size_t k = 0; k < units.size(); ++k) {
    const PhoneticUnit& u = units[k];
    UnitInfo& info = out[k];
    info.rep = 0;
    info.n = 0;
    info.any = false;
    info.grouped = false;
    info.readings = nullptr;
    info.reading_count = 0;
    info.next_adjacent = k + 1 < units.size() && Adjacent(t, u, units[k + 1]);
    info.mask = 0;
    if (u.kind == PhoneticUnit::kHan) {
      std::span<const uint16_t> readings;
      if (const HanRecord* r = FindHanRecord(u.ch)) {
        info.rep = r->rep;
        info.grouped = r->grouped;
        readings = r->readings();
        info.n = r->near_count;
        std::copy_n(r->near, r->near_count, info.near);
      } else {
        info.rep = VariantRep(u.ch);
        info.grouped = HasVariants(u.ch);
        readings = Readings(u.ch);
      }
      if (info.n == 0) {
        SmallSet near;
        for (uint16_t s : readings) near.Add(NearClass(s));
        info.n = near.n;
        std::copy(near.begin(), near.end(), info.near);
      }
      info.readings = readings.data();
      info.reading_count = static_cast<uint8_t>(readings.size());
      info.mask = RepBit(info.rep);
    } else if (u.kind == PhoneticUnit::kLatinSyllable) {
      info.n = 1;
      info.near[0] = NearClass(u.syllable);
    } else {
      info.any = true;
      info.mask = ~0u;
    }
    for (uint8_t i = 0; i < info.n; ++i) info.mask |= NearBit(info.near[i]);
  }
}

// How name character `c` pairs with unit `u` (`info`: what FillUnitInfo
// cached for it): the quality and the variant bits, q 0 when they do not.
PairScore Pair(const HanChar& c, const PhoneticUnit& u, const UnitInfo& info) {
  switch (u.kind) {
    case PhoneticUnit::kHan: {
      if (u.ch == c.ch) return {kQExact, 0};
      // Cheap test first: does any reading share a near-homophone class?
      bool near = false;
      for (uint8_t i = 0; i < info.n; ++i) near = near || c.nears.Has(info.near[i]);
      if (info.rep == c.rep) return {kQShape, kVarShape};
      if (!near) return {};
      for (uint8_t i = 0; i < info.reading_count; ++i)
        if (c.readings.Has(info.readings[i])) return {kQHomophone, kVarHomophone};
      return {kQNear, kVarNearHomophone};
    }
    case PhoneticUnit::kLatinSyllable:
      if (c.readings.Has(u.syllable)) return {kQPinyin, kVarPinyin};
      if (c.nears.Has(info.near[0])) return {kQNearPinyin, kVarPinyin | kVarNearHomophone};
      return {};
    case PhoneticUnit::kLatinInitial:
      for (uint16_t s : c.readings)
        if (InitialOf(s) == static_cast<char>(u.ch)) return {kQInitial, kVarInitial};
      return {};
  }
  return {};
}

// Necessary for Pair(c, unit).q > 0: the same variant group or a shared
// near class (a lone initial may pair with anything).
bool CouldPair(const HanChar& c, const UnitInfo& u) {
  if (u.any || u.rep == c.rep) return true;
  for (uint8_t i = 0; i < u.n; ++i)
    if (c.nears.Has(u.near[i])) return true;
  return false;
}

// Necessary for an alignment of `h` from unit `start` (the Aligner below):
// every name character pairs with a unit at most one place from its own (one
// swap or one insertion moves a character by one). Rejects most candidates
// from an anchor pair at a fraction of the Aligner's cost.
bool MayAlign(const HanName& h, size_t start, const std::vector<UnitInfo>& units) {
  const size_t n = h.size();
  const size_t slack = n >= 3 ? 1 : 0;
  int misses = n >= 4 ? 1 : 0;  // one character sharing only its initial
  for (size_t j = 0; j < n; ++j) {
    const size_t lo = j >= slack ? start + j - slack : start;
    const size_t hi = std::min(units.size(), start + j + slack + 1);
    bool ok = false;
    for (size_t k = lo; k < hi && !ok; ++k) ok = CouldPair(h.c[j], units[k]);
    if (!ok && misses-- == 0) return false;
  }
  return true;
}

// Necessary for MayAlign of a 3-character name from unit `start` (no miss
// allowed): its character `k`, of CharMask `mask`, shares a bit with a unit
// at most one place from start + k.
bool RestFits(const std::vector<UnitInfo>& units, size_t start, size_t k, uint32_t mask) {
  const size_t lo = k >= 1 ? start + k - 1 : start;
  const size_t hi = std::min(units.size(), start + k + 2);
  uint32_t w = 0;
  for (size_t q = lo; q < hi; ++q) w |= units[q].mask;
  return (w & mask) != 0;
}

struct Alignment {
  double total = -1;
  uint32_t bits = 0;
  size_t end_unit = 0;  // one past the last unit
  int exact = 0, latin = 0, near = 0, initial = 0, han = 0;
  bool loose = false;  // one character sharing only its initial (see Step)
};

// Some reading of a Han unit (`info`) starts with the same letter as some
// reading of the name character `h` (顿 dun, 登 deng).
bool SameInitial(const HanChar& h, const UnitInfo& info) {
  for (uint8_t i = 0; i < info.reading_count; ++i)
    for (uint16_t r : h.readings)
      if (InitialOf(info.readings[i]) == InitialOf(r)) return true;
  return false;
}

class Aligner {
 public:
  Aligner(const NormalizedText& t, const std::vector<UnitInfo>& info, const HanName& h)
      : t_(t), u_(t.units), info_(info), h_(h) {}

  // Best alignment of the whole name starting at unit k, with at most one
  // edit (swap or insertion) for names of 3+ characters.
  Alignment Run(size_t k) {
    Alignment cur, best;
    Step(0, k, h_.size() >= 3 ? 1 : 0, cur, best);
    return best;
  }

 private:
  PairScore Score(size_t j, size_t k) const { return Pair(h_.c[j], u_[k], info_[k]); }
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
    const size_t n = h_.size();
    if (j == n) {
      cur.end_unit = k;
      if (cur.total > best.total) best = cur;
      return;
    }
    if (k >= u_.size() || (j > 0 && !Adjacent(t_, u_[k - 1], u_[k]))) return;
    const PairScore p = Score(j, k);
    if (p.q > 0) {
      Alignment next = cur;
      if (j == 0) next.total = 0;
      Take(next, p, u_[k]);
      Step(j + 1, k + 1, edits, next, best);
    } else if (edits > 0 && n >= 4 && u_[k].kind == PhoneticUnit::kHan &&
               SameInitial(h_.c[j], info_[k])) {
      // One substituted character that shares only the initial, in a name
      // of 4+ characters (路易威顿 for 路易威登): it takes the edit, counts
      // as a near-homophone, and the verification wants every other
      // character as written.
      Alignment next = cur;
      if (j == 0) next.total = 0;
      Take(next, {kQNear, kVarNearHomophone}, u_[k]);
      next.loose = true;
      Step(j + 1, k + 1, 0, next, best);
    }
    if (edits == 0) return;
    // One swapped pair: name j, j+1 read as units k+1, k.
    if (j + 1 < n && k + 1 < u_.size() && Adjacent(t_, u_[k], u_[k + 1])) {
      const PairScore a = Score(j, k + 1), b = Score(j + 1, k);
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
  const std::vector<UnitInfo>& info_;
  const HanName& h_;
};

// Aligns Han name `name` from unit `start` and appends the match when the
// acceptance rules (docs/text.md, "phonetic layer") hold.
void Verify(std::span<const HanName> han, const std::vector<DictEntry>& entries,
            const NormalizedText& t, const std::vector<UnitInfo>& info, uint32_t name, size_t start,
            std::vector<NameMatch>& out) {
  const auto& u = t.units;
  const HanName& h = han[name];
  Alignment a = Aligner(t, info, h).Run(start);
  if (a.total < 0) return;
  const size_t n = h.size();
  const int strong = a.exact + a.latin;
  if (a.exact == static_cast<int>(n) && !(a.bits & (kVarReorder | kVarInsertion))) return;
  if (strong == 0) return;
  // Near-homophones only in names of 3+ characters, at most one, beside
  // at least two characters as written.
  if (a.near > 1 || (a.near > 0 && (n < 3 || a.exact < 2))) return;
  if (a.loose && a.exact + 1 != static_cast<int>(n)) return;
  if (a.initial > 1 || (a.initial > 0 && a.han == 0)) return;
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
    // What was removed before the first character is not inside the match:
    // skip all its bytes (a Han character has three, each flagged).
    uint32_t inner = 0;
    for (uint32_t i = first.begin + Utf8Length(t.text[first.begin]); i < last.end; ++i)
      inner |= t.flags[i];
    bits = (bits & ~static_cast<uint32_t>(kNormSeparator | kNormZeroWidth)) |
           (inner & (kNormSeparator | kNormZeroWidth));
  }
  double q = a.total / static_cast<double>(n);
  if (bits & (kVarReorder | kVarInsertion)) q *= kEditFactor;
  out.push_back({h.entry, entries[h.entry].owner, first.begin, last.end, q, bits, true});
}

}  // namespace

void NameDictionary::Scan(const NormalizedText& t, Scratch& scratch,
                          std::vector<NameMatch>& out) const {
  ScanImpl(t, scratch, out, false);
}

void NameDictionary::ScanExhaustive(const NormalizedText& t, Scratch& scratch,
                                    std::vector<NameMatch>& out) const {
  ScanImpl(t, scratch, out, true);
}

void NameDictionary::ScanImpl(const NormalizedText& t, Scratch& scratch,
                              std::vector<NameMatch>& out, bool exhaustive) const {
  const Impl& m = *impl_;
  // 1. Exact layer over the key.
  if (m.db && scratch.hs && !t.key.empty()) {
    scratch.hits.clear();
    HitContext context{&t, m.lit_length.data(), m.literals.data(), sizeof(Impl::Literal),
                       &scratch.hits};
    hs_scan(m.db, t.key.data(), static_cast<unsigned>(t.key.size()), 0,
            static_cast<hs_scratch_t*>(scratch.hs), &OnHit, &context);
    for (auto [id, to] : scratch.hits) {
      const Impl::Literal& lit = m.literals[id];
      const uint32_t from = to - lit.length;
      uint32_t bits = 0;
      for (uint32_t i = from; i < to; ++i) bits |= t.key_flags[i];
      // What happened before the first character is not part of the match.
      bits &= ~static_cast<uint32_t>(kNormBoundary);
      if (!(t.key_flags[from] & kNormRepeat)) {
        // Inside the match: after the first character's bytes (a Han
        // character's three bytes all carry what was removed before it).
        uint32_t inner = 0;
        for (uint32_t i = from + Utf8Length(t.key[from]); i < to; ++i) inner |= t.key_flags[i];
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
      out.push_back({lit.entry, lit.owner, static_cast<uint32_t>(b), static_cast<uint32_t>(e), 1.0,
                     bits, lit.han});
    }
  }
  // 2. Phonetic layer.
  const auto& u = t.units;
  if (!m.han.empty() && u.size() >= 2) {
    auto& info = scratch.units;
    FillUnitInfo(t, info);
    auto& tried = scratch.candidates;
    tried.clear();
    if (exhaustive) {
      for (uint32_t name = 0; name < m.han.size(); ++name)
        for (uint32_t start = 0; start < u.size(); ++start) tried.emplace_back(name, start);
    }
    // Anchors of unit pair i; `free_ch`: the text character on the side
    // the key held only by a tag (0 for pairs with Latin units).
    auto visit = [&](size_t i, std::span<const Anchor> anchors, char32_t free_ch) {
      for (const Anchor& an : anchors) {
        if (i < an.j) continue;
        // Two characters as written are the exact layer's (a 2-character
        // name is decided by this pair alone).
        if (an.len == 2 && free_ch != 0 && free_ch == an.other) continue;
        const size_t start = i - an.j;
        const size_t rest = an.j == 0 ? 2 : 0;  // 3 characters: the one outside the pair
        __builtin_prefetch(&m.han[an.name]);    // MayAlign reads it below
        if (an.len != 3 || RestFits(info, start, rest, an.other))
          tried.emplace_back(an.name, static_cast<uint32_t>(start));
        // One character inserted before this pair.
        if (!an.reversed && an.j > 0 && start > 0 && an.len >= 3 &&
            (an.len != 3 || RestFits(info, start - 1, rest, an.other)))
          tried.emplace_back(an.name, static_cast<uint32_t>(start - 1));
      }
    };
    // The probes go in three passes (bit filter, slot, anchors), each
    // prefetching what the next reads: the tables are far larger than the
    // caches, and one probe's misses then overlap the others'.
    auto& probes = scratch.probes;
    probes.clear();
    for (size_t i = 0; i + 1 < u.size() && !exhaustive; ++i) {
      if (!info[i].next_adjacent) continue;
      const PhoneticUnit &x = u[i], &y = u[i + 1];
      if (x.kind == PhoneticUnit::kLatinInitial && y.kind == PhoneticUnit::kLatinInitial) continue;
      if (x.kind == PhoneticUnit::kHan && y.kind == PhoneticUnit::kHan) {
        const auto at = static_cast<uint32_t>(i);
        auto add = [&](uint64_t key, Impl::Table table, char32_t free_ch) {
          m.Prefetch(key, table);
          probes.push_back({key, at, free_ch, static_cast<uint8_t>(table)});
        };
        ForEachTag(info[i + 1],
                   [&](uint32_t tag) { add(Impl::PairKey(x.ch, tag), Impl::kFirst, y.ch); });
        ForEachTag(info[i],
                   [&](uint32_t tag) { add(Impl::PairKey(y.ch, tag), Impl::kSecond, x.ch); });
        // A 3-character name by its outer characters (E N E).
        if (i + 2 < u.size() && info[i + 1].next_adjacent && u[i + 2].kind == PhoneticUnit::kHan)
          add(Impl::PairKey(x.ch, u[i + 2].ch), Impl::kSkip, 0);
      } else {
        auto nears = [&](size_t k) -> std::span<const uint16_t> {
          if (info[k].any) return m.nears_by_letter[u[k].ch - 'a'];
          return {info[k].near, info[k].n};
        };
        for (uint16_t a : nears(i))
          for (uint16_t b : nears(i + 1))
            if (m.HasLatin(m.Key(a, b))) visit(i, m.latin.Find(m.Key(a, b)), 0);
      }
    }
    const AnchorTable* tables[] = {&m.by_first, &m.by_second, &m.skip};
    size_t kept = 0;
    for (const Scratch::Probe& p : probes)
      if (m.MayHave(p.key, static_cast<Impl::Table>(p.table))) {
        tables[p.table]->Prefetch(p.key);
        probes[kept++] = p;
      }
    probes.resize(kept);
    auto& found = scratch.found;
    found.clear();
    for (const Scratch::Probe& p : probes) {
      const auto anchors = tables[p.table]->Find(p.key);
      if (anchors.empty()) continue;
      __builtin_prefetch(anchors.data());
      found.push_back(
          {anchors.data(), static_cast<uint32_t>(anchors.size()), p.at, p.free_ch, p.table});
    }
    for (const Scratch::Found& f : found) {
      const std::span<const Anchor> anchors(static_cast<const Anchor*>(f.anchors), f.count);
      if (f.table == Impl::kSkip) {
        for (const Anchor& an : anchors)
          if (RestFits(info, f.at, 1, an.other)) {
            __builtin_prefetch(&m.han[an.name]);
            tried.emplace_back(an.name, f.at);
          }
      } else {
        visit(f.at, anchors, f.free_ch);
      }
    }
    // Each (name, start) candidate once.
    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end()), tried.end());
    for (auto [name, start] : tried) __builtin_prefetch(m.han[name].c.data());
    for (auto [name, start] : tried)
      if (exhaustive || MayAlign(m.han[name], start, info))
        Verify(m.han, entries_, t, info, name, start, out);
  }
  // 3. Pinyin initials (a short Latin word that is not pinyin) and whole-word
  // full pinyin.
  if (!m.initials.empty() || !m.full_pinyin.empty()) {
    const std::string& s = t.text;
    auto& syl = scratch.syllables;
    auto& ends = scratch.ends;
    // Two passes: the words of 3-36 letters (initials are 3-6, full pinyin
    // 4-36), each starting to load its filter word, then the lookups (the
    // filter is larger than the caches, and most words stop at it).
    auto& words = scratch.latin_words;
    words.clear();
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
      if (len >= 3 && len <= 36) {
        const uint64_t h = StringBloom::Hash(std::string_view(s).substr(pos, len));
        m.latin_words.Prefetch(h);
        words.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(end), h});
      }
      pos = end;
    }
    for (const Scratch::LatinWord& w : words) {
      if (!m.latin_words.MayContainHash(w.hash)) continue;
      const size_t pos = w.begin, end = w.end, len = end - pos;
      const bool bounded = end >= s.size() || !(static_cast<unsigned char>(s[end]) >= '0' &&
                                                static_cast<unsigned char>(s[end]) <= '9');
      const bool word_start = pos == 0 || !IsLatin(static_cast<unsigned char>(s[pos - 1])) ||
                              (t.flags[pos] & kNormSeparator);
      if (len >= 4 && len <= 36 && bounded && word_start && !m.full_pinyin.empty()) {
        auto it = m.full_pinyin.find(std::string_view(s).substr(pos, len));
        if (it != m.full_pinyin.end())
          for (uint32_t name : it->second) {
            const uint32_t e = m.han[name].entry;
            uint32_t bits = kVarPinyin;
            for (size_t i = pos + 1; i < end; ++i) bits |= t.flags[i] & kMaskNorm & ~kFlagCase;
            out.push_back({e, entries_[e].owner, static_cast<uint32_t>(pos),
                           static_cast<uint32_t>(end), kQPinyin, bits, true});
          }
      }
      if (len >= 3 && len <= 6 && bounded) {
        const std::string_view word = std::string_view(s).substr(pos, len);
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
    }
  }
}

}  // namespace ipguard::text
