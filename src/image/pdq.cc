#include "image/pdq.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace ipguard::image {
namespace {

constexpr int kMinHashableSide = 5;
constexpr int kJaroszPasses = 2;

// Step 2: window of each 1-D box pass. Two passes of a box of half a 64th of
// the side make a tent covering one output cell: ceil(side / 128).
int JaroszWindow(int side) { return (side + 2 * 64 - 1) / (2 * 64); }

// Step 2: the pixel sampled for output cell i of 64 along a side (its centre).
int CellCentre(int i, int side) { return static_cast<int>(((i + 0.5) * side) / 64); }

// Step 2, one 1-D box pass along every row: out[i] is the mean of
// in[i - (w - h) .. i + h - 1] clipped to the row, h = (w + 2) / 2, kept as a
// running float sum (add the entering sample, then drop the leaving one) so
// the result is bit-identical to the published reference. Rows are done
// kLanes at a time so that their independent sums overlap in the pipeline.
void BoxPassRows(const float* in, float* out, int rows, int cols, int window) {
  constexpr int kLanes = 8;
  const int half = (window + 2) / 2;
  const int behind = window - half;
  for (int r0 = 0; r0 < rows; r0 += kLanes) {
    const int lanes = std::min(kLanes, rows - r0);
    const float* src[kLanes];
    float* dst[kLanes];
    for (int l = 0; l < kLanes; ++l) {
      const size_t row = static_cast<size_t>(r0 + std::min(l, lanes - 1)) * cols;
      src[l] = in + row;
      dst[l] = out + row;
    }
    float sum[kLanes] = {};
    int count = 0, right = 0, left = 0;
    for (int i = 0; i < cols; ++i) {
      for (; right < cols && right <= i + half - 1; ++right, ++count) {
        for (int l = 0; l < kLanes; ++l) sum[l] += src[l][right];
      }
      for (; left < i - behind; ++left, --count) {
        for (int l = 0; l < kLanes; ++l) sum[l] -= src[l][left];
      }
      const float c = static_cast<float>(count);
      for (int l = 0; l < kLanes; ++l) dst[l][i] = sum[l] / c;
    }
  }
}

// The same pass down every column at once (row by row, so memory is read
// sequentially); per column, the same additions in the same order.
void BoxPassColumns(const float* in, float* out, int rows, int cols, int window) {
  const int half = (window + 2) / 2;
  const int behind = window - half;
  std::vector<float> sum(cols, 0.0f);
  int count = 0, bottom = 0, top = 0;
  for (int i = 0; i < rows; ++i) {
    for (; bottom < rows && bottom <= i + half - 1; ++bottom, ++count) {
      const float* r = in + static_cast<size_t>(bottom) * cols;
      for (int j = 0; j < cols; ++j) sum[j] += r[j];
    }
    for (; top < i - behind; ++top, --count) {
      const float* r = in + static_cast<size_t>(top) * cols;
      for (int j = 0; j < cols; ++j) sum[j] -= r[j];
    }
    float* o = out + static_cast<size_t>(i) * cols;
    const float c = static_cast<float>(count);
    for (int j = 0; j < cols; ++j) o[j] = sum[j] / c;
  }
}

// Step 2: blur, then sample the centre of each of the 64x64 cells.
void Downsample64(std::vector<float>& luma, int rows, int cols, float out[64][64]) {
  std::vector<float> tmp(luma.size());
  const int wr = JaroszWindow(cols), wc = JaroszWindow(rows);
  for (int pass = 0; pass < kJaroszPasses; ++pass) {
    BoxPassRows(luma.data(), tmp.data(), rows, cols, wr);
    BoxPassColumns(tmp.data(), luma.data(), rows, cols, wc);
  }
  for (int i = 0; i < 64; ++i) {
    const int si = CellCentre(i, rows);
    for (int j = 0; j < 64; ++j)
      out[i][j] = luma[static_cast<size_t>(si) * cols + CellCentre(j, cols)];
  }
}

// Step 2 as one linear map per axis, for fast mode. Along an axis of n grid
// pixels (the picture's source size, capped at kFastGrid), the two box
// passes followed by sampling at cell centre s_i weigh grid pixel p by
//   K_i(p) = (B B)[s_i][p] = 1/cnt(s_i) * sum over m in win(s_i) of [p in win(m)] / cnt(m),
// B the clipped box pass above (win(m) its window at m, cnt(m) its size):
// PDQ's own weights, windows and cell centres from the grid size. A decoded
// pixel k stands for the grid span [k r, (k+1) r), r = n / decoded (a
// DCT-scaled decode or the grid's reduction averages each block), so its
// weight is the sum of K_i over the part of each grid pixel that span
// covers. With r = 1 this is exactly PDQ's blur and decimation, summed in
// another order.
struct AxisTaps {
  int first[64];         // first decoded pixel of output i
  int count = 0;         // taps per output (the longest; shorter ones zero-padded)
  std::vector<float> w;  // 64 x count
};

AxisTaps MakeAxisTaps(int decoded, int grid) {
  const int window = JaroszWindow(grid);
  const int half = (window + 2) / 2;
  const int behind = window - half;
  auto lo = [&](int m) { return std::max(0, m - behind); };
  auto hi = [&](int m) { return std::min(grid - 1, m + half - 1); };  // inclusive
  const double r = static_cast<double>(grid) / decoded;
  std::vector<double> k;                    // K_i over grid pixels [p0, p1]
  std::vector<std::vector<double>> dk(64);  // K_i on decoded pixels from first[i]
  AxisTaps t;
  t.count = 1;
  for (int i = 0; i < 64; ++i) {
    const int s = CellCentre(i, grid);
    const int p0 = lo(lo(s)), p1 = hi(hi(s));
    k.assign(p1 - p0 + 2, 0.0);
    const double outer = 1.0 / (hi(s) - lo(s) + 1);
    for (int m = lo(s); m <= hi(s); ++m) {  // as a difference array
      const double v = outer / (hi(m) - lo(m) + 1);
      k[lo(m) - p0] += v;
      k[hi(m) + 1 - p0] -= v;
    }
    for (size_t q = 1; q < k.size(); ++q) k[q] += k[q - 1];
    const int d0 = std::min(decoded - 1, static_cast<int>(p0 / r));
    const int d1 = std::min(decoded - 1, static_cast<int>((p1 + 1) / r));
    std::vector<double>& w = dk[i];
    w.assign(d1 - d0 + 1, 0.0);
    for (int p = p0; p <= p1; ++p) {
      for (int d = std::min(decoded - 1, static_cast<int>(p / r)); d <= d1; ++d) {
        const double cover = std::min<double>(p + 1, (d + 1) * r) - std::max<double>(p, d * r);
        if (cover <= 0) break;
        w[d - d0] += k[p - p0] * cover;
      }
    }
    size_t a = 0;  // drop zero weights at both ends
    while (a + 1 < w.size() && w[a] == 0) ++a;
    while (w.size() > a + 1 && w.back() == 0) w.pop_back();
    w.erase(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(a));
    t.first[i] = d0 + static_cast<int>(a);
    t.count = std::max(t.count, static_cast<int>(w.size()));
  }
  t.w.assign(static_cast<size_t>(64) * t.count, 0.0f);
  for (int i = 0; i < 64; ++i) {
    // Keep every tap inside the picture: a short run near the end starts
    // earlier, behind zero weights.
    const int first = std::min(t.first[i], decoded - t.count);
    float* out = t.w.data() + static_cast<size_t>(i) * t.count + (t.first[i] - first);
    for (size_t q = 0; q < dk[i].size(); ++q) out[q] = static_cast<float>(dk[i][q]);
    t.first[i] = first;
  }
  return t;
}

// Steps 1 and 2 for fast mode: out[i][j] = sum_y wy_i(y) sum_x wx_j(x) luma(y, x),
// the luma of grey or RGB pixels taken on the fly, one output row at a time
// (a weighted sum of a few picture rows, then 64 weighted sums of it).
void Downsample64Scaled(const Image& image, int grid_rows, int grid_cols, float out[64][64]) {
  const int rows = image.height, cols = image.width;
  const AxisTaps ty = MakeAxisTaps(rows, grid_rows);
  const AxisTaps tx = MakeAxisTaps(cols, grid_cols);
  std::vector<float> acc(cols);
  for (int i = 0; i < 64; ++i) {
    std::fill(acc.begin(), acc.end(), 0.0f);
    const float* wy = ty.w.data() + static_cast<size_t>(i) * ty.count;
    for (int q = 0; q < ty.count; ++q) {
      const float w = wy[q];
      if (w == 0.0f) continue;
      const uint8_t* p = image.row(ty.first[i] + q);
      float* a = acc.data();
      if (image.channels == 1) {
        for (int x = 0; x < cols; ++x) a[x] += w * static_cast<float>(p[x]);
      } else {
        for (int x = 0; x < cols; ++x, p += 3)
          a[x] += w * (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]);
      }
    }
    for (int j = 0; j < 64; ++j) {
      const float* wx = tx.w.data() + static_cast<size_t>(j) * tx.count;
      const float* a = acc.data() + tx.first[j];
      float sum = 0.0f;
      for (int q = 0; q < tx.count; ++q) sum += wx[q] * a[q];
      out[i][j] = sum;
    }
  }
}

