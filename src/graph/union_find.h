// Disjoint sets over dense 32-bit ids: union by size, path halving.
// Amortized inverse-Ackermann per operation; 8 bytes per element.
#pragma once

#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace ipguard::graph {

class UnionFind {
 public:
  explicit UnionFind(uint32_t n = 0) : parent_(n), size_(n, 1) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  uint32_t size() const { return static_cast<uint32_t>(parent_.size()); }

  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  // Joins the sets of a and b; returns true when they were apart.
  bool Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    return true;
  }
  uint32_t SetSize(uint32_t x) { return size_[Find(x)]; }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

}  // namespace ipguard::graph
