// Pieces the benchmarks share: CPU-time clocks (rates per core on a shared
// machine), medians, and realistic text material.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "text/pinyin.h"

namespace ipguard::bench {

// CPU seconds used by the calling thread.
inline double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The median (upper middle) of `v`; 0 when empty.
inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Ordinary Chinese words (jieba's list, as built into the text tables), the
// `limit` most frequent first.
inline std::vector<std::string> JiebaWords(size_t limit = 20000) {
  std::vector<std::pair<uint32_t, std::string>> words;
  text::ForEachWord([&](std::string_view word, const text::WordInfo& info) {
    words.emplace_back(info.freq, std::string(word));
  });
  std::sort(words.begin(), words.end(), std::greater<>());
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size() && i < limit; ++i) out.push_back(words[i].second);
  return out;
}

// A pronounceable lower-case Latin word of min_len..max_len letters.
inline std::string LatinWord(std::mt19937& rng, int min_len, int max_len) {
  static const char* cons = "bcdfghjklmnprstvwxz";
  static const char* vow = "aeiou";
  const int len = std::uniform_int_distribution<int>(min_len, max_len)(rng);
  std::string w;
  for (int i = 0; i < len; ++i) w.push_back(i % 2 ? vow[rng() % 5] : cons[rng() % 19]);
  return w;
}

// `word` with a space on each side (built by appending: GCC 12 warns
// falsely, -Wrestrict, on "literal" + std::string at -O3).
inline std::string Spaced(const std::string& word) {
  std::string s = " ";
  s.append(word).push_back(' ');
  return s;
}

// One piece of a mixed product title, by `kind` (rng() % 10): a common word
// of `vocab` (0-5; the 2,000 commonest half the time), a spaced Latin word
// (6-7), a number (8), a 【bracketed】 common word (9). text_bench and
// normalize_bench build their titles from these.
inline std::string MixedPiece(std::mt19937& rng, const std::vector<std::string>& vocab, int kind) {
  if (kind < 6)
    return vocab[std::min<size_t>(vocab.size() - 1, rng() % 2000 + rng() % 18000 * (rng() % 2))];
  if (kind < 8) return Spaced(LatinWord(rng, 3, 7));
  if (kind < 9) return std::to_string(rng() % 1000);
  return std::string("【").append(vocab[rng() % 500]).append("】");
}

// `n` titles of exactly 100 code points, each `piece()` after `piece()`
// until it reaches 100, cut back to 100; adds their code points to
// `total_chars`.
template <typename Piece>
inline std::vector<std::string> Titles(int n, Piece piece, size_t& total_chars) {
  std::vector<std::string> titles;
  for (int i = 0; i < n; ++i) {
    std::string t;
    while (utf8::Length(t) < 100) t += piece();
    while (utf8::Length(t) > 100) {
      size_t pos = 0, last = 0;
      while (pos < t.size()) {
        last = pos;
        utf8::Next(t, pos);
      }
      t.resize(last);
    }
    total_chars += utf8::Length(t);
    titles.push_back(std::move(t));
  }
  return titles;
}

// Sentences of ordinary product descriptions (Chinese and English, sizes,
// numbers, punctuation), for filler text.
inline constexpr const char* kProductSentences[] = {
    "面料舒适透气，做工精细，版型修身，上身效果非常好。",
    "全国包邮，七天无理由退换，运费险已购买。",
    "Genuine leather, hand stitched, comes with dust bag and box. ",
    "颜色：黑色 白色 卡其色；尺码：S M L XL，偏小一码建议拍大一码。",
    "实物拍摄，因光线原因可能略有色差，请以实物为准。",
    "This product is brand new and ships within 48 hours of payment. ",
    "适用人群：学生、上班族；适用场景：通勤、旅行、运动。",
    "洗涤说明：手洗，不可漂白，低温熨烫，阴凉处晾干。"};

}  // namespace ipguard::bench
