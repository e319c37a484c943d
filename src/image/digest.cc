#include "image/digest.h"

#include "image/trim.h"

#include <algorithm>
#include <cmath>

namespace ipguard::image {

std::vector<const PdqResult*> ImageDigest::Usable() const {
  std::vector<const PdqResult*> out;
  if (!status.ok()) return out;
  if (pdq.quality >= kMinMatchQuality) out.push_back(&pdq);
  if (trimmed && trimmed->quality >= kMinMatchQuality) out.push_back(&*trimmed);
  if (out.empty()) return out;
  for (const auto& w : windows) {
    if (w.quality >= kMinMatchQuality) out.push_back(&w);
  }
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

// Area resampling (each output pixel the exact mean of the source pixels
// its footprint covers, fractional at the edges) of the region [x0, x1) x
// [y0, y1) of the luma, in fractions of the picture, to kSide x kSide. Every
// region of every image reaches PDQ at the same size, so a region of a copy
// saved at another scale (or cropped) meets its original's region at the
// same scale: PDQ squashes to 64 x 64 anyway, so the aspect is irrelevant.
constexpr int kSide = 64;

// Weights of source samples [begin, end) for each of kSide outputs.
struct Taps {
  std::vector<int> first;
  std::vector<std::vector<float>> w;
};

Taps AreaTaps(int n, double f0, double f1) {
  Taps t;
  const double lo = f0 * n, step = (f1 - f0) * n / kSide;
  for (int o = 0; o < kSide; ++o) {
    const double a = lo + o * step, b = a + step;
    const int i0 = static_cast<int>(a), i1 = std::min(n, static_cast<int>(std::ceil(b)));
    std::vector<float> w;
    for (int i = i0; i < std::max(i1, i0 + 1); ++i) {
      const double cover = std::min<double>(b, i + 1) - std::max<double>(a, i);
      w.push_back(static_cast<float>(std::max(0.0, cover) / step));
    }
    t.first.push_back(std::min(i0, n - 1));
    t.w.push_back(std::move(w));
  }
  return t;
}

// The region [x0, x1) x [y0, y1) (fractions of the picture) at the common
// scale, hashed.
PdqResult RegionHash(const std::vector<float>& luma, int rows, int cols, double x0, double y0,
                     double x1, double y1) {
  const Taps tx = AreaTaps(cols, x0, x1);
  const Taps ty = AreaTaps(rows, y0, y1);
  // Rows first (only the source rows any output needs), then columns.
  std::vector<float> mid(static_cast<size_t>(kSide) * cols, 0.0f);
  for (int o = 0; o < kSide; ++o) {
    float* dst = mid.data() + static_cast<size_t>(o) * cols;
    for (size_t k = 0; k < ty.w[o].size(); ++k) {
      const int y = std::min(rows - 1, ty.first[o] + static_cast<int>(k));
      const float* src = luma.data() + static_cast<size_t>(y) * cols;
      const float w = ty.w[o][k];
      for (int x = 0; x < cols; ++x) dst[x] += w * src[x];
    }
  }
  std::vector<float> out(static_cast<size_t>(kSide) * kSide, 0.0f);
  for (int r = 0; r < kSide; ++r) {
    const float* src = mid.data() + static_cast<size_t>(r) * cols;
    float* dst = out.data() + static_cast<size_t>(r) * kSide;
    for (int o = 0; o < kSide; ++o) {
      float acc = 0;
      for (size_t k = 0; k < tx.w[o].size(); ++k) {
        acc += tx.w[o][k] * src[std::min(cols - 1, tx.first[o] + static_cast<int>(k))];
      }
      dst[o] = acc;
    }
  }
  return PdqFromLuma(out, kSide, kSide);
}

// Exact box means over f x f blocks, f the largest integer keeping the short
// side >= 256 (4x the common scale, so the fractional area resampling that
// follows stays within a quarter pixel of resampling the full picture): one
// pass over the picture instead of one per region.
std::vector<float> Reduce(const std::vector<float>& luma, int& rows, int& cols) {
  const int f = std::max(1, std::min(rows, cols) / (4 * kSide));
  if (f == 1) return luma;
  const int trows = rows / f, tcols = cols / f;
  std::vector<float> out(static_cast<size_t>(trows) * tcols, 0.0f);
  for (int y = 0; y < trows * f; ++y) {
    const float* src = luma.data() + static_cast<size_t>(y) * cols;
    float* dst = out.data() + static_cast<size_t>(y / f) * tcols;
    for (int x = 0; x < tcols * f; ++x) dst[x / f] += src[x];
  }
  const float inv = 1.0f / static_cast<float>(f * f);
  for (auto& v : out) v *= inv;
  rows = trows, cols = tcols;
  return out;
}

// cut = (left, top, right, bottom) removed, in percent.
PdqResult CutHash(const std::vector<float>& luma, int rows, int cols, const int cut[4]) {
  return RegionHash(luma, rows, cols, cut[0] / 100.0, cut[1] / 100.0, 1.0 - cut[2] / 100.0,
                    1.0 - cut[3] / 100.0);
}

void AddRegions(const std::vector<float>& full, int full_rows, int full_cols,
                const std::optional<Box>& box, ImageDigest& d) {
  if (full_rows < 32 || full_cols < 32) return;
  int rows = full_rows, cols = full_cols;
  const std::vector<float> luma = Reduce(full, rows, cols);
  // Sub-regions of the stored side, (left, top, right, bottom) removed, in
  // percent: centre 95% and 90%, less 5% or 10% on one side.
  static constexpr int kCuts[][4] = {{2, 2, 3, 3},  {5, 5, 5, 5}, {5, 0, 0, 0},  {0, 5, 0, 0},
                                     {0, 0, 5, 0},  {0, 0, 0, 5}, {10, 0, 0, 0}, {0, 10, 0, 0},
                                     {0, 0, 10, 0}, {0, 0, 0, 10}};
  for (const auto& c : kCuts) d.regions.push_back(CutHash(luma, rows, cols, c));
  // Windows, on both sides: the whole picture at the common scale, and its
  // top, bottom, left and right 75%.
  static constexpr int kWindows[][4] = {
      {0, 0, 0, 0}, {0, 0, 0, 25}, {0, 25, 0, 0}, {0, 0, 25, 0}, {25, 0, 0, 0}};
  for (const auto& c : kWindows) d.windows.push_back(CutHash(luma, rows, cols, c));
  // And the border-trimmed content at the common scale.
  if (box) {
    d.windows.push_back(RegionHash(luma, rows, cols, static_cast<double>(box->x) / full_cols,
                                   static_cast<double>(box->y) / full_rows,
                                   static_cast<double>(box->x + box->width) / full_cols,
                                   static_cast<double>(box->y + box->height) / full_rows));
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
  const std::optional<Box> box = FindContentBox(luma, rows, cols);
  if (box) {
    std::vector<float> inner = CropLuma(luma, cols, *box);
    d.trimmed = PdqFromLuma(inner, box->height, box->width);
  }
  AddRegions(luma, rows, cols, box, d);
  d.pdq = PdqFromPixels(image);
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
