#include "text/pinyin.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "text/gen_tables.h"
#include "text/huge_page_allocator.h"
#include "text/string_bloom.h"

namespace ipguard::text {
// Lines "word freq pos\n" of the generated word list.
void ForEachWord(const std::function<void(std::string_view word, const WordInfo& info)>& f) {
  for (size_t c = 0; c < gen::kWordChunkCount; ++c) {
    std::string_view chunk(gen::kWordChunks[c]);
    while (!chunk.empty()) {
      const size_t nl = chunk.find('\n');
      std::string_view line = chunk.substr(0, nl);
      chunk.remove_prefix(nl == std::string_view::npos ? chunk.size() : nl + 1);
      const size_t s1 = line.find(' '), s2 = line.rfind(' ');
      if (s1 == std::string_view::npos || s2 == s1) continue;
      WordInfo info;
      for (char ch : line.substr(s1 + 1, s2 - s1 - 1)) info.freq = info.freq * 10 + (ch - '0');
      info.pos = line.substr(s2 + 1);
      f(line.substr(0, s1), info);
    }
  }
}

namespace {

constexpr char32_t kDenseBegin = 0x3400, kDenseEnd = 0xA000;

// Near-homophone spelling: the merges listed in pinyin.h.
std::string NearSpelling(std::string_view s) {
  std::string out(s);
  if (out.rfind("zh", 0) == 0 || out.rfind("ch", 0) == 0 || out.rfind("sh", 0) == 0)
    out.erase(1, 1);
  if (!out.empty() && out[0] == 'n' && out != "n" && out != "ng") out[0] = 'l';
  if (out.size() >= 3 && out.compare(out.size() - 2, 2, "ng") == 0) {
    const char v = out[out.size() - 3];
    if (v == 'a' || v == 'e' || v == 'i') out.pop_back(), out.pop_back(), out.push_back('n');
  }
  return out;
}

// The word list as a flat open-addressing table (one slot read per
// lookup, where a node-based map chased a bucket and a node), behind a
// blocked bit filter: most substrings a caller asks about are no word, and
// the filter's one 64-bit word answers them. Both hash the word once.
class WordTable {
 public:
  void Build() {
    size_t cap = 1024;
    while (cap < gen::kWordCount + gen::kWordCount / 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    ForEachWord([&](std::string_view word, const WordInfo& info) {
      const uint64_t h = Hash(word);
      for (size_t i = h & mask_;; i = (i + 1) & mask_) {
        Slot& s = slots_[i];
        if (s.word == nullptr) {
          s = {word.data(), info.freq, static_cast<uint16_t>(word.size()), PosId(info.pos), Tag(h)};
          break;
        }
        if (s.tag == Tag(h) && std::string_view(s.word, s.length) == word) break;  // first kept
      }
      bloom_.AddHash(h);
    });
  }
  // The word's frequency and tag, or {} when it is not in the list.
  WordInfo Find(std::string_view word) const {
    const uint64_t h = Hash(word);
    if (!bloom_.MayContainHash(h)) return {};
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.word == nullptr) return {};
      if (s.tag == Tag(h) && std::string_view(s.word, s.length) == word)
        return {s.freq, pos_[s.pos]};
    }
  }