// Step 3: count significant gradients (quantised to percent of full range).
int Quality(const float a[64][64]) {
  int sum = 0;
  for (int i = 0; i < 63; ++i) {
    for (int j = 0; j < 64; ++j)
      sum += std::abs(static_cast<int>(((a[i][j] - a[i + 1][j]) * 100) / 255));
  }
  for (int i = 0; i < 64; ++i) {
    for (int j = 0; j < 63; ++j)
      sum += std::abs(static_cast<int>(((a[i][j] - a[i][j + 1]) * 100) / 255));
  }
  return std::min(sum / 90, 100);
}

// Step 4: rows 1..16 of the 64-point DCT-II matrix (row 0, DC, is skipped):
// D[u][x] = sqrt(2/64) cos(pi/128 (u+1)(2x+1)).
struct DctMatrix {
  float d[16][64];   // D
  float dt[64][16];  // its transpose
  DctMatrix() {
    const float scale = std::sqrt(2.0 / 64.0);
    constexpr double kPi = 3.14159265358979323846;
    for (int u = 0; u < 16; ++u) {
      for (int x = 0; x < 64; ++x) {
        d[u][x] = static_cast<float>(scale * std::cos((kPi / 2.0 / 64.0) * (u + 1) * (2 * x + 1)));
        dt[x][u] = d[u][x];
      }
    }
  }
};
const DctMatrix& Dct() {
  static const DctMatrix m;
  return m;
}

