#include "detect/diversion/qr.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "image/image.h"

namespace ipguard::diversion {
namespace {

// The pixel size of a JPEG from its frame header (SOFn), or {0, 0}.
std::pair<int, int> JpegSize(std::span<const uint8_t> d) {
  size_t i = 2;
  while (i + 9 < d.size()) {
    if (d[i] != 0xFF) return {0, 0};
    const uint8_t m = d[i + 1];
    if (m == 0xFF) {
      ++i;
      continue;
    }
    const size_t len = (static_cast<size_t>(d[i + 2]) << 8) | d[i + 3];
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      const int h = (d[i + 5] << 8) | d[i + 6];
      const int w = (d[i + 7] << 8) | d[i + 8];
      return {w, h};
    }
    i += 2 + len;
  }
  return {0, 0};
}

// Grey levels of a decoded image, reduced by a power of two (box average)
// while the long side stays at least 3/4 of `max_side`, as the scaled DCT
// decode does.
GrayImage ToGray(image::Image decoded, int max_side) {
  const int w = decoded.width, h = decoded.height;
  std::vector<uint8_t> grey;
  if (decoded.channels == 1) {
    grey = std::move(decoded.pixels);
  } else {
    // Rec. 601 luma, as the JPEG decoder's Y plane.
    grey.resize(static_cast<size_t>(w) * h);
    const int c = decoded.channels;
    for (size_t i = 0; i < grey.size(); ++i) {
      const uint8_t* px = decoded.pixels.data() + i * c;
      grey[i] = static_cast<uint8_t>((299 * px[0] + 587 * px[1] + 114 * px[2] + 500) / 1000);
    }
  }
  GrayImage img;
  // A scaled DCT decode already shrank it: its scale in source pixels.
  // (Long sides compared: the EXIF orientation may have turned the picture.)
  const int source_long = std::max(decoded.source_width, decoded.source_height);
  img.scale = source_long > 0 ? std::max(1, source_long / std::max(1, std::max(w, h))) : 1;
  int scale = 1;
  while (scale < 8 && std::max(w, h) / (scale * 2) >= max_side * 3 / 4) scale *= 2;
  img.scale *= scale;
  img.width = w / scale;
  img.height = h / scale;
  if (scale == 1) {
    img.pixels = std::move(grey);
    return img;
  }
  img.pixels.resize(static_cast<size_t>(img.width) * img.height);
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      unsigned sum = 0;
      for (int dy = 0; dy < scale; ++dy) {
        const uint8_t* src = grey.data() + static_cast<size_t>(y * scale + dy) * w + x * scale;
        for (int dx = 0; dx < scale; ++dx) sum += src[dx];
      }
      img.pixels[static_cast<size_t>(y) * img.width + x] =
          static_cast<uint8_t>(sum / (scale * scale));
    }
  }
  return img;
}

void Collect(const ZXing::Results& results, int scale, bool inverted, std::vector<QrCode>& out) {
  for (const auto& r : results) {
    if (!r.isValid()) continue;
    std::string text = r.text();
    if (text.empty()) continue;
    bool seen = false;
    for (const auto& q : out) seen = seen || q.payload == text;
    if (seen) continue;
    const auto& pos = r.position();
    int x0 = INT32_MAX, y0 = INT32_MAX, x1 = 0, y1 = 0;
    for (int i = 0; i < 4; ++i) {
      x0 = std::min(x0, pos[i].x), y0 = std::min(y0, pos[i].y);
      x1 = std::max(x1, pos[i].x), y1 = std::max(y1, pos[i].y);
    }
    out.push_back(
        {std::move(text), x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale, inverted});
  }
}

}  // namespace

