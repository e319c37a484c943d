// An exact radius index over PDQ hashes: every stored hash within Hamming
// distance `radius` of a query is returned, none is missed (tested against a
// brute-force popcount scan).
//
// Method: multi-index hashing (Norouzi et al., "Fast Search in Hamming Space
// with Multi-Index Hashing", CVPR 2012) filtered by the pigeonring principle
// (Qin & Xiao, "Pigeonring: A Principle for Faster Thresholded Similarity
// Search", VLDB 2018). The 256 bits are cut into 16 chunks of 16 bits. If
// d(q, x) <= r, some chunk c differs by at most r/16 bits AND chunks c and
// c+1 (cyclically) together by at most 2r/16. So each chunk's table is probed
// at every value within r/16 bits of the query's chunk (17 buckets at r = 31),
// each bucket is scanned sequentially against the next chunk's 16 bits
// stored inline (which rejects ~99.8% of its entries), and only the rest are
// verified with a full popcount.
//
// Entries are appended; they are indexed in immutable segments (per chunk a
// CSR directory over the chunk's top bits, and per entry 2 bytes of filter
// and a 3-byte id: 80 bytes per hash, plus 40 for the hash and payload),
// merged LSM-style so that segment sizes shrink geometrically, plus a short
// unindexed tail scanned linearly.
//
// Persistence (when opened on a path): the entries live in an append-only
// file of fixed-size records, each with a CRC; a torn or corrupt tail left by
// a crash is cut off on open. Segments are written beside it
// (PATH.seg-BEGIN-END, written to a temporary file, fsynced, renamed) and
// memory-mapped on reopen, so a reopened index is not rebuilt: only entries
// appended after its last segment are indexed again.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "image/pdq_hash.h"
#include "ipguard/status.h"

namespace ipguard::image {

struct PdqMatch {
  uint32_t entry;    // position of the stored hash (0 = first added)
  uint64_t payload;  // what the caller stored with it
  int distance;      // smallest Hamming distance to any query
  int query;         // index (into the queries) of the closest query
};

class PdqIndex {
 public:
  // An index held in memory only.
  PdqIndex();
  ~PdqIndex();
  PdqIndex(const PdqIndex&) = delete;
  PdqIndex& operator=(const PdqIndex&) = delete;

  // Opens (creating if absent) an index persisted at `path`. Records after
  // the last intact one (a crash mid-append) are cut off, and how many is
  // reported by dropped_on_open().
  static Result<std::unique_ptr<PdqIndex>> Open(const std::string& path);

  // Appends one hash with the caller's payload (e.g. a row id). In a
  // persisted index the record reaches the file's buffer at once and the
  // disk at the next Sync().
  Status Add(const PdqHash& hash, uint64_t payload);
  // Makes every added record durable (write + fdatasync).
  Status Sync();

  // Every stored entry within `radius` of any of `queries` (e.g. the 8
  // dihedral hashes of one image), once each with its smallest distance,
  // sorted by (distance, entry). Thread-safe against other Search calls,
  // not against Add.
  std::vector<PdqMatch> Search(std::span<const PdqHash> queries, int radius = 31) const;
  // The same answer by a linear popcount scan (the test oracle / baseline).
  std::vector<PdqMatch> SearchBruteForce(std::span<const PdqHash> queries, int radius = 31) const;

  // Reserves memory for `n` entries (bulk loads).
  void Reserve(size_t n);
  // Folds every segment and the tail into one segment (the fastest layout to
  // query; done after bulk loads).
  Status Compact();

  size_t size() const { return hashes_.size(); }
  const PdqHash& hash(uint32_t entry) const { return hashes_[entry]; }
  uint64_t payload(uint32_t entry) const { return payloads_[entry]; }
  uint64_t dropped_on_open() const { return dropped_on_open_; }
  size_t segment_count() const { return segments_.size(); }
  // Segments memory-mapped from their files by Open (not rebuilt).
  size_t segments_loaded_on_open() const { return segments_loaded_on_open_; }
  // Bytes of memory (hashes, payloads, tables) per stored hash.
  double BytesPerHash() const;

  struct Segment;  // defined in pdq_index.cc

 private:
  Status SealTail();
  Status Merge(size_t first);  // rebuilds segments [first, end) as one
  std::shared_ptr<Segment> BuildSegment(uint32_t begin, uint32_t end) const;
  Result<std::shared_ptr<Segment>> LoadSegment(const std::string& file, uint32_t begin,
                                               uint32_t end) const;
  uint64_t RangeChecksum(uint32_t begin, uint32_t end) const;
  Status WriteRecord(const PdqHash& hash, uint64_t payload);
  Status FlushPending();
  // Writes the newest segment's file when it is large enough to be worth
  // keeping and the index is persisted; deletes files of merged segments.
  Status PersistNewest();

  std::string path_;  // empty: in memory only
  int fd_ = -1;
  std::vector<uint8_t> pending_;  // records not yet written to fd_
  std::vector<PdqHash> hashes_;
  std::vector<uint64_t> payloads_;
  std::vector<std::shared_ptr<Segment>> segments_;  // oldest first, contiguous
  uint32_t indexed_ = 0;  // entries [0, indexed_) are in segments; the rest is the tail
  uint64_t dropped_on_open_ = 0;
  size_t segments_loaded_on_open_ = 0;
  std::vector<std::string> stale_files_;  // segment files of merged segments
};

}  // namespace ipguard::image
