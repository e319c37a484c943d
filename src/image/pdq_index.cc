#include "image/pdq_index.h"

#include "image/pdq_index_segment.h"

#include <algorithm>
#include <bit>
#include <new>

#include <sys/mman.h>

namespace ipguard::image {
namespace {

// Generalised pigeonhole: thresholds t_i >= -1 (-1: chunk not probed) with
// sum(t_i + 1) = r + 1; if every chunk differed by more than t_i the total
// distance would exceed r.
std::vector<int> Thresholds(int chunks, int radius) {
  std::vector<int> t(chunks, (radius + 1) / chunks - 1);
  for (int i = 0; i < (radius + 1) % chunks; ++i) ++t[i];
  return t;
}

// Calls f(value) for every value within `t` bit flips of `key` (b bits),
// flipping bits at positions >= `from`.
template <typename F>
void Neighbours(uint32_t key, int bits, int t, int from, F&& f) {
  f(key);
  if (t == 0) return;
  for (int i = from; i < bits; ++i) Neighbours(key ^ (1u << i), bits, t - 1, i + 1, f);
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
  seg->bits = ChunkBits(end - begin);
  seg->chunks = ChunkCount(seg->bits);
  const uint32_t n = end - begin;
  const size_t dl = seg->dir_len();
  seg->mapping = AllocateTables(seg->bytes());
  uint32_t* dir = static_cast<uint32_t*>(seg->mapping.get());
  uint32_t* ids = dir + seg->chunks * dl;
  std::vector<uint32_t> keys(n);
  for (int c = 0; c < seg->chunks; ++c) {
    // Counting sort of the entries by this chunk's value (CSR build).
    uint32_t* d = dir + c * dl;
    for (uint32_t e = 0; e < n; ++e) {
      keys[e] = Chunk(hashes_[begin + e], c * seg->bits, seg->bits);
      ++d[keys[e] + 1];
    }
    for (size_t k = 1; k < dl; ++k) d[k] += d[k - 1];
    // d[k] is now the start of bucket k; place entries, then shift back.
    uint32_t* out = ids + static_cast<size_t>(c) * n;
    for (uint32_t e = 0; e < n; ++e) out[d[keys[e]]++] = e;
    for (size_t k = dl - 1; k > 0; --k) d[k] = d[k - 1];
    d[0] = 0;
  }
  seg->dir = dir;
  seg->ids = ids;
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
  segments_.push_back(BuildSegment(indexed_, end));
  indexed_ = end;
  while (segments_.size() >= 2 && uint64_t{segments_.back()->size()} * kMergeRatio >
                                      segments_[segments_.size() - 2]->size()) {
    if (Status st = Merge(segments_.size() - 2); !st.ok()) return st;
  }
  return PersistNewest();
}

Status PdqIndex::Compact() {
  if (Status st = SealTail(); !st.ok()) return st;
  if (segments_.size() <= 1) return Status::Ok();
  if (Status st = Merge(0); !st.ok()) return st;
  return PersistNewest();
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

std::vector<PdqMatch> PdqIndex::Search(std::span<const PdqHash> queries, int radius) const {
  struct Candidate {
    uint32_t entry;
    uint32_t query;
  };
  std::vector<PdqMatch> out;
  std::vector<size_t> slots;  // (chunk, value) positions in a directory
  std::vector<uint32_t> slot_query;
  std::vector<Candidate> cands;
  struct Range {
    const uint32_t* ids;
    uint32_t count;
    uint32_t query;
  };
  std::vector<Range> ranges;
  for (const auto& seg : segments_) {
    const std::vector<int> t = Thresholds(seg->chunks, radius);
    const size_t dl = seg->dir_len();
    const uint32_t n = seg->size();
    // Stage 1: every directory slot to probe (no memory touched yet).
    slots.clear();
    slot_query.clear();
    for (uint32_t q = 0; q < queries.size(); ++q) {
      for (int c = 0; c < seg->chunks; ++c) {
        if (t[c] < 0) continue;
        const uint32_t key = Chunk(queries[q], c * seg->bits, seg->bits);
        Neighbours(key, seg->bits, t[c], 0, [&](uint32_t v) {
          slots.push_back(c * dl + v);
          slot_query.push_back(q);
        });
      }
    }
    // Stages 2-4 each walk a list of random addresses, prefetching the one
    // kAhead places on, so that many cache misses are in flight at once
    // while the data used is still in L1.
    constexpr size_t kAhead = 24;
    // Stage 2: the non-empty buckets.
    ranges.clear();
    for (size_t i = 0; i < slots.size(); ++i) {
      if (i + kAhead < slots.size()) __builtin_prefetch(seg->dir + slots[i + kAhead]);
      const uint32_t lo = seg->dir[slots[i]], hi = seg->dir[slots[i] + 1];
      if (lo != hi) ranges.push_back({seg->ids + (slots[i] / dl) * n + lo, hi - lo, slot_query[i]});
    }
    // Stage 3: the entries in them.
    cands.clear();
    for (size_t i = 0; i < ranges.size(); ++i) {
      if (i + kAhead < ranges.size()) __builtin_prefetch(ranges[i + kAhead].ids);
      const Range& r = ranges[i];
      for (uint32_t p = 0; p < r.count; ++p) cands.push_back({seg->begin + r.ids[p], r.query});
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
    return a.entry != b.entry ? a.entry < b.entry : a.distance < b.distance;
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