// Step 4: B = D A D^T, accumulating each output sum over k in order.
void Dct64To16(const float a[64][64], float b[16][16]) {
  const DctMatrix& m = Dct();
  float t[16][64];
  for (int i = 0; i < 16; ++i) {
    float row[64] = {};
    for (int k = 0; k < 64; ++k) {
      const float dik = m.d[i][k];
      for (int j = 0; j < 64; ++j) row[j] += dik * a[k][j];
    }
    std::copy(row, row + 64, t[i]);
  }
  for (int i = 0; i < 16; ++i) {
    float row[16] = {};
    for (int k = 0; k < 64; ++k) {
      const float tik = t[i][k];
      for (int j = 0; j < 16; ++j) row[j] += tik * m.dt[k][j];
    }
    std::copy(row, row + 16, b[i]);
  }
}

// Step 5: one bit per coefficient, set when above the (lower) median.
PdqHash Threshold(const float b[16][16]) {
  float sorted[256];
  std::copy(&b[0][0], &b[0][0] + 256, sorted);
  std::nth_element(sorted, sorted + 127, sorted + 256);
  const float median = sorted[127];
  PdqHash h;
  for (int k = 0; k < 256; ++k) {
    if (b[k / 16][k % 16] > median) h.SetBit(k);
  }
  return h;
}

// Step 6: a flip about an axis negates the odd DCT frequencies along it (the
// stored index u is frequency u + 1, so even u); a quarter turn is a flip
// plus a transpose.
struct DihedralRule {
  bool transpose, negate_even_rows, negate_even_cols;
};
constexpr DihedralRule kRules[kDihedralCount] = {
    {false, false, false},  // original
    {true, false, true},    // rotate 90
    {false, true, true},    // rotate 180
    {true, true, false},    // rotate 270
    {false, true, false},   // flip x
    {false, false, true},   // flip y
    {true, false, false},   // flip +1 (transpose)
    {true, true, true},     // flip -1 (anti-transpose)
};

}  // namespace

std::string_view DihedralName(int index) {
  static constexpr std::string_view kNames[kDihedralCount] = {
      "original",      "rotate90_ccw", "rotate180", "rotate90_cw",
      "flip_vertical", "mirror",       "transpose", "transverse"};
  return index >= 0 && index < kDihedralCount ? kNames[index] : "unknown";
}

namespace {

// Steps 3 to 6 on the 64x64 blurred and decimated luma.
PdqResult HashFrom64(const float small[64][64]) {
  PdqResult r;
  r.quality = Quality(small);
  float b[16][16], t[16][16];
  Dct64To16(small, b);
  for (int d = 0; d < kDihedralCount; ++d) {
    const DihedralRule& rule = kRules[d];
    for (int i = 0; i < 16; ++i) {
      for (int j = 0; j < 16; ++j) {
        const bool negate =
            (rule.negate_even_rows && i % 2 == 0) != (rule.negate_even_cols && j % 2 == 0);
        const float v = negate ? -b[i][j] : b[i][j];
        (rule.transpose ? t[j][i] : t[i][j]) = v;
      }
    }
    r.dihedral[d] = Threshold(t);
  }
  return r;
}

}  // namespace

