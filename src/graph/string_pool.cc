#include "graph/string_pool.h"

namespace ipguard::graph {

uint64_t StringPool::Hash(std::string_view s) {
  // FNV-1a 64, then a murmur finalizer for the low bits the table uses.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

uint32_t StringPool::Find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(s) & mask;; i = (i + 1) & mask) {
    const uint32_t id = slots_[i];
    if (id == kNone) return kNone;
    if (Get(id) == s) return id;
  }
}

void StringPool::Grow() {
  const size_t n = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(n, kNone);
  const size_t mask = n - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    size_t i = Hash(Get(id)) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

uint32_t StringPool::Intern(std::string_view s) {
  if ((static_cast<size_t>(size()) + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = Hash(s) & mask;
  for (;; i = (i + 1) & mask) {
    const uint32_t id = slots_[i];
    if (id == kNone) break;
    if (Get(id) == s) return id;
  }
  const uint32_t id = size();
  bytes_.append(s);
  offsets_.push_back(bytes_.size());
  slots_[i] = id;
  return id;
}

size_t StringPool::MemoryBytes() const {
  return bytes_.capacity() + offsets_.capacity() * sizeof(uint64_t) +
         slots_.capacity() * sizeof(uint32_t);
}

}  // namespace ipguard::graph
