// An allocator for the text engine's large lookup tables (anchor tables,
// bit filters, per-character records): blocks of 256 KB or more are aligned
// to 2 MB and marked for transparent huge pages, so that random probes
// into tables of several MB cost a cache miss rather than a cache miss
// plus a TLB miss (a page walk, much dearer under virtualization). Smaller
// blocks, and systems without madvise, get ordinary memory.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace ipguard::text {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  static constexpr size_t kMinimum = size_t{256} << 10;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMinimum) return static_cast<T*>(::operator new(bytes));
    // Fresh pages from the kernel (heap memory the process freed is already
    // mapped with small pages), trimmed to a 2 MB aligned run.
    const size_t rounded = Rounded(bytes);
    void* raw =
        mmap(nullptr, rounded + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto base = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (base + kHuge - 1) / kHuge * kHuge;
    if (aligned > base) munmap(raw, aligned - base);
    if (aligned + rounded < base + rounded + kHuge)
      munmap(reinterpret_cast<void*>(aligned + rounded), base + kHuge - aligned);
#ifdef MADV_HUGEPAGE
    madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);  // a hint only
#endif
    return reinterpret_cast<T*>(aligned);
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMinimum)
      ::operator delete(p);
    else
      munmap(p, Rounded(bytes));
  }
  static size_t Rounded(size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace ipguard::text
