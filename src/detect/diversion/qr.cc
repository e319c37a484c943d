#include "detect/diversion/qr.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace ipguard::diversion {
namespace {

struct FileCloser {
  void operator()(FILE* f) const {
    if (f) fclose(f);
  }
};
using File = std::unique_ptr<FILE, FileCloser>;

struct JpegError {
  jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void OnJpegError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  longjmp(err->jump, 1);
}

// JPEG: libjpeg's scaled DCT decodes straight to a reduced grey image.
Result<GrayImage> DecodeJpeg(FILE* f, const std::string& path, int max_side) {
  jpeg_decompress_struct cinfo;
  JpegError err;
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = &OnJpegError;
  GrayImage img;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return Status::Error(fmt::format("{}: not a readable JPEG ({})", path, err.message));
  }
  jpeg_create_decompress(&cinfo);
  jpeg_stdio_src(&cinfo, f);
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = JCS_GRAYSCALE;
  const int side = static_cast<int>(std::max(cinfo.image_width, cinfo.image_height));
  int denom = 1;
  while (denom < 8 && side / (denom * 2) >= max_side * 3 / 4) denom *= 2;
  cinfo.scale_num = 1;
  cinfo.scale_denom = denom;
  cinfo.dct_method = JDCT_IFAST;
  jpeg_start_decompress(&cinfo);
  img.width = static_cast<int>(cinfo.output_width);
  img.height = static_cast<int>(cinfo.output_height);
  img.scale = denom;
  img.pixels.resize(static_cast<size_t>(img.width) * img.height);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = img.pixels.data() + static_cast<size_t>(cinfo.output_scanline) * img.width;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return img;
}

// PNG: libpng to 8-bit grey, then box-averaged by a power of two.
Result<GrayImage> DecodePng(FILE* f, const std::string& path, int max_side) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return Status::Error(fmt::format("{}: cannot start the PNG decoder", path));
  png_infop info = png_create_info_struct(png);
  std::vector<uint8_t> full;
  std::vector<png_bytep> rows;
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    return Status::Error(fmt::format("{}: not a readable PNG", path));
  }
  png_init_io(png, f);
  png_read_info(png, info);
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_strip_alpha(png);
  png_set_rgb_to_gray_fixed(png, 1, -1, -1);
  png_read_update_info(png, info);
  const int w = static_cast<int>(png_get_image_width(png, info));
  const int h = static_cast<int>(png_get_image_height(png, info));
  const size_t rowbytes = png_get_rowbytes(png, info);
  if (w <= 0 || h <= 0 || rowbytes != static_cast<size_t>(w) || w > 20000 || h > 20000) {
    png_destroy_read_struct(&png, &info, nullptr);
    return Status::Error(fmt::format("{}: unsupported PNG layout", path));
  }
  full.resize(static_cast<size_t>(w) * h);
  rows.resize(h);
  for (int y = 0; y < h; ++y) rows[y] = full.data() + static_cast<size_t>(y) * w;
  png_read_image(png, rows.data());
  png_destroy_read_struct(&png, &info, nullptr);
  int scale = 1;
  while (scale < 8 && std::max(w, h) / (scale * 2) >= max_side * 3 / 4) scale *= 2;
  GrayImage img;
  img.scale = scale;
  img.width = w / scale;
  img.height = h / scale;
  if (scale == 1) {
    img.pixels = std::move(full);
    return img;
  }
  img.pixels.resize(static_cast<size_t>(img.width) * img.height);
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      unsigned sum = 0;
      for (int dy = 0; dy < scale; ++dy) {
        const uint8_t* src = full.data() + static_cast<size_t>(y * scale + dy) * w + x * scale;
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

Result<GrayImage> DecodeGray(const std::string& path, int max_side) {
  File f(fopen(path.c_str(), "rb"));
  if (!f) return Status::Error(fmt::format("{}: cannot open ({})", path, std::strerror(errno)));
  unsigned char magic[8] = {0};
  const size_t got = fread(magic, 1, sizeof magic, f.get());
  rewind(f.get());
  if (got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF)
    return DecodeJpeg(f.get(), path, max_side);
  if (got == 8 && png_sig_cmp(magic, 0, 8) == 0) return DecodePng(f.get(), path, max_side);
  return Status::Error(fmt::format("{}: not a PNG or JPEG image", path));
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
  auto small = DecodeGray(path, 500);
  if (!small.ok()) return small.status();
  std::vector<QrCode> codes = QuickReadQrCodes(small.value());
  if (!codes.empty()) return codes;
  // Stage 2: no finder-pattern candidate, no code: most photos stop here.
  if (!HasFinderCandidates(small.value(), 1)) return codes;
  // Stage 3: half size, every retry (inverted, global histogram).
  auto img = DecodeGray(path, 1000);
  if (!img.ok()) return img.status();
  return ReadQrCodes(img.value());
}

}  // namespace ipguard::diversion
