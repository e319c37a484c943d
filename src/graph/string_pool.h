// An append-only pool of byte strings with dense 32-bit ids: one arena of
// bytes, one offset per string and an open-addressing table of ids, so that
// tens of millions of identifiers cost their bytes plus ~16 bytes each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipguard::graph {

class StringPool {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id of `s`, adding it when new (ids are 0, 1, 2... in order of first
  // appearance).
  uint32_t Intern(std::string_view s);
  // The id of `s`, or kNone.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(bytes_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  // Bytes held (arena, offsets, table).
  size_t MemoryBytes() const;

 private:
  static uint64_t Hash(std::string_view s);
  void Grow();
  std::string bytes_;
  std::vector<uint64_t> offsets_{0};
  std::vector<uint32_t> slots_;  // kNone = empty
};

}  // namespace ipguard::graph