Result<GrayImage> DecodeGray(std::span<const uint8_t> bytes, const std::string& path,
                             int max_side) {
  // The project's one image decoder (src/image/): JPEG straight to its luma
  // plane, DCT-scaled to the smallest size whose long side stays at least
  // 3/4 of `max_side`; other formats at full size, then box-averaged.
  image::DecodeOptions options;
  options.luma = true;
  if (image::SniffFormat(bytes) == image::Format::kJpeg) {
    const auto [w, h] = JpegSize(bytes);
    const int longer = std::max(w, h), shorter = std::min(w, h);
    if (longer > 0 && shorter > 0) {
      // Both sides >= min_side  <=>  the long side >= 3/4 max_side.
      options.min_side = std::max<int>(
          1, static_cast<int>((static_cast<int64_t>(shorter) * (max_side * 3 / 4) + longer - 1) /
                              longer));
    }
  }
  auto decoded = image::Decode(bytes, options);
  if (!decoded.ok()) return Status::Error(fmt::format("{}: {}", path, decoded.status().message()));
  return ToGray(std::move(decoded).value(), max_side);
}

Result<GrayImage> DecodeGray(const std::string& path, int max_side) {
  auto bytes = image::ReadFileBytes(path, image::DecodeLimits{}.max_file_bytes);
  if (!bytes.ok()) return bytes.status();
  return DecodeGray(bytes.value(), path, max_side);
}

