#include "detect/image_copy/digest_cache.h"

namespace ipguard {

std::shared_ptr<const ImageDigest> DigestCache::Get(const std::string& path) {
  {
    std::lock_guard lock(mu_);
    auto it = map_.find(path);
    if (it != map_.end()) return it->second;
  }
  auto digest = std::make_shared<const ImageDigest>(
      image::DigestFile(path));  // outside the lock: decoding is the slow part
  std::lock_guard lock(mu_);
  auto [it, inserted] = map_.emplace(path, digest);
  if (inserted) {
    order_.push_back(path);
    if (order_.size() > capacity_) {
      for (size_t i = 0, n = order_.size() / 2; i < n; ++i) {
        map_.erase(order_.front());
        order_.pop_front();
      }
    }
  }
  return it->second;
}

}  // namespace ipguard
