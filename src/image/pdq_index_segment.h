// Internal to PdqIndex: one immutable segment of the multi-index (CSR tables
// over a contiguous range of entries) and the chunk layout it uses.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "image/pdq_index.h"

namespace ipguard::image {

// Entries appended after the last segment are scanned linearly until there
// are this many; then they become a segment.
inline constexpr uint32_t kTailLimit = 4096;
// A segment is merged with the one before it while it is more than a quarter
// of that one's size, so sizes shrink at least 4x from oldest to newest.
inline constexpr uint32_t kMergeRatio = 4;
// Segments at least this large are written to disk in a persisted index;
// smaller ones are cheaper to rebuild on open than to keep as files.
inline constexpr uint32_t kPersistMinEntries = 65536;

// Bits per chunk for a segment of n entries: floor(log2 n), so that a chunk
// value selects one or two entries.
inline int ChunkBits(uint32_t n) {
  return std::clamp(static_cast<int>(std::bit_width(n)) - 1, 8, 24);
}
// Chunks: as many as fit in 256 bits, at most 11 (4 bytes of ids each per
// entry, and at most 4 bytes of directory each, keep a stored hash within
// 32 + 8 + 44 + 44 = 128 bytes). Bits left uncovered only add distance, so
// the pigeonhole bound still holds.
inline int ChunkCount(int bits) { return std::min(256 / bits, 11); }

// The `bits` bits of `h` starting at bit `offset`.
inline uint32_t Chunk(const PdqHash& h, int offset, int bits) {
  const int w = offset >> 6, s = offset & 63;
  uint64_t v = h.words[w] >> s;
  if (s + bits > 64 && w < 3) v |= h.words[w + 1] << (64 - s);
  return static_cast<uint32_t>(v & ((uint64_t{1} << bits) - 1));
}

// Zeroed memory for large tables, backed by transparent huge pages where the
// kernel allows (their random access would otherwise miss the TLB on almost
// every probe).
std::shared_ptr<void> AllocateTables(size_t bytes);
// Asks for huge pages on an existing, not yet touched, allocation.
void AdviseHugePages(void* data, size_t bytes);

struct PdqIndex::Segment {
  uint32_t begin = 0, end = 0;
  int bits = 0, chunks = 0;
  const uint32_t* dir = nullptr;  // chunks x (2^bits + 1) offsets into ids
  const uint32_t* ids = nullptr;  // chunks x n entry ids (relative to begin)
  std::shared_ptr<void> mapping;  // the tables' memory (anonymous or a mapped file)
  std::string file;               // its file, when persisted

  uint32_t size() const { return end - begin; }
  size_t dir_len() const { return (size_t{1} << bits) + 1; }
  size_t words() const { return chunks * dir_len() + size_t(chunks) * size(); }
  size_t bytes() const { return words() * 4; }
};

}  // namespace ipguard::image