 private:
  struct Slot {
    const char* word = nullptr;  // into the generated word list (nullptr: empty)
    uint32_t freq = 0;
    uint16_t length = 0;  // bytes of the word
    uint8_t pos = 0;      // index into pos_
    uint8_t tag = 0;      // hash bits the slot index does not use
  };
  static uint64_t Hash(std::string_view s) { return StringBloom::Hash(s); }
  static uint8_t Tag(uint64_t h) { return static_cast<uint8_t>(h >> 56); }
  // jieba has a few dozen tags; the generator's list is fixed at build time.
  uint8_t PosId(std::string_view pos) {
    for (size_t i = 0; i < pos_.size(); ++i)
      if (pos_[i] == pos) return static_cast<uint8_t>(i);
    if (pos_.size() == 256) std::abort();
    pos_.push_back(pos);
    return static_cast<uint8_t>(pos_.size() - 1);
  }
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t mask_ = 0;
  StringBloom bloom_{23};
  std::vector<std::string_view> pos_;  // the distinct part-of-speech tags
};

struct Data {
  std::vector<uint32_t> dense_offset;  // per code point in the dense range: offset+1 (0: none)
  std::vector<uint8_t> dense_count;
  std::unordered_map<char32_t, std::pair<uint32_t, uint8_t>> sparse;
  std::unordered_map<std::string, uint16_t> ids;
  std::vector<uint16_t> near;
  size_t near_count = 0;
  std::unordered_map<char32_t, char32_t> variant;
  std::vector<char32_t> dense_variant;         // per code point of the dense range
  std::unordered_map<char32_t, bool> grouped;  // members of groups of 2+ (any range)
  std::vector<uint8_t> dense_grouped;          // per code point of the dense range
  // Near classes of each dense-range character, up to 4 (kMaxNear).
  std::vector<std::array<uint16_t, 4>> dense_near;
  std::vector<uint8_t> dense_near_count;
  // The above, one record per code point of the dense range, so that every
  // question about a character costs one cache line (built last).
  std::vector<HanRecord, HugePageAllocator<HanRecord>> dense;
  WordTable words;

  Data() : dense_offset(kDenseEnd - kDenseBegin), dense_count(kDenseEnd - kDenseBegin) {
    for (size_t i = 0; i < gen::kPinyinEntryCount; ++i) {
      const auto& e = gen::kPinyinEntries[i];
      if (e.cp >= kDenseBegin && e.cp < kDenseEnd) {
        dense_offset[e.cp - kDenseBegin] = e.offset + 1;
        dense_count[e.cp - kDenseBegin] = e.count;
      } else {
        sparse[e.cp] = {e.offset, e.count};
      }
    }
    std::unordered_map<std::string, uint16_t> near_ids;
    for (size_t i = 0; i < gen::kSyllableCount; ++i) {
      ids.emplace(gen::kSyllables[i], static_cast<uint16_t>(i));
      auto [it, added] = near_ids.emplace(NearSpelling(gen::kSyllables[i]),
                                          static_cast<uint16_t>(near_ids.size()));
      near.push_back(it->second);
    }
    near_count = near_ids.size();
    for (size_t i = 0; i < gen::kVariantEntryCount; ++i)
      variant[gen::kVariantEntries[i].cp] = gen::kVariantEntries[i].rep;
    dense_variant.resize(kDenseEnd - kDenseBegin);
    dense_grouped.resize(kDenseEnd - kDenseBegin);
    for (const auto& [cp, rep] : variant) {
      if (cp == rep) continue;
      for (char32_t c : {cp, rep}) {
        grouped[c] = true;
        if (c >= kDenseBegin && c < kDenseEnd) dense_grouped[c - kDenseBegin] = 1;
      }
    }
    dense_near.resize(kDenseEnd - kDenseBegin);
    dense_near_count.resize(kDenseEnd - kDenseBegin);
    for (char32_t c = kDenseBegin; c < kDenseEnd; ++c) {
      auto it = variant.find(c);
      dense_variant[c - kDenseBegin] = it == variant.end() ? c : it->second;
      const uint32_t off = dense_offset[c - kDenseBegin];
      if (!off) continue;
      auto& n = dense_near[c - kDenseBegin];
      uint8_t& k = dense_near_count[c - kDenseBegin];
      for (uint8_t r = 0; r < dense_count[c - kDenseBegin]; ++r) {
        const uint16_t cls = near[gen::kPinyinPool[off - 1 + r]];
        bool seen = false;
        for (uint8_t j = 0; j < k; ++j) seen |= n[j] == cls;
        if (!seen && k < 4) n[k++] = cls;
      }
    }
    dense.resize(kDenseEnd - kDenseBegin);
    for (size_t i = 0; i < dense.size(); ++i) {
      HanRecord& x = dense[i];
      x.rep = dense_variant[i];
      x.reading_count = dense_count[i];
      if (dense_offset[i])
        std::copy_n(gen::kPinyinPool + dense_offset[i] - 1, dense_count[i], x.reading);
      std::copy(dense_near[i].begin(), dense_near[i].end(), x.near);
      x.near_count = dense_near_count[i];
      x.grouped = dense_grouped[i] != 0;
    }
    words.Build();
  }
};

const Data& D() {
  static const Data* data = new Data();
  return *data;
}

// The syllables SegmentPinyin may use (those with a vowel: single consonants
// such as m, n, ng, hm are interjections, not syllables here) in two forms:
// a trie for the segmentation and a letter-pair filter that rejects most
// runs that are not pinyin before it.
class SyllableTrie {
 public:
  SyllableTrie() : nodes_(1) {
    for (size_t i = 0; i < gen::kSyllableCount; ++i) Add(gen::kSyllables[i], i);
    for (size_t i = 0; i < gen::kSyllableCount; ++i) AddPairs(gen::kSyllables[i]);
  }

