// PDQ index benchmark: N random stored hashes (default 10 million) with
// planted near-duplicates; measures insertions per second, then eight-way
// queries (the 8 dihedral hashes of an image) at radius 31 against a
// brute-force popcount scan of the same data in the same run, checks 100%
// recall against it, and prints the ratio and bytes per stored hash.
//
//   pdq_index_bench [N] [QUERIES] [BRUTE_QUERIES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include "image/pdq_index.h"

using namespace ipguard::image;
using Clock = std::chrono::steady_clock;

static double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds of this thread: the machine is shared, so "per core" figures
// are taken on the thread's own clock; wall-clock figures are printed beside.
static double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static PdqHash Random(std::mt19937_64& rng) {
  PdqHash h;
  for (auto& w : h.words) w = rng();
  return h;
}

static PdqHash Flip(PdqHash h, int bits, std::mt19937_64& rng) {
  for (int i = 0; i < bits; ++i) {
    const int b = static_cast<int>(rng() % 256);
    h.words[b >> 6] ^= uint64_t{1} << (b & 63);
  }
  return h;
}

static double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const int queries = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int brute_queries = argc > 3 ? std::atoi(argv[3]) : 20;
  std::mt19937_64 rng(2026);

  // Data: 1 in 50 stored hashes is a near-copy (0..40 bits) of an earlier one.
  std::vector<PdqHash> data(n);
  for (size_t i = 0; i < n; ++i) {
    data[i] = (i > 0 && i % 50 == 0) ? Flip(data[rng() % i], static_cast<int>(rng() % 41), rng)
                                     : Random(rng);
  }

  PdqIndex index;
  index.Reserve(n);
  const auto t0 = Clock::now();
  const double c0 = CpuNow();
  for (size_t i = 0; i < n; ++i) {
    if (!index.Add(data[i], i).ok()) return 1;
  }
  const auto t1 = Clock::now();
  const double c1 = CpuNow();
  if (!index.Compact().ok()) return 1;
  const auto t2 = Clock::now();
  const double c2 = CpuNow();
  std::printf(
      "entries %zu: insert %.2f s wall / %.2f s cpu (%.0f inserts/s/core cpu, %.0f wall), "
      "compact %.2f s wall / %.2f s cpu, %.1f bytes/hash\n",
      n, Seconds(t0, t1), c1 - c0, n / (c1 - c0), n / Seconds(t0, t1), Seconds(t1, t2), c2 - c1,
      index.BytesPerHash());

  // Eight-way queries: 8 hashes, one of them near a stored hash.
  auto make_query = [&](std::vector<PdqHash>& q) {
    q.clear();
    for (int k = 0; k < 8; ++k) q.push_back(Random(rng));
    q[rng() % 8] = Flip(data[rng() % n], static_cast<int>(rng() % 32), rng);
  };
  std::vector<PdqHash> q;
  std::vector<double> mih_ms;
  size_t found = 0;
  for (int i = 0; i < queries; ++i) {
    make_query(q);
    const double a = CpuNow();
    found += index.Search(q, 31).size();
    mih_ms.push_back((CpuNow() - a) * 1e3);
  }
  std::vector<double> brute_ms;
  size_t recall_hits = 0, recall_total = 0;
  for (int i = 0; i < brute_queries; ++i) {
    make_query(q);
    const double a = CpuNow();
    const auto want = index.SearchBruteForce(q, 31);
    brute_ms.push_back((CpuNow() - a) * 1e3);
    const auto got = index.Search(q, 31);
    recall_total += want.size();
    for (const auto& w : want) {
      for (const auto& g : got) {
        if (g.entry == w.entry && g.distance == w.distance) {
          ++recall_hits;
          break;
        }
      }
    }
  }
  const double mih = Median(mih_ms), brute = Median(brute_ms);
  const auto wq0 = Clock::now();
  for (int i = 0; i < 100; ++i) {
    make_query(q);
    found += index.Search(q, 31).size();
  }
  const double wall_ms = Seconds(wq0, Clock::now()) * 10;
  std::printf(
      "eight-way query, radius 31 (cpu time): index median %.3f ms (%.0f queries/s/core), "
      "brute force median %.1f ms; ratio %.0fx; wall-clock mean %.3f ms; %zu matches\n",
      mih, 1e3 / mih, brute, brute / mih, wall_ms, found);
  std::printf("recall vs brute force: %zu / %zu (%s)\n", recall_hits, recall_total,
              recall_hits == recall_total ? "100%" : "MISSED");
  return recall_hits == recall_total ? 0 : 2;
}
