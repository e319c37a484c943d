// Image digests (PDQ hashes) by file path, shared by every scanning thread:
// each image is decoded and hashed once, on a worker thread during Scan, and
// the ordered provenance session reads the result. Bounded: past `capacity`
// entries the oldest half is dropped (a dropped digest is recomputed if asked
// for again).
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "image/digest.h"
#include "ipguard/status.h"

namespace ipguard {

using image::ImageDigest;

class DigestCache {
 public:
  explicit DigestCache(size_t capacity = 1 << 18) : capacity_(capacity) {}

  // The digest of the image at `path` (resolved), computing it if absent.
  // Thread-safe; two threads asking for the same new path may both compute.
  std::shared_ptr<const ImageDigest> Get(const std::string& path);

 private:
  size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const ImageDigest>> map_;
  std::deque<std::string> order_;
};

}  // namespace ipguard