  // One node per cache line: the child per letter a-z (0: none) and, in
  // slot 26, the id + 1 of the syllable the path spells (0: none).
  struct alignas(64) Node {
    uint16_t next[32];
  };
  static constexpr size_t kMaxSyllable = 6;  // letters (zhuang, shuang, chuang)

  const Node& node(size_t i) const { return nodes_[i]; }

  // A necessary condition for `letters` to be a concatenation of syllables:
  // it starts with a syllable's first letter, ends with a syllable's last
  // letter, and each adjacent pair lies inside a syllable or spans the end of
  // one and the start of the next. Exact by construction: it never rejects a
  // run that the segmentation accepts (tested exhaustively in text tests).
  bool MayBePinyin(std::string_view letters) const {
    unsigned prev = static_cast<unsigned char>(letters[0]) - 'a';
    if (prev >= 26 || !(first_ >> prev & 1)) return false;
    for (size_t i = 1; i < letters.size(); ++i) {
      const unsigned c = static_cast<unsigned char>(letters[i]) - 'a';
      if (c >= 26 || !(follow_[prev] >> c & 1)) return false;
      prev = c;
    }
    return last_ >> prev & 1;
  }

 private:
  static bool Usable(std::string_view s) {
    if (s.empty() || s.size() > kMaxSyllable) return false;
    for (char c : s) {
      if (c < 'a' || c > 'z') return false;
    }
    return s.find_first_of("aeiouv") != std::string_view::npos;
  }

  void Add(std::string_view s, size_t id) {
    if (!Usable(s)) return;
    size_t at = 0;
    for (char ch : s) {
      const int letter = ch - 'a';
      if (!nodes_[at].next[letter]) {
        nodes_[at].next[letter] = static_cast<uint16_t>(nodes_.size());
        nodes_.push_back({});
      }
      at = nodes_[at].next[letter];
    }
    nodes_[at].next[26] = static_cast<uint16_t>(id + 1);
  }

  // Records `s`'s letter pairs and, against every usable syllable, the pair
  // across a syllable boundary (its last letter, their first letter).
  void AddPairs(std::string_view s) {
    if (!Usable(s)) return;
    for (size_t i = 1; i < s.size(); ++i) follow_[s[i - 1] - 'a'] |= 1u << (s[i] - 'a');
    first_ |= 1u << (s.front() - 'a');
    last_ |= 1u << (s.back() - 'a');
    for (size_t j = 0; j < gen::kSyllableCount; ++j) {
      const std::string_view t = gen::kSyllables[j];
      if (Usable(t)) follow_[s.back() - 'a'] |= 1u << (t.front() - 'a');
    }
  }

  std::vector<Node> nodes_;
  uint32_t follow_[26] = {};       // bit b of follow_[a]: letter b may follow letter a
  uint32_t first_ = 0, last_ = 0;  // letters a syllable starts / ends with
};

const SyllableTrie& Trie() {
  static const SyllableTrie* trie = new SyllableTrie();
  return *trie;
}

}  // namespace

std::span<const uint16_t> Readings(char32_t han) {
  static const Data& d = D();
  if (han >= kDenseBegin && han < kDenseEnd) {
    return d.dense[han - kDenseBegin].readings();
  }
  auto it = d.sparse.find(han);
  if (it == d.sparse.end()) return {};
  return {gen::kPinyinPool + it->second.first, it->second.second};
}

