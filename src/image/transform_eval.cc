#include "image/transform_eval.h"

#include <algorithm>

#include "image/encode.h"
#include "image/transform.h"

namespace ipguard::image {
namespace {

std::vector<uint8_t> Jpeg(const Image& img, int q = 85) { return *EncodeJpeg(img, q); }

}  // namespace

std::vector<std::string> TransformNames() {
  return {"resize_50",           "jpeg_q25", "crop_5", "crop_10",   "pad_15",
          "watermark",           "sticker",  "mirror", "rotate_90", "grayscale",
          "brightness_contrast", "canvas",   "png",    "webp"};
}

std::vector<uint8_t> MakeCopy(const Image& p, int which) {
  const int w = p.width, h = p.height;
  switch (which) {
    case 0:
      return Jpeg(Resize(p, w / 2, h / 2));
    case 1:
      return Jpeg(p, 25);
    case 2:
      return Jpeg(Crop(p, w * 25 / 1000, h * 25 / 1000, w * 95 / 100, h * 95 / 100));
    case 3:
      return Jpeg(Crop(p, w * 5 / 100, h * 5 / 100, w * 90 / 100, h * 90 / 100));
    case 4:
      return Jpeg(Pad(p, w * 15 / 100, h * 15 / 100, w * 15 / 100, h * 15 / 100, 255));
    case 5:
      return Jpeg(Watermark(p, w / 10, h * 8 / 10, w * 6 / 10, h / 12, 255));
    case 6:
      return Jpeg(Sticker(p, w * 7 / 10, h / 20, w / 5, h / 6, 220));
    case 7:
      return Jpeg(Mirror(p));
    case 8:
      return Jpeg(Rotate90(p, 1));
    case 9:
      return Jpeg(Grayscale(p));
    case 10:
      return Jpeg(Adjust(p, 20, 1.2));
    case 11:
      return Jpeg(OnCanvas(p, w * 13 / 10, h * 16 / 10, w / 10, h / 5, w * 11 / 10, h * 11 / 10));
    case 12:
      return *EncodePng(p);
    case 13:
      return *EncodeWebp(p, 80);
  }
  return {};
}

TransformReport EvaluateTransforms(const std::vector<Image>& photos, int radius) {
  TransformReport report;
  const auto names = TransformNames();
  // Photos too flat to hash with trust (quality <= 49) are left out: by
  // rule they never match, so they measure nothing.
  std::vector<ImageDigest> originals;
  std::vector<const Image*> kept;
  for (const auto& p : photos) {
    ImageDigest d = DigestImage(p);
    if (d.Usable().empty()) continue;
    originals.push_back(std::move(d));
    kept.push_back(&p);
  }
  std::vector<std::vector<ImageDigest>> copies(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    for (size_t t = 0; t < names.size(); ++t) {
      copies[i].push_back(DigestBytes(MakeCopy(*kept[i], static_cast<int>(t))));
    }
  }
  for (size_t t = 0; t < names.size(); ++t) {
    TransformResult r{names[t]};
    double sum = 0;
    for (size_t i = 0; i < kept.size(); ++i) {
      const DigestMatch m = BestMatch(copies[i][t], originals[i]);
      ++r.copies;
      r.matched += m.distance <= radius;
      if (m.distance > radius) r.missed.push_back(static_cast<int>(i));
      sum += std::min(m.distance, 256);
    }
    r.mean_distance = r.copies ? sum / r.copies : 0;
    report.transforms.push_back(r);
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    for (size_t j = 0; j < kept.size(); ++j) {
      if (i == j) continue;
      auto count = [&](const ImageDigest& d) {
        if (d.Usable().empty() || originals[j].Usable().empty()) return;
        ++report.unrelated_pairs;
        const int dist = BestMatch(d, originals[j]).distance;
        report.false_positives += dist <= radius;
        report.min_unrelated_distance = std::min(report.min_unrelated_distance, dist);
      };
      count(originals[i]);
      for (const auto& c : copies[i]) count(c);
      for (size_t t = 0; t < names.size(); ++t) {
        if (copies[i][t].Usable().empty() || copies[j][t].Usable().empty()) continue;
        const int dist = BestMatch(copies[i][t], copies[j][t]).distance;
        ++report.same_edit_pairs;
        report.same_edit_false_positives += dist <= radius;
        report.min_same_edit_distance = std::min(report.min_same_edit_distance, dist);
      }
    }
  }
  return report;
}

}  // namespace ipguard::image
