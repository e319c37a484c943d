#include "detect/image_copy/digest_cache.h"

#include "image/trim.h"

namespace ipguard {

std::shared_ptr<const ImageDigest> ComputeDigest(const std::string& path) {
  auto d = std::make_shared<ImageDigest>();
  auto img = image::DecodeFile(path, image::PdqDecodeOptions(image::PdqMode::kFast));
  if (!img.ok()) {
    d->status = img.status();
    return d;
  }
  std::vector<float> luma = image::LumaOf(*img);
  if (auto box = image::FindContentBox(luma, img->height, img->width)) {
    std::vector<float> inner = image::CropLuma(luma, img->width, *box);
    d->trimmed = image::PdqFromLuma(inner, box->height, box->width);
  }
  d->pdq = image::PdqFromLuma(luma, img->height, img->width);
  return d;
}

std::shared_ptr<const ImageDigest> DigestCache::Get(const std::string& path) {
  {
    std::lock_guard lock(mu_);
    auto it = map_.find(path);
    if (it != map_.end()) return it->second;
  }
  auto digest = ComputeDigest(path);  // outside the lock: decoding is the slow part
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
