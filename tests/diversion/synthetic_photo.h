// Synthetic product photos for the QR tests and benchmark: a textured
// background (gradients, blobs, noise: what a camera sees), optionally with a
// QR code made by ZXing's writer pasted in, written as PNG or JPEG.
#pragma once

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace ipguard::testing {

struct Photo {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // 3 bytes per pixel
};

// A w x h photo-like background; `seed` varies it.
inline Photo MakeBackground(int w, int h, unsigned seed) {
  Photo p{w, h, std::vector<uint8_t>(static_cast<size_t>(w) * h * 3)};
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double cx = u(rng) * w, cy = u(rng) * h, r0 = (0.2 + 0.3 * u(rng)) * w;
  const double base[3] = {80 + 120 * u(rng), 80 + 120 * u(rng), 80 + 120 * u(rng)};
  std::normal_distribution<double> noise(0, 6);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double d = std::hypot(x - cx, y - cy) / r0;
      const double shade = 0.6 + 0.4 * std::exp(-d * d) + 0.1 * std::sin(x * 0.01 + y * 0.013);
      for (int c = 0; c < 3; ++c) {
        double v = base[c] * shade + noise(rng);
        p.rgb[(static_cast<size_t>(y) * w + x) * 3 + c] =
            static_cast<uint8_t>(std::clamp(v, 0.0, 255.0));
      }
    }
  }
  return p;
}

// Pastes a QR code of `text`, `size` pixels square, at (x, y); `inverted`
// draws light modules on a dark ground.
inline void PasteQr(Photo& p, const std::string& text, int x, int y, int size,
                    bool inverted = false) {
  ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
  writer.setMargin(2);
  ZXing::BitMatrix m = writer.encode(text, size, size);
  for (int j = 0; j < m.height() && y + j < p.height; ++j) {
    for (int i = 0; i < m.width() && x + i < p.width; ++i) {
      const bool dark = m.get(i, j) != inverted;
      const uint8_t v = dark ? 20 : 235;
      for (int c = 0; c < 3; ++c) p.rgb[(static_cast<size_t>(y + j) * p.width + x + i) * 3 + c] = v;
    }
  }
}

inline bool WritePng(const Photo& p, const std::string& path) {
  FILE* f = fopen(path.c_str(), "wb");
  if (!f) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    fclose(f);
    return false;
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, p.width, p.height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < p.height; ++y) {
    png_write_row(png, const_cast<png_bytep>(p.rgb.data() + static_cast<size_t>(y) * p.width * 3));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  fclose(f);
  return true;
}

inline bool WriteJpeg(const Photo& p, const std::string& path, int quality = 85) {
  FILE* f = fopen(path.c_str(), "wb");
  if (!f) return false;
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  jpeg_stdio_dest(&cinfo, f);
  cinfo.image_width = p.width;
  cinfo.image_height = p.height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row =
        const_cast<JSAMPROW>(p.rgb.data() + static_cast<size_t>(cinfo.next_scanline) * p.width * 3);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  fclose(f);
  return true;
}

}  // namespace ipguard::testing
