#include "image/pdq_index.h"

#include "image/pdq_index_segment.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#include <immintrin.h>
#include <sys/mman.h>

namespace ipguard::image {

static_assert(std::endian::native == std::endian::little, "3-byte ids are little-endian");

namespace {

// Calls f(value, flips) for every value within `t` bit flips of `key` (b
// bits), flipping bits at positions >= `from`; `flips` counts the flips made.
template <typename F>
void Neighbours(uint32_t key, int bits, int t, int from, int flips, F&& f) {
  f(key, flips);
  if (t == 0) return;
  for (int i = from; i < bits; ++i) Neighbours(key ^ (1u << i), bits, t - 1, i + 1, flips + 1, f);
}

// Appends to `out` the positions p < count with popcount(f[p] ^ next) <=
// budget (the pigeonring filter of a bucket), scalar.
void ScanBucketScalar(const uint16_t* f, uint32_t count, uint16_t next, int budget,
                      std::vector<uint32_t>& out) {
  for (uint32_t p = 0; p < count; ++p) {
    if (std::popcount(static_cast<uint32_t>(f[p] ^ next)) <= budget) out.push_back(p);
  }
}

// The same, 16 entries at a time: per-byte popcounts by nibble lookup
// (pshufb), summed to 16-bit lanes, compared with the budget. Reads up to 15
// entries past the bucket (the tables carry padding); those lanes are masked.
__attribute__((target("avx2"))) void ScanBucketAvx2(const uint16_t* f, uint32_t count,
                                                    uint16_t next, int budget,
                                                    std::vector<uint32_t>& out) {
  const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2,
                                       1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0F);
  const __m256i ones = _mm256_set1_epi8(1);
  const __m256i q = _mm256_set1_epi16(static_cast<int16_t>(next));
  const __m256i limit = _mm256_set1_epi16(static_cast<int16_t>(budget));
  for (uint32_t p = 0; p < count; p += 16) {
    const __m256i x =
        _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(f + p)), q);
    const __m256i c8 =
        _mm256_add_epi8(_mm256_shuffle_epi8(lut, _mm256_and_si256(x, low)),
                        _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(x, 4), low)));
    const __m256i c16 = _mm256_maddubs_epi16(c8, ones);
    uint32_t pass = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi16(c16, limit)));
    if (count - p < 16) pass &= (uint32_t{1} << (2 * (count - p))) - 1;
    pass &= 0x55555555;  // one bit per 16-bit lane
    while (pass) {
      out.push_back(p + (std::countr_zero(pass) >> 1));
      pass &= pass - 1;
    }
  }
}

// Whether this CPU has AVX2 (checked once; __builtin_cpu_init makes the
// check safe even from static initialisers).
bool HaveAvx2() {
  static const bool avx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return avx2;
}

}  // namespace

std::shared_ptr<void> AllocateTables(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t size = std::max<size_t>((bytes + kHuge - 1) / kHuge * kHuge, kHuge);
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  ::madvise(p, size, MADV_HUGEPAGE);
  return std::shared_ptr<void>(p, [size](void* q) { ::munmap(q, size); });
}

