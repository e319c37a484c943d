#include "demo/demo_images.h"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "demo/rng.h"

namespace ipguard::demo {
namespace {

struct Rgb {
  double r, g, b;
};

std::vector<uint8_t> Render(uint64_t seed, int size) {
  Rng rng(seed * 0x9E3779B97F4A7C15ULL + 17);
  const Rgb top{rng.Uniform(40, 230), rng.Uniform(40, 230), rng.Uniform(40, 230)};
  const Rgb bottom{rng.Uniform(20, 200), rng.Uniform(20, 200), rng.Uniform(20, 200)};
  const double weave_x = rng.Uniform(20, 60), weave_y = rng.Uniform(20, 60);
  struct Blob {
    double cx, cy, rx, ry;
    Rgb color;
    double stripes;
  };
  std::vector<Blob> blobs;
  const int count = 3 + static_cast<int>(rng.Below(4));
  for (int i = 0; i < count; ++i) {
    blobs.push_back({rng.Uniform(0.15, 0.85),
                     rng.Uniform(0.15, 0.85),
                     rng.Uniform(0.08, 0.3),
                     rng.Uniform(0.08, 0.3),
                     {rng.Uniform(0, 255), rng.Uniform(0, 255), rng.Uniform(0, 255)},
                     rng.Uniform(0, 1) < 0.5 ? 0 : rng.Uniform(6, 20)});
  }
  std::vector<uint8_t> pixels(static_cast<size_t>(size) * size * 3);
  for (int y = 0; y < size; ++y) {
    const double fy = (y + 0.5) / size;
    for (int x = 0; x < size; ++x) {
      const double fx = (x + 0.5) / size;
      // A woven backdrop, so that no picture is flat enough to make PDQ
      // distrust its hash (quality <= 49).
      const double weave = 18 * std::sin(fx * weave_x) * std::sin(fy * weave_y);
      Rgb c{top.r + (bottom.r - top.r) * fy + weave, top.g + (bottom.g - top.g) * fy + weave,
            top.b + (bottom.b - top.b) * fy + weave};
      for (const Blob& b : blobs) {
        const double dx = (fx - b.cx) / b.rx, dy = (fy - b.cy) / b.ry;
        const double d = dx * dx + dy * dy;
        if (d < 1) {
          const double shade = 0.75 + 0.25 * (1 - d);
          const double stripe = b.stripes > 0 ? 0.85 + 0.15 * std::sin(fx * b.stripes * 6.283) : 1;
          c = {b.color.r * shade * stripe, b.color.g * shade * stripe, b.color.b * shade * stripe};
        }
      }
      uint8_t* p = &pixels[(static_cast<size_t>(y) * size + x) * 3];
      p[0] = static_cast<uint8_t>(std::clamp(c.r, 0.0, 255.0));
      p[1] = static_cast<uint8_t>(std::clamp(c.g, 0.0, 255.0));
      p[2] = static_cast<uint8_t>(std::clamp(c.b, 0.0, 255.0));
    }
  }
  return pixels;
}

void Apply(std::vector<uint8_t>& px, int size, ImageEdit edit) {
  switch (edit) {
    case ImageEdit::kNone:
      return;
    case ImageEdit::kBrighter:
      for (auto& v : px) v = static_cast<uint8_t>(std::min(255.0, v * 1.12));
      return;
    case ImageEdit::kMirrored:
      for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size / 2; ++x) {
          for (int c = 0; c < 3; ++c) {
            std::swap(px[(static_cast<size_t>(y) * size + x) * 3 + c],
                      px[(static_cast<size_t>(y) * size + (size - 1 - x)) * 3 + c]);
          }
        }
      }
      return;
    case ImageEdit::kBordered: {
      // Shrink the picture (nearest neighbour) into a white frame.
      const int border = size * 8 / 100;
      const int inner = size - 2 * border;
      std::vector<uint8_t> out(px.size(), 255);
      for (int y = 0; y < inner; ++y) {
        for (int x = 0; x < inner; ++x) {
          const int sx = x * size / inner, sy = y * size / inner;
          for (int c = 0; c < 3; ++c) {
            out[(static_cast<size_t>(y + border) * size + x + border) * 3 + c] =
                px[(static_cast<size_t>(sy) * size + sx) * 3 + c];
          }
        }
      }
      px.swap(out);
      return;
    }
  }
}

}  // namespace

Status WriteDemoImage(const std::string& path, uint64_t seed, ImageEdit edit, int size) {
  std::vector<uint8_t> px = Render(seed, size);
  Apply(px, size, edit);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::Error(fmt::format("cannot write {}", path));
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    return Status::Error(fmt::format("cannot encode PNG {}", path));
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(size), static_cast<png_uint_32>(size), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < size; ++y) png_write_row(png, &px[static_cast<size_t>(y) * size * 3]);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  if (std::fclose(f) != 0) return Status::Error(fmt::format("cannot write {}", path));
  return Status::Ok();
}

}  // namespace ipguard::demo