std::string_view Syllable(uint16_t id) {
  return id < gen::kSyllableCount ? gen::kSyllables[id] : "";
}

int SyllableId(std::string_view spelling) {
  const auto& ids = D().ids;
  auto it = ids.find(std::string(spelling));
  return it == ids.end() ? -1 : it->second;
}

size_t SyllableCount() { return gen::kSyllableCount; }

uint16_t NearClass(uint16_t syllable) {
  static const Data& d = D();
  return syllable < d.near.size() ? d.near[syllable] : 0;
}

size_t NearClassCount() { return D().near_count; }

char InitialOf(uint16_t syllable) {
  const std::string_view s = Syllable(syllable);
  return s.empty() ? 0 : s[0];
}

size_t SegmentPinyin(std::string_view letters, uint16_t* syllables, uint8_t* ends) {
  const size_t n = letters.size();
  if (n == 0 || n > kMaxPinyinLetters) return 0;
  static const SyllableTrie& trie = Trie();
  if (!trie.MayBePinyin(letters)) return 0;
  // Dynamic programming over prefixes: best[i] = fewest syllables covering
  // letters[0, i); ties keep the longer last syllable (greedy-longest order).
  constexpr int kUnreached = 1 << 20;
  std::array<int, kMaxPinyinLetters + 1> best, prev, sid;
  std::fill_n(best.begin(), n + 1, kUnreached);  // only the word's prefixes are read
  best[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= kUnreached) continue;
    const size_t stop = std::min(n, i + SyllableTrie::kMaxSyllable);
    size_t at = 0;
    for (size_t j = i; j < stop; ++j) {
      const unsigned letter = static_cast<unsigned char>(letters[j]) - 'a';
      if (letter >= 26) break;
      at = trie.node(at).next[letter];
      if (!at) break;
      const uint16_t id1 = trie.node(at).next[26];
      // Prefer fewer syllables; among equals the longer last syllable.
      if (id1 && best[i] + 1 <= best[j + 1]) {
        best[j + 1] = best[i] + 1;
        prev[j + 1] = static_cast<int>(i);
        sid[j + 1] = id1 - 1;
      }
    }
  }
  if (best[n] >= kUnreached) return 0;
  const size_t count = static_cast<size_t>(best[n]);
  size_t k = count;
  for (int i = static_cast<int>(n); i > 0; i = prev[i]) {
    --k;
    syllables[k] = static_cast<uint16_t>(sid[i]);
    ends[k] = static_cast<uint8_t>(i);
  }
  return count;
}

bool SegmentPinyin(std::string_view letters, std::vector<uint16_t>& syllables,
                   std::vector<uint8_t>& ends) {
  uint16_t syl[kMaxPinyinLetters];
  uint8_t end[kMaxPinyinLetters];
  const size_t count = SegmentPinyin(letters, syl, end);
  syllables.assign(syl, syl + count);
  ends.assign(end, end + count);
  return count != 0;
}

std::span<const uint16_t> NearClasses(char32_t han) {
  static const Data& d = D();
  if (han < kDenseBegin || han >= kDenseEnd) return {};
  return d.dense[han - kDenseBegin].nears();
}

char32_t VariantRep(char32_t han) {
  static const Data& d = D();
  if (han >= kDenseBegin && han < kDenseEnd) return d.dense[han - kDenseBegin].rep;
  auto it = d.variant.find(han);
  return it == d.variant.end() ? han : it->second;
}

bool HasVariants(char32_t han) {
  static const Data& d = D();
  if (han >= kDenseBegin && han < kDenseEnd) return d.dense[han - kDenseBegin].grouped;
  return d.grouped.count(han) > 0;
}

const HanRecord* FindHanRecord(char32_t han) {
  static const Data& d = D();
  if (han < kDenseBegin || han >= kDenseEnd) return nullptr;
  return &d.dense[han - kDenseBegin];
}

WordInfo LookupWord(std::string_view utf8_word) {
  static const Data& d = D();
  return d.words.Find(utf8_word);
}

}  // namespace ipguard::text
