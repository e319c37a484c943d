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
  // Syllable trie over a-z: child index per letter (0: none), syllable id+1.
  std::vector<std::array<uint16_t, 26>> trie{std::array<uint16_t, 26>{}};
  std::vector<int16_t> trie_id{-1};
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
    for (size_t i = 0; i < gen::kSyllableCount; ++i) {
      size_t node = 0;
      for (const char* p = gen::kSyllables[i]; *p; ++p) {
        const int letter = *p - 'a';
        if (letter < 0 || letter >= 26) break;
        if (!trie[node][letter]) {
          trie[node][letter] = static_cast<uint16_t>(trie.size());
          trie.push_back({});
          trie_id.push_back(-1);
        }
        node = trie[node][letter];
      }
      trie_id[node] = static_cast<int16_t>(i);
    }
    words.Build();
  }
};

const Data& D() {
  static const Data* data = new Data();
  return *data;
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

bool SegmentPinyin(std::string_view letters, std::vector<uint16_t>& syllables,
                   std::vector<uint8_t>& ends) {
  syllables.clear();
  ends.clear();
  const size_t n = letters.size();
  if (n == 0 || n > 48) return false;
  static const Data& d = D();
  // Dynamic programming over prefixes: best[i] = fewest syllables covering
  // letters[0, i); ties keep the longer last syllable (greedy-longest order).
  std::array<int, 49> best, prev;
  std::array<int, 49> sid;
  std::fill_n(best.begin(), n + 1, 1 << 20);  // only the word's prefixes are read
  best[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= (1 << 20)) continue;
    size_t node = 0;
    bool vowel = false;
    for (size_t len = 1; len <= 6 && i + len <= n; ++len) {
      const int letter = letters[i + len - 1] - 'a';
      if (letter < 0 || letter >= 26 || !d.trie[node][letter]) break;
      node = d.trie[node][letter];
      const char ch = letters[i + len - 1];
      vowel |= ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'v';
      // Single consonants (m, n, ng, hm...) are interjections, not syllables here.
      if (d.trie_id[node] < 0 || !vowel) continue;
      // Prefer fewer syllables; among equals the longer last syllable.
      if (best[i] + 1 <= best[i + len]) {
        best[i + len] = best[i] + 1;
        prev[i + len] = static_cast<int>(i);
        sid[i + len] = d.trie_id[node];
      }
    }
  }
  if (best[n] >= (1 << 20)) return false;
  for (int i = static_cast<int>(n); i > 0; i = prev[i]) {
    syllables.push_back(static_cast<uint16_t>(sid[i]));
    ends.push_back(static_cast<uint8_t>(i));
  }
  std::reverse(syllables.begin(), syllables.end());
  std::reverse(ends.begin(), ends.end());
  return true;
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
