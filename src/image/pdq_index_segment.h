// Internal to PdqIndex: one immutable segment of the multi-index (CSR tables
// over a contiguous range of entries) and the chunk layout it uses.
//
// Layout: the 256 bits are cut into kChunks = 16 chunks of 16 bits. For each
// chunk c a segment holds its entries sorted by the top `bits` bits of chunk
// c (a counting sort), as
//   dir[c]     2^bits + 1 offsets (CSR directory: bucket v is [dir[v], dir[v+1]))
//   filter[c]  per entry, the full 16-bit value of the NEXT chunk (c + 1 mod 16)
//   ids[c]     per entry, its position relative to the segment's begin, 3 bytes
// so a bucket is scanned sequentially: the filter rejects almost every
// entry there without touching its hash (see the pigeonring in pdq_index.cc).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "image/pdq_index.h"

namespace ipguard::image {

inline constexpr int kChunks = 16;
inline constexpr int kChunkBits = 16;
// Entries appended after the last segment are scanned linearly until there
// are this many; then they become a segment.
inline constexpr uint32_t kTailLimit = 4096;
// A segment is merged with the one before it while it is more than a quarter
// of that one's size, so sizes shrink at least 4x from oldest to newest.
inline constexpr uint32_t kMergeRatio = 4;
// Ids are 3 bytes, so a segment holds at most 2^24 entries; larger indexes
// have several segments.
inline constexpr uint32_t kMaxSegment = uint32_t{1} << 24;
// Segments at least this large are written to disk in a persisted index;
// smaller ones are cheaper to rebuild on open than to keep as files.
inline constexpr uint32_t kPersistMinEntries = 65536;

// Directory bits for a segment of n entries: buckets of 16 to 32 entries for
// small segments (the directory stays within ~4 bytes per entry), the full
// 16-bit chunk from 2^20 entries on.
inline int DirBits(uint32_t n) {
  return std::clamp(static_cast<int>(std::bit_width(n)) - 5, 6, kChunkBits);
}

// Chunk c (bits 16c .. 16c+15) of `h`.
inline uint32_t Chunk16(const PdqHash& h, int c) {
  return static_cast<uint32_t>(h.words[c >> 2] >> (16 * (c & 3))) & 0xFFFF;
}

// The 3-byte id at position i of an id array (arrays carry padding).
inline uint32_t ReadId(const uint8_t* ids, size_t i) {
  uint32_t v;
  std::memcpy(&v, ids + 3 * i, 4);
  return v & 0xFFFFFF;
}

// Zeroed memory for large tables, backed by transparent huge pages where the
// kernel allows (their random access would otherwise miss the TLB on almost
// every probe).
std::shared_ptr<void> AllocateTables(size_t bytes);
// Asks for huge pages on an existing, not yet touched, allocation.
void AdviseHugePages(void* data, size_t bytes);

struct PdqIndex::Segment {
  // Bytes after the tables, so that 4-byte id reads and 16-entry filter
  // loads may run past the last entry.
  static constexpr size_t kPadding = 32;
  uint32_t begin = 0, end = 0;
  int bits = 0;                      // directory bits (DirBits(size()))
  const uint32_t* dir = nullptr;     // kChunks x (2^bits + 1) offsets
  const uint16_t* filter = nullptr;  // kChunks x n next-chunk values
  const uint8_t* ids = nullptr;      // kChunks x n x 3 bytes, + kPadding bytes
  std::shared_ptr<void> mapping;     // the tables' memory (anonymous or a mapped file)
  std::string file;                  // its file, when persisted

  uint32_t size() const { return end - begin; }
  size_t dir_len() const { return (size_t{1} << bits) + 1; }
  size_t dir_bytes() const { return size_t{kChunks} * dir_len() * 4; }
  size_t filter_bytes() const { return size_t{kChunks} * size() * 2; }
  size_t id_bytes() const { return size_t{kChunks} * size() * 3 + kPadding; }
  size_t bytes() const { return dir_bytes() + filter_bytes() + id_bytes(); }
  // Points dir, filter and ids into a block of bytes() bytes.
  void Bind(const void* tables) {
    const auto* p = static_cast<const uint8_t*>(tables);
    dir = reinterpret_cast<const uint32_t*>(p);
    filter = reinterpret_cast<const uint16_t*>(p + dir_bytes());
    ids = p + dir_bytes() + filter_bytes();
  }
};

}  // namespace ipguard::image
