#include "image/transform.h"

#include <algorithm>
#include <cmath>

namespace ipguard::image {
namespace {

Image Blank(int w, int h, int c, uint8_t v) {
  return Image{w, h, c, std::vector<uint8_t>(static_cast<size_t>(w) * h * c, v)};
}

uint8_t* At(Image& img, int x, int y) {
  return img.pixels.data() + (static_cast<size_t>(y) * img.width + x) * img.channels;
}
const uint8_t* At(const Image& img, int x, int y) {
  return img.pixels.data() + (static_cast<size_t>(y) * img.width + x) * img.channels;
}

}  // namespace

Image Resize(const Image& src, int width, int height) {
  Image out = Blank(width, height, src.channels, 0);
  const double sx = static_cast<double>(src.width) / width;
  const double sy = static_cast<double>(src.height) / height;
  for (int y = 0; y < height; ++y) {
    const int y0 = static_cast<int>(y * sy), y1 = std::max(y0 + 1, static_cast<int>((y + 1) * sy));
    for (int x = 0; x < width; ++x) {
      const int x0 = static_cast<int>(x * sx),
                x1 = std::max(x0 + 1, static_cast<int>((x + 1) * sx));
      for (int c = 0; c < src.channels; ++c) {
        double sum = 0;
        int n = 0;
        for (int yy = y0; yy < std::min(y1, src.height); ++yy) {
          for (int xx = x0; xx < std::min(x1, src.width); ++xx, ++n) sum += At(src, xx, yy)[c];
        }
        At(out, x, y)[c] = static_cast<uint8_t>(n ? sum / n + 0.5 : 0);
      }
    }
  }
  return out;
}

Image Crop(const Image& src, int x, int y, int w, int h) {
  x = std::clamp(x, 0, src.width - 1), y = std::clamp(y, 0, src.height - 1);
  w = std::clamp(w, 1, src.width - x), h = std::clamp(h, 1, src.height - y);
  Image out = Blank(w, h, src.channels, 0);
  for (int r = 0; r < h; ++r) std::copy_n(At(src, x, y + r), w * src.channels, At(out, 0, r));
  return out;
}

Image Pad(const Image& src, int left, int top, int right, int bottom, uint8_t value) {
  Image out = Blank(src.width + left + right, src.height + top + bottom, src.channels, value);
  for (int r = 0; r < src.height; ++r) {
    std::copy_n(At(src, 0, r), src.width * src.channels, At(out, left, top + r));
  }
  return out;
}

Image Rotate90(const Image& src, int quarter_turns) {
  Image cur = src;
  for (int t = 0; t < ((quarter_turns % 4) + 4) % 4; ++t) {
    Image out = Blank(cur.height, cur.width, cur.channels, 0);
    for (int y = 0; y < out.height; ++y) {
      for (int x = 0; x < out.width; ++x) {
        std::copy_n(At(cur, y, cur.height - 1 - x), cur.channels, At(out, x, y));
      }
    }
    cur = std::move(out);
  }
  return cur;
}

Image Mirror(const Image& src) {
  Image out = src;
  for (int y = 0; y < src.height; ++y) {
    for (int x = 0; x < src.width; ++x) {
      std::copy_n(At(src, src.width - 1 - x, y), src.channels, At(out, x, y));
    }
  }
  return out;
}

Image Grayscale(const Image& src) {
  if (src.channels == 1) return src;
  Image out = Blank(src.width, src.height, 1, 0);
  for (size_t i = 0; i < out.pixels.size(); ++i) {
    const uint8_t* p = &src.pixels[i * 3];
    out.pixels[i] = static_cast<uint8_t>(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] + 0.5);
  }
  return out;
}

Image Adjust(const Image& src, double brightness, double contrast) {
  Image out = src;
  for (auto& v : out.pixels) {
    v = static_cast<uint8_t>(std::clamp(contrast * (v - 128.0) + 128.0 + brightness, 0.0, 255.0));
  }
  return out;
}

Image Sticker(const Image& src, int x, int y, int w, int h, uint8_t value) {
  Image out = src;
  for (int r = std::max(0, y); r < std::min(src.height, y + h); ++r) {
    for (int c = std::max(0, x); c < std::min(src.width, x + w); ++c) {
      std::fill_n(At(out, c, r), src.channels, value);
    }
  }
  return out;
}

Image Watermark(const Image& src, int x, int y, int w, int h, uint8_t value) {
  Image out = src;
  const int stroke = std::max(1, h / 12);
  for (int r = std::max(0, y); r < std::min(src.height, y + h); ++r) {
    for (int c = std::max(0, x); c < std::min(src.width, x + w); ++c) {
      // Letter-like strokes: short vertical bars and a few horizontal ones.
      const bool vertical = ((c - x) / stroke) % 3 == 0;
      const bool horizontal = ((r - y) / stroke) % 6 == 0 && ((c - x) / (4 * stroke)) % 2 == 0;
      if (vertical || horizontal) std::fill_n(At(out, c, r), src.channels, value);
    }
  }
  return out;
}

Image OnCanvas(const Image& src, int canvas_w, int canvas_h, int x, int y, int w, int h) {
  Image canvas = Blank(canvas_w, canvas_h, src.channels, 255);
  const Image scaled = Resize(src, w, h);
  for (int r = 0; r < h && y + r < canvas_h; ++r) {
    std::copy_n(At(scaled, 0, r), std::min(w, canvas_w - x) * src.channels, At(canvas, x, y + r));
  }
  return canvas;
}

}  // namespace ipguard::image
