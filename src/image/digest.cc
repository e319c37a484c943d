#include "image/digest.h"

#include "image/trim.h"

#include <algorithm>

namespace ipguard::image {

std::vector<const PdqResult*> ImageDigest::Usable() const {
  std::vector<const PdqResult*> out;
  if (!status.ok()) return out;
  if (pdq.quality >= kMinMatchQuality) out.push_back(&pdq);
  if (trimmed && trimmed->quality >= kMinMatchQuality) out.push_back(&*trimmed);
  return out;
}

std::vector<const PdqResult*> ImageDigest::Stored() const {
  std::vector<const PdqResult*> out = Usable();
  if (out.empty()) return out;
  for (const auto& r : regions) {
    if (r.quality >= kMinMatchQuality) out.push_back(&r);
  }
  return out;
}

namespace {

// Box-average of the luma to a thumbnail whose short side is ~128 px.
std::vector<float> Thumbnail(const std::vector<float>& luma, int rows, int cols, int& trows,
                             int& tcols) {
  const int f = std::max(1, std::min(rows, cols) / 128);
  trows = rows / f, tcols = cols / f;
  std::vector<float> out(static_cast<size_t>(trows) * tcols, 0.0f);
  for (int y = 0; y < trows * f; ++y) {
    const float* src = luma.data() + static_cast<size_t>(y) * cols;
    float* dst = out.data() + static_cast<size_t>(y / f) * tcols;
    for (int x = 0; x < tcols * f; ++x) dst[x / f] += src[x];
  }
  const float inv = 1.0f / static_cast<float>(f * f);
  for (auto& v : out) v *= inv;
  return out;
}

void AddRegions(const std::vector<float>& luma, int rows, int cols, ImageDigest& d) {
  int tr = 0, tc = 0;
  const std::vector<float> thumb = Thumbnail(luma, rows, cols, tr, tc);
  if (tr < 32 || tc < 32) return;
  // (left, top, right, bottom) removed, in percent.
  static constexpr int kCuts[][4] = {{2, 2, 3, 3},  {5, 5, 5, 5}, {5, 0, 0, 0},  {0, 5, 0, 0},
                                     {0, 0, 5, 0},  {0, 0, 0, 5}, {10, 0, 0, 0}, {0, 10, 0, 0},
                                     {0, 0, 10, 0}, {0, 0, 0, 10}};
  for (const auto& c : kCuts) {
    Box b{tc * c[0] / 100, tr * c[1] / 100, 0, 0};
    b.width = tc - b.x - tc * c[2] / 100;
    b.height = tr - b.y - tr * c[3] / 100;
    std::vector<float> sub = CropLuma(thumb, tc, b);
    d.regions.push_back(PdqFromLuma(sub, b.height, b.width));
  }
}

}  // namespace

ImageDigest DigestImage(const Image& image) {
  ImageDigest d;
  int rows = 0, cols = 0;
  // The full decoded luma (not fast mode's 2x2 average): the border,
  // sub-region and whole-picture hashes all keep the detail they can.
  std::vector<float> luma = LumaOf(image);
  rows = image.height, cols = image.width;
  if (auto box = FindContentBox(luma, rows, cols)) {
    std::vector<float> inner = CropLuma(luma, cols, *box);
    d.trimmed = PdqFromLuma(inner, box->height, box->width);
  }
  AddRegions(luma, rows, cols, d);
  d.pdq = PdqFromLuma(luma, rows, cols, image.source_height ? image.source_height : image.height,
                      image.source_width ? image.source_width : image.width);
  return d;
}

ImageDigest DigestBytes(std::span<const uint8_t> bytes) {
  auto img = Decode(bytes, PdqDecodeOptions(PdqMode::kFast));
  if (!img.ok()) {
    ImageDigest d;
    d.status = img.status();
    return d;
  }
  return DigestImage(*img);
}

ImageDigest DigestFile(const std::string& path) {
  auto img = DecodeFile(path, PdqDecodeOptions(PdqMode::kFast));
  if (!img.ok()) {
    ImageDigest d;
    d.status = img.status();
    return d;
  }
  return DigestImage(*img);
}

DigestMatch BestMatch(const ImageDigest& copy, const ImageDigest& original) {
  DigestMatch best;
  for (const PdqResult* c : copy.Usable()) {
    for (const PdqResult* o : original.Stored()) {
      for (int t = 0; t < kDihedralCount; ++t) {
        const int d = Hamming(c->dihedral[t], o->hash());
        if (d < best.distance) best = {d, InverseDihedral(t), c != &copy.pdq || o != &original.pdq};
      }
    }
  }
  return best;
}

}  // namespace ipguard::image
