// A Bloom filter over strings (two bits per key from one 64-bit hash, both
// in one 64-bit word, so that a lookup costs one cache miss): a cheap
// "certainly absent" before a hash-map lookup whose buckets and nodes would
// each cost a cache miss. Most substrings and Latin words of a text are in
// none of the text engine's maps, so most lookups stop here.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "text/huge_page_allocator.h"

namespace ipguard::text {

class StringBloom {
 public:
  // `log2_bits`: size of the bit array (2^log2_bits bits).
  explicit StringBloom(int log2_bits = 20)
      : shift_(64 - (log2_bits - 6)), bits_((size_t{1} << log2_bits) / 64, 0) {}

  void Add(std::string_view s) { AddHash(Hash(s)); }
  // False only when `s` was never added.
  bool MayContain(std::string_view s) const { return MayContainHash(Hash(s)); }
  // The same by a hash from Hash(), for callers that reuse it (a hash table
  // behind the filter).
  void AddHash(uint64_t h) { bits_[h >> shift_] |= Mask(h); }
  bool MayContainHash(uint64_t h) const {
    const uint64_t mask = Mask(h);
    return (bits_[h >> shift_] & mask) == mask;
  }
  // Starts loading the word MayContainHash(h) reads.
  void Prefetch(uint64_t h) const { __builtin_prefetch(&bits_[h >> shift_]); }
  size_t MemoryBytes() const { return bits_.size() * 8; }

  static uint64_t Hash(std::string_view s) {
    // std::hash mixes poorly in its high bits on some libraries: remix.
    uint64_t h = std::hash<std::string_view>{}(s);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
  }

 private:
  // The key's two bits within its word (from the hash's low bits; the word
  // index takes the high ones).
  static uint64_t Mask(uint64_t h) {
    return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63));
  }

  int shift_;
  std::vector<uint64_t, HugePageAllocator<uint64_t>> bits_;
};

}  // namespace ipguard::text