std::vector<QrCode> ReadQrCodes(const GrayImage& image) {
  std::vector<QrCode> out;
  if (image.width <= 0 || image.height <= 0) return out;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryRotate(false);
  hints.setTryHarder(true);
  hints.setMaxNumberOfSymbols(4);
  ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  // Pass 1: the hybrid (local average) binarizer.
  Collect(ZXing::ReadBarcodes(view, hints), image.scale, false, out);
  if (!out.empty()) return out;
  // Pass 2: light modules on a dark ground.
  std::vector<uint8_t> inverted(image.pixels.size());
  std::transform(image.pixels.begin(), image.pixels.end(), inverted.begin(),
                 [](uint8_t v) { return static_cast<uint8_t>(255 - v); });
  ZXing::ImageView inv(inverted.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  Collect(ZXing::ReadBarcodes(inv, hints), image.scale, true, out);
  if (!out.empty()) return out;
  // Pass 3: the global-histogram binarizer (even lighting, low contrast).
  hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
  Collect(ZXing::ReadBarcodes(view, hints), image.scale, false, out);
  return out;
}

std::vector<QrCode> QuickReadQrCodes(const GrayImage& image) {
  std::vector<QrCode> out;
  if (image.width <= 0 || image.height <= 0) return out;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryRotate(false);
  hints.setTryHarder(false);
  hints.setTryDownscale(false);
  hints.setMaxNumberOfSymbols(4);
  ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  Collect(ZXing::ReadBarcodes(view, hints), image.scale, false, out);
  return out;
}

bool HasFinderCandidates(const GrayImage& image, int min_module) {
  const int w = image.width, h = image.height;
  if (w < 21 || h < 21) return false;
  // Binarize against the mean of 16x16 blocks (a cheap local threshold, as
  // in ZXing's hybrid binarizer), remembering the block means.
  constexpr int kBlock = 16;
  const int bw = (w + kBlock - 1) / kBlock, bh = (h + kBlock - 1) / kBlock;
  // Blocks whose grey levels span less than kMinContrast are flat (no
  // printed code is that faint): all light, so noise makes no runs there.
  constexpr int kMinContrast = 48;
  std::vector<uint8_t> mean(static_cast<size_t>(bw) * bh);
  std::vector<uint8_t> flat(static_cast<size_t>(bw) * bh);
  for (int by = 0; by < bh; ++by) {
    for (int bx = 0; bx < bw; ++bx) {
      unsigned sum = 0, count = 0;
      int lo = 255, hi = 0;
      for (int y = by * kBlock; y < std::min(h, (by + 1) * kBlock); ++y) {
        const uint8_t* row = image.pixels.data() + static_cast<size_t>(y) * w;
        for (int x = bx * kBlock; x < std::min(w, (bx + 1) * kBlock); ++x) {
          sum += row[x], ++count;
          lo = std::min<int>(lo, row[x]), hi = std::max<int>(hi, row[x]);
        }
      }
      mean[static_cast<size_t>(by) * bw + bx] = static_cast<uint8_t>(sum / count);
      flat[static_cast<size_t>(by) * bw + bx] = hi - lo < kMinContrast;
    }
  }
  auto dark = [&](int x, int y) {
    if (flat[static_cast<size_t>(y / kBlock) * bw + x / kBlock]) return false;
    // Threshold: the mean of the 3x3 blocks around, so edges of a block do not flip.
    const int bx = x / kBlock, by = y / kBlock;
    unsigned sum = 0, count = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int cx = bx + dx, cy = by + dy;
        if (cx < 0 || cy < 0 || cx >= bw || cy >= bh) continue;
        sum += mean[static_cast<size_t>(cy) * bw + cx], ++count;
      }
    return image.pixels[static_cast<size_t>(y) * w + x] < sum / count;
  };
  // The 1:1:3:1:1 test of ISO/IEC 18004 finder patterns (as ZXing's
  // FoundPatternCross): each outer run within half a module, the centre run
  // within 1.5 modules of three modules.
  auto finder = [&](const int runs[5]) {
    const int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
    if (total < 7 * min_module) return false;
    const float m = total / 7.0f, v = m / 2;
    return std::abs(m - runs[0]) < v && std::abs(m - runs[1]) < v &&
           std::abs(3 * m - runs[2]) < 3 * v && std::abs(m - runs[3]) < v &&
           std::abs(m - runs[4]) < v;
  };
  int hits = 0;
  for (int y = 0; y < h; y += 2) {
    int runs[5] = {0, 0, 0, 0, 0};
    bool color = dark(0, y);
    int len = 0;
    // The runs ending at each colour change; a pattern may start with either
    // colour, so inverted codes (light finder on dark) pass too.
    for (int x = 0; x <= w; ++x) {
      const bool c = x < w ? dark(x, y) : !color;
      if (c == color) {
        ++len;
        continue;
      }
      for (int k = 0; k < 4; ++k) runs[k] = runs[k + 1];
      runs[4] = len;
      if (finder(runs)) {
        // Vertical cross-check through the centre of the middle run.
        const int cx = x - runs[4] - runs[3] - runs[2] / 2 - 1;
        const bool centre = dark(std::max(cx, 0), y);
        int up = 0, down = 0;
        while (y - up - 1 >= 0 && dark(cx, y - up - 1) == centre && up < 3 * runs[2]) ++up;
        while (y + down + 1 < h && dark(cx, y + down + 1) == centre && down < 3 * runs[2]) ++down;
        const int vertical = up + down + 1;
        if (vertical > runs[2] / 2 && vertical < runs[2] * 2) ++hits;
        if (hits >= 3) return true;
      }
      color = c;
      len = 1;
    }
  }
  return false;
}

Result<std::vector<QrCode>> ReadQrCodes(const std::string& path) {
  // Stage 1: a quarter-size decode (scaled DCT) and one quick ZXing pass:
  // codes that fill a fair part of the photo are read here.
  auto bytes = image::ReadFileBytes(path, image::DecodeLimits{}.max_file_bytes);
  if (!bytes.ok()) return bytes.status();  // read once, decoded at two sizes
  auto small = DecodeGray(bytes.value(), path, 500);
  if (!small.ok()) return small.status();
  std::vector<QrCode> codes = QuickReadQrCodes(small.value());
  if (!codes.empty()) return codes;
  // Stage 2: no finder-pattern candidate, no code: most photos stop here.
  if (!HasFinderCandidates(small.value(), 1)) return codes;
  // Stage 3: half size, every retry (inverted, global histogram).
  auto img = DecodeGray(bytes.value(), path, 1000);
  if (!img.ok()) return img.status();
  return ReadQrCodes(img.value());
}

}  // namespace ipguard::diversion