void AdviseHugePages(void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

PdqIndex::PdqIndex() = default;

void PdqIndex::Reserve(size_t n) {
  if (n <= hashes_.capacity()) return;
  hashes_.reserve(n);
  payloads_.reserve(n);
  AdviseHugePages(hashes_.data(), n * sizeof(PdqHash));
}

std::shared_ptr<PdqIndex::Segment> PdqIndex::BuildSegment(uint32_t begin, uint32_t end) const {
  auto seg = std::make_shared<Segment>();
  seg->begin = begin;
  seg->end = end;
  seg->bits = DirBits(end - begin);
  const uint32_t n = end - begin;
  const size_t dl = seg->dir_len();
  const int shift = kChunkBits - seg->bits;
  seg->mapping = AllocateTables(seg->bytes());
  seg->Bind(seg->mapping.get());
  auto* dir = const_cast<uint32_t*>(seg->dir);
  auto* filter = const_cast<uint16_t*>(seg->filter);
  auto* ids = const_cast<uint8_t*>(seg->ids);
  std::vector<uint32_t> keys(n);
  for (int c = 0; c < kChunks; ++c) {
    // Counting sort of the entries by the top bits of this chunk (CSR build).
    uint32_t* d = dir + c * dl;
    for (uint32_t e = 0; e < n; ++e) {
      keys[e] = Chunk16(hashes_[begin + e], c) >> shift;
      ++d[keys[e] + 1];
    }
    for (size_t k = 1; k < dl; ++k) d[k] += d[k - 1];
    // d[k] is now the start of bucket k; place entries, then shift back.
    const size_t base = size_t(c) * n;
    const int next = (c + 1) % kChunks;
    for (uint32_t e = 0; e < n; ++e) {
      const size_t pos = base + d[keys[e]]++;
      filter[pos] = static_cast<uint16_t>(Chunk16(hashes_[begin + e], next));
      std::memcpy(ids + 3 * pos, &e, 3);  // little-endian: the low 3 bytes
    }
    for (size_t k = dl - 1; k > 0; --k) d[k] = d[k - 1];
    d[0] = 0;
  }
  return seg;
}

Status PdqIndex::Add(const PdqHash& hash, uint64_t payload) {
  if (hashes_.size() >= UINT32_MAX - 1) return Status::Error("PDQ index full (2^32 entries)");
  hashes_.push_back(hash);
  payloads_.push_back(payload);
  if (fd_ >= 0) {
    if (Status st = WriteRecord(hash, payload); !st.ok()) return st;
  }
  if (hashes_.size() - indexed_ >= kTailLimit) return SealTail();
  return Status::Ok();
}

Status PdqIndex::SealTail() {
  const uint32_t end = static_cast<uint32_t>(hashes_.size());
  if (end == indexed_) return Status::Ok();
  for (uint32_t b = indexed_; b < end; b += std::min(kMaxSegment, end - b)) {
    segments_.push_back(BuildSegment(b, b + std::min(kMaxSegment, end - b)));
  }
  indexed_ = end;
  while (segments_.size() >= 2) {
    const uint64_t last = segments_.back()->size(), prev = segments_[segments_.size() - 2]->size();
    if (last * kMergeRatio <= prev || last + prev > kMaxSegment) break;
    if (Status st = Merge(segments_.size() - 2); !st.ok()) return st;
  }
  return PersistNewest();
}

Status PdqIndex::Compact() {
  if (Status st = SealTail(); !st.ok()) return st;
  // Segments before `first` are full; the rest are rebuilt as full-size pieces.
  size_t first = 0;
  while (first < segments_.size() && segments_[first]->size() == kMaxSegment) ++first;
  if (segments_.size() - first <= 1) return Status::Ok();
  const uint32_t begin = segments_[first]->begin;
  for (size_t i = first; i < segments_.size(); ++i) {
    if (!segments_[i]->file.empty()) stale_files_.push_back(segments_[i]->file);
  }
  segments_.resize(first);
  for (uint32_t b = begin; b < indexed_; b += std::min(kMaxSegment, indexed_ - b)) {
    segments_.push_back(BuildSegment(b, b + std::min(kMaxSegment, indexed_ - b)));
    if (Status st = PersistNewest(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status PdqIndex::Merge(size_t first) {
  auto merged = BuildSegment(segments_[first]->begin, segments_.back()->end);
  for (size_t i = first; i < segments_.size(); ++i) {
    if (!segments_[i]->file.empty()) stale_files_.push_back(segments_[i]->file);
  }
  segments_.resize(first);
  segments_.push_back(std::move(merged));
  return Status::Ok();
}

// Search: multi-index hashing (Norouzi et al., CVPR 2012) with the
// pigeonring principle (Qin & Xiao, VLDB 2018) as the filter.
//
// Let d_c be the distance on chunk c and d = sum of d_c <= r. With
// e_c = d_c - r/16 (sum <= 0), start at the chunk after the largest prefix
// sum of e: every cyclic run of e from there sums to <= 0 (the "gas
// station" lemma). So some chunk c has
//   16 d_c <= r            (1: probe every value within r/16 flips of q's chunk)
//   16 (d_c + d_c+1) <= 2r (2: the filter, checked on the next chunk stored inline)
// With a directory over only the top `bits` bits of a chunk, the probed
// distance is a lower bound of d_c, so (1) and (2) still hold: exact.
std::vector<PdqMatch> PdqIndex::Search(std::span<const PdqHash> queries, int radius) const {
  std::vector<PdqMatch> out;
  if (radius < 0) return out;
  const int t1 = std::min(radius / kChunks, kChunkBits);
  const int t2 = 2 * radius / kChunks;
  struct Probe {
    uint32_t slot;  // chunk * dir_len + bucket
    uint32_t query;
    uint16_t next;    // the query's next chunk
    uint16_t budget;  // most bits the next chunk may differ by
  };
  struct Range {
    size_t pos;  // first entry in the chunk's filter/id arrays
    uint32_t count;
    uint32_t query;
    uint16_t next, budget;
  };
  struct Candidate {
    uint32_t entry;
    uint32_t query;
  };
  std::vector<Probe> probes;
  std::vector<Range> ranges;
  std::vector<Candidate> cands;
  std::vector<uint32_t> passed;
  const bool have_avx2 = HaveAvx2();
  for (const auto& seg : segments_) {
    const size_t dl = seg->dir_len();
    const uint32_t n = seg->size();
    const int shift = kChunkBits - seg->bits;
    // Stage 1: every directory slot to probe (no memory touched yet).
    probes.clear();
    for (uint32_t q = 0; q < queries.size(); ++q) {
      for (int c = 0; c < kChunks; ++c) {
        const uint32_t key = Chunk16(queries[q], c) >> shift;
        const auto next = static_cast<uint16_t>(Chunk16(queries[q], (c + 1) % kChunks));
        Neighbours(key, seg->bits, std::min(t1, seg->bits), 0, 0, [&](uint32_t v, int flips) {
          probes.push_back(
              {static_cast<uint32_t>(c * dl + v), q, next, static_cast<uint16_t>(t2 - flips)});
        });
      }
    }
    // Stages 2-4 each walk a list of random addresses, prefetching the one
    // kAhead places on, so that many cache misses are in flight at once
    // while the data used is still in L1.
    constexpr size_t kAhead = 16;
    // Stage 2: the non-empty buckets.
    ranges.clear();
    for (size_t i = 0; i < probes.size(); ++i) {
      if (i + kAhead < probes.size()) __builtin_prefetch(seg->dir + probes[i + kAhead].slot);
      const Probe& p = probes[i];
      const uint32_t lo = seg->dir[p.slot], hi = seg->dir[p.slot + 1];
      if (lo != hi) ranges.push_back({(p.slot / dl) * n + lo, hi - lo, p.query, p.next, p.budget});
    }
    // Stage 3: scan each bucket's filters (sequential); keep entries whose
    // next chunk is within budget.
    cands.clear();
    for (size_t i = 0; i < ranges.size(); ++i) {
      if (i + kAhead / 2 < ranges.size()) {
        const Range& a = ranges[i + kAhead / 2];
        const char* f = reinterpret_cast<const char*>(seg->filter + a.pos);
        const size_t len = std::min<size_t>(a.count * 2, 512);
        for (size_t o = 0; o < len; o += 64) __builtin_prefetch(f + o);
      }
      const Range& r = ranges[i];
      passed.clear();
      if (have_avx2) {
        ScanBucketAvx2(seg->filter + r.pos, r.count, r.next, r.budget, passed);
      } else {
        ScanBucketScalar(seg->filter + r.pos, r.count, r.next, r.budget, passed);
      }
      for (uint32_t p : passed)
        cands.push_back({seg->begin + ReadId(seg->ids, r.pos + p), r.query});
    }
    // Stage 4: verify each with the full 256-bit distance.
    for (size_t i = 0; i < cands.size(); ++i) {
      if (i + kAhead < cands.size()) __builtin_prefetch(&hashes_[cands[i + kAhead].entry]);
      const Candidate& c = cands[i];
      const int d = Hamming(hashes_[c.entry], queries[c.query]);
      if (d <= radius) out.push_back({c.entry, payloads_[c.entry], d, static_cast<int>(c.query)});
    }
  }
  // The tail: a linear scan.
  for (uint32_t e = indexed_; e < hashes_.size(); ++e) {
    for (uint32_t q = 0; q < queries.size(); ++q) {
      const int d = Hamming(hashes_[e], queries[q]);
      if (d <= radius) out.push_back({e, payloads_[e], d, static_cast<int>(q)});
    }
  }
  // One match per entry, its closest query.
  std::sort(out.begin(), out.end(), [](const PdqMatch& a, const PdqMatch& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    return a.distance != b.distance ? a.distance < b.distance : a.query < b.query;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const PdqMatch& a, const PdqMatch& b) { return a.entry == b.entry; }),
            out.end());
  std::sort(out.begin(), out.end(), [](const PdqMatch& a, const PdqMatch& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.entry < b.entry;
  });
  return out;
}

std::vector<PdqMatch> PdqIndex::SearchBruteForce(std::span<const PdqHash> queries,
                                                 int radius) const {
  std::vector<PdqMatch> out;
  for (uint32_t e = 0; e < hashes_.size(); ++e) {
    int best = 257, which = 0;
    for (uint32_t q = 0; q < queries.size(); ++q) {
      const int d = Hamming(hashes_[e], queries[q]);
      if (d < best) best = d, which = static_cast<int>(q);
    }
    if (best <= radius) out.push_back({e, payloads_[e], best, which});
  }
  std::sort(out.begin(), out.end(), [](const PdqMatch& a, const PdqMatch& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.entry < b.entry;
  });
  return out;
}

double PdqIndex::BytesPerHash() const {
  if (hashes_.empty()) return 0;
  size_t bytes = hashes_.capacity() * sizeof(PdqHash) + payloads_.capacity() * sizeof(uint64_t);
  for (const auto& s : segments_) bytes += s->bytes();
  return static_cast<double>(bytes) / hashes_.size();
}

}  // namespace ipguard::image
