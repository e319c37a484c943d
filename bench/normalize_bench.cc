// Normalizer benchmark (issue 3 item 7, issue 4 item 6: the shared
// normalization pass both pipelines pay). Over the same kind of 100-character
// titles text_bench uses (Chinese product words, Latin words, numbers,
// brackets), and over mixed-script disguised text, in one run:
//   fresh   NormalizedText t = Normalize(title)   (allocates every buffer)
//   reuse   Normalize(title, t) into one NormalizedText reused across titles,
//           as a scan thread does through Engine::Prepare(item, prepared)
// Prints code points per second per core (thread CPU time, median of runs).
// Usage: normalize_bench [TITLES=20000] [RUNS=5] [SETS=mixed,latin,disguised,descriptions]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/utf8.h"
#include "ipguard/text.h"

using namespace ipguard;

namespace {

std::mt19937 rng(42);

void Measure(const char* label, const std::vector<std::string>& titles, size_t chars, int runs) {
  std::vector<double> fresh, reuse;
  size_t bytes = 0;
  for (const auto& s : titles) bytes += s.size();
  size_t sink = 0;
  NormalizedText t;
  for (int r = 0; r < runs; ++r) {
    double t0 = bench::ThreadCpuSeconds();
    for (const auto& s : titles) sink += Normalize(s).key.size();
    fresh.push_back(chars / (bench::ThreadCpuSeconds() - t0));
    t0 = bench::ThreadCpuSeconds();
    for (const auto& s : titles) {
      Normalize(s, t);
      sink += t.key.size();
    }
    reuse.push_back(chars / (bench::ThreadCpuSeconds() - t0));
  }
  std::printf("  %-34s fresh %6.1f M chars/s   reuse %6.1f M chars/s (%5.1f MB/s)%s\n", label,
              bench::Median(fresh) / 1e6, bench::Median(reuse) / 1e6,
              bench::Median(reuse) * bytes / chars / 1e6, sink ? "" : " (empty)");
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto vocab = bench::JiebaWords();
  Normalize("warm up the tables 繁體");

  // text_bench's titles: Han words, Latin words, numbers, 【bracketed】 words.
  size_t mixed_chars = 0;
  const auto mixed = bench::Titles(
      n, [&] { return bench::MixedPiece(rng, vocab, static_cast<int>(rng() % 10)); }, mixed_chars);
  // English titles: Latin words, some capitalized, numbers, punctuation.
  size_t latin_chars = 0;
  const auto latin = bench::Titles(
      n,
      [&] {
        std::string w = bench::LatinWord(rng, 3, 8);
        if (rng() % 3 == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
        if (rng() % 8 == 0) return std::to_string(rng() % 500) + "GB, ";
        return w + " ";
      },
      latin_chars);
  // Disguised text: full-width, styled, traditional, separators, emoji.
  const char* disguises[] = {"ＮＩＫＥ", "𝐆𝐔𝐂𝐂𝐈", "N.I.K.E", "香🌸奈儿", "耐\u200B克", "香奈兒",
                             "N1KE",     "Nïkë",  "①②③",     "加薇❤",   "蘋果手機"};
  size_t disguised_chars = 0;
  const auto disguised = bench::Titles(
      n,
      [&] {
        if (rng() % 3 == 0) return std::string(disguises[rng() % 11]);
        return vocab[rng() % 2000];
      },
      disguised_chars);

  // Product descriptions (diversion_bench's filler): punctuated Chinese
  // sentences with some English, sizes and numbers.
  size_t description_chars = 0;
  const auto descriptions = bench::Titles(
      n, [&] { return std::string(bench::kProductSentences[rng() % 8]); }, description_chars);

  std::printf(
      "normalize_bench: %d titles x 100 code points per set, %d runs (median), thread CPU\n", n,
      runs);
  const std::string sets = argc > 3 ? argv[3] : "mixed,latin,disguised,descriptions";
  if (sets.find("mixed") != std::string::npos)
    Measure("Chinese+Latin titles (text_bench)", mixed, mixed_chars, runs);
  if (sets.find("latin") != std::string::npos) Measure("English titles", latin, latin_chars, runs);
  if (sets.find("disguised") != std::string::npos)
    Measure("disguised mixed-script text", disguised, disguised_chars, runs);
  if (sets.find("descriptions") != std::string::npos)
    Measure("punctuated descriptions", descriptions, description_chars, runs);
  return 0;
}
