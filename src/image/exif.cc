#include "image/exif.h"

#include <cstring>

namespace ipguard::image {
namespace {

// Bounds-checked big/little-endian reads over one TIFF block.
struct Tiff {
  std::span<const uint8_t> b;
  bool little = false;
  bool Read16(size_t at, uint32_t& v) const {
    if (at + 2 > b.size()) return false;
    v = little ? (b[at] | b[at + 1] << 8) : (b[at] << 8 | b[at + 1]);
    return true;
  }
  bool Read32(size_t at, uint32_t& v) const {
    uint32_t hi, lo;
    if (!Read16(at, little ? lo : hi) || !Read16(at + 2, little ? hi : lo)) return false;
    v = hi << 16 | lo;
    return true;
  }
};

int OrientationFromTiff(std::span<const uint8_t> tiff_bytes) {
  if (tiff_bytes.size() < 8) return 1;
  Tiff t{tiff_bytes, false};
  if (tiff_bytes[0] == 'I' && tiff_bytes[1] == 'I') {
    t.little = true;
  } else if (!(tiff_bytes[0] == 'M' && tiff_bytes[1] == 'M')) {
    return 1;
  }
  uint32_t magic, ifd, count;
  if (!t.Read16(2, magic) || magic != 42 || !t.Read32(4, ifd) || !t.Read16(ifd, count)) return 1;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t entry = static_cast<size_t>(ifd) + 2 + 12 * static_cast<size_t>(i);
    uint32_t tag, type, value;
    if (!t.Read16(entry, tag) || !t.Read16(entry + 2, type)) return 1;
    if (tag != 0x0112) continue;
    if (type != 3 || !t.Read16(entry + 8, value)) return 1;  // SHORT
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

}  // namespace

std::span<const uint8_t> FindJpegSegment(std::span<const uint8_t> jpeg, uint8_t marker,
                                         std::string_view prefix) {
  // Walk the marker segments after SOI up to the first scan (SOS).
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return {};
  size_t at = 2;
  while (at + 4 <= jpeg.size()) {
    if (jpeg[at] != 0xFF) return {};
    const uint8_t m = jpeg[at + 1];
    if (m == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (m == 0xDA || m == 0xD9) return {};  // SOS or EOI: headers are over
    const size_t length = static_cast<size_t>(jpeg[at + 2]) << 8 | jpeg[at + 3];
    if (length < 2 || at + 2 + length > jpeg.size()) return {};
    const auto body = jpeg.subspan(at + 4, length - 2);
    if (m == marker && body.size() >= prefix.size() &&
        std::memcmp(body.data(), prefix.data(), prefix.size()) == 0) {
      return body.subspan(prefix.size());
    }
    at += 2 + length;
  }
  return {};
}

int JpegExifOrientation(std::span<const uint8_t> jpeg) {
  const auto tiff = FindJpegSegment(jpeg, 0xE1, std::string_view("Exif\0\0", 6));
  return tiff.empty() ? 1 : OrientationFromTiff(tiff);
}

void ApplyOrientation(Image& image, int orientation) {
  if (orientation < 2 || orientation > 8) return;
  const int w = image.width, h = image.height, c = image.channels;
  const bool swap = orientation >= 5;
  const int ow = swap ? h : w, oh = swap ? w : h;
  std::vector<uint8_t> out(image.pixels.size());
  for (int y = 0; y < oh; ++y) {
    for (int x = 0; x < ow; ++x) {
      int sx = x, sy = y;  // the stored pixel shown at display (x, y)
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;
      }
      const uint8_t* src = image.pixels.data() + (static_cast<size_t>(sy) * w + sx) * c;
      uint8_t* dst = out.data() + (static_cast<size_t>(y) * ow + x) * c;
      for (int k = 0; k < c; ++k) dst[k] = src[k];
    }
  }
  image.pixels = std::move(out);
  if (swap) std::swap(image.source_width, image.source_height);
  image.width = ow;
  image.height = oh;
}

}  // namespace ipguard::image
