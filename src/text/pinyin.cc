#include "text/pinyin.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "text/gen_tables.h"

namespace ipguard::text {
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

struct Data {
  std::vector<uint32_t> dense_offset;  // per code point in the dense range: offset+1 (0: none)
  std::vector<uint8_t> dense_count;
  std::unordered_map<char32_t, std::pair<uint32_t, uint8_t>> sparse;
  std::unordered_map<std::string, uint16_t> ids;
  std::vector<uint16_t> near;
  size_t near_count = 0;
  std::unordered_map<char32_t, char32_t> variant;
  std::unordered_map<std::string_view, WordInfo> words;

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
    words.reserve(gen::kWordCount);
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
        words.emplace(line.substr(0, s1), info);
      }
    }
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
    const uint32_t off = d.dense_offset[han - kDenseBegin];
    if (off == 0) return {};
    return {gen::kPinyinPool + off - 1, d.dense_count[han - kDenseBegin]};
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
  best.fill(1 << 20);
  best[0] = 0;
  std::string buf;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= (1 << 20)) continue;
    for (size_t len = std::min<size_t>(6, n - i); len >= 1; --len) {
      buf.assign(letters.substr(i, len));
      auto it = d.ids.find(buf);
      if (it == d.ids.end()) continue;
      // Single consonants (m, n, ng, hm...) are interjections, not syllables here.
      if (buf.find_first_of("aeiouv") == std::string::npos) continue;
      if (best[i] + 1 < best[i + len]) {
        best[i + len] = best[i] + 1;
        prev[i + len] = static_cast<int>(i);
        sid[i + len] = it->second;
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

char32_t VariantRep(char32_t han) {
  static const Data& d = D();
  auto it = d.variant.find(han);
  return it == d.variant.end() ? han : it->second;
}

WordInfo LookupWord(std::string_view utf8_word) {
  static const Data& d = D();
  auto it = d.words.find(utf8_word);
  return it == d.words.end() ? WordInfo{} : it->second;
}

}  // namespace ipguard::text