PdqResult PdqFromLuma(std::vector<float>& luma, int rows, int cols) {
  if (rows < kMinHashableSide || cols < kMinHashableSide) return {};
  float small[64][64];
  if (rows == 64 && cols == 64) {
    std::copy(luma.begin(), luma.end(), &small[0][0]);
  } else {
    Downsample64(luma, rows, cols, small);
  }
  return HashFrom64(small);
}

PdqResult PdqFromPixels(const Image& image) {
  const int source_rows = image.source_height ? image.source_height : image.height;
  const int source_cols = image.source_width ? image.source_width : image.width;
  if (source_rows < kMinHashableSide || source_cols < kMinHashableSide || image.height < 1 ||
      image.width < 1) {
    return {};
  }
  // PDQ's grid: the picture itself, or when larger than kFastGrid its
  // aspect-kept reduction to kFastGrid on the long side.
  int grid_rows = source_rows, grid_cols = source_cols;
  if (const int longest = std::max(grid_rows, grid_cols); longest > kFastGrid) {
    grid_rows = std::max(1, static_cast<int>(std::lround(1.0 * grid_rows * kFastGrid / longest)));
    grid_cols = std::max(1, static_cast<int>(std::lround(1.0 * grid_cols * kFastGrid / longest)));
  }
  float small[64][64];
  Downsample64Scaled(image, grid_rows, grid_cols, small);
  return HashFrom64(small);
}

std::vector<float> LumaOf(const Image& image) {
  const size_t n = static_cast<size_t>(image.width) * image.height;
  std::vector<float> luma(n);
  const uint8_t* p = image.pixels.data();
  if (image.channels == 1) {
    for (size_t i = 0; i < n; ++i) luma[i] = p[i];
  } else {
    for (size_t i = 0; i < n; ++i, p += 3) luma[i] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
  }
  return luma;
}

Image ResizeNearest(const Image& image, int width, int height) {
  Image out;
  out.width = width;
  out.height = height;
  out.channels = image.channels;
  out.pixels.resize(static_cast<size_t>(width) * height * image.channels);
  std::vector<int> sx(width);
  for (int x = 0; x < width; ++x)
    sx[x] = static_cast<int>(static_cast<double>(x) * image.width / width);
  uint8_t* o = out.pixels.data();
  for (int y = 0; y < height; ++y) {
    const uint8_t* row =
        image.row(static_cast<int>(static_cast<double>(y) * image.height / height));
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < image.channels; ++c) *o++ = row[sx[x] * image.channels + c];
    }
  }
  return out;
}

int PdqScaleDenom(int width, int height) {
  int denom = 1;
  while (denom < 8 && 2 * (2 * denom) <= JaroszWindow(width) &&
         2 * (2 * denom) <= JaroszWindow(height)) {
    denom *= 2;
  }
  return denom;
}

DecodeOptions PdqDecodeOptions(PdqMode mode, DecodeLimits limits) {
  DecodeOptions o;
  o.limits = limits;
  if (mode == PdqMode::kFast) {
    o.luma = true;
    o.scale_denom = &PdqScaleDenom;
  }
  return o;
}

PdqResult PdqFromImage(const Image& image, PdqMode mode) {
  if (mode == PdqMode::kSquash512) {
    if (image.width > 512 || image.height > 512) {
      const Image squashed = ResizeNearest(image, 512, 512);
      std::vector<float> luma = LumaOf(squashed);
      return PdqFromLuma(luma, 512, 512);
    }
    std::vector<float> luma = LumaOf(image);
    return PdqFromLuma(luma, image.height, image.width);
  }
  return PdqFromPixels(image);
}

Result<PdqResult> PdqFromBytes(std::span<const uint8_t> bytes, PdqMode mode,
                               const DecodeLimits& limits) {
  auto img = Decode(bytes, PdqDecodeOptions(mode, limits));
  if (!img.ok()) return img.status();
  return PdqFromImage(*img, mode);
}

Result<PdqResult> PdqFromFile(const std::string& path, PdqMode mode, const DecodeLimits& limits) {
  auto img = DecodeFile(path, PdqDecodeOptions(mode, limits));
  if (!img.ok()) return img.status();
  return PdqFromImage(*img, mode);
}

}  // namespace ipguard::image
