// Decoding of untrusted images (JPEG, PNG, WebP) into 8-bit pixels.
//
// Guarantees, for any input bytes: no crash, no unbounded allocation (the
// header's dimensions are checked against DecodeLimits before any pixel
// buffer is allocated), and on failure a Status whose message names the
// format and says why (corrupt, truncated, too large, unsupported).
//
// Every decoder hands back the picture as it is displayed: EXIF orientation
// applied (JPEG), palettes expanded, 16-bit samples reduced to 8, and alpha
// composited over white (a transparent product photo sits on a white page).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ipguard/status.h"

namespace ipguard::image {

enum class Format { kUnknown, kJpeg, kPng, kWebp };
std::string_view FormatName(Format format);
// The format from the first bytes (magic numbers), kUnknown when none matches.
Format SniffFormat(std::span<const uint8_t> bytes);

// An 8-bit image, rows top to bottom, `channels` interleaved samples per
// pixel: 1 (luma / grey) or 3 (R, G, B).
struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;  // height * width * channels
  // The size before a scaled (DCT) decode shrank it; 0 when not scaled.
  int source_width = 0;
  int source_height = 0;

  const uint8_t* row(int y) const {
    return pixels.data() + static_cast<size_t>(y) * width * channels;
  }
};

// Limits against decompression bombs and hostile files.
struct DecodeLimits {
  int max_side = 20000;                // pixels along either side
  uint64_t max_pixels = 64ull << 20;   // width * height (64 Mpx)
  uint64_t max_file_bytes = 64 << 20;  // bytes read from a file
};

struct DecodeOptions {
  DecodeLimits limits;
  // Luma alone is enough: a YCbCr JPEG is then decoded straight to its Y
  // plane (Y = 0.299 R + 0.587 G + 0.114 B, PDQ's luma) with no colour
  // conversion. Other formats still return grey or RGB as stored.
  bool luma = false;
  // JPEG only: decode with libjpeg-turbo's DCT scaling to the smallest size
  // whose sides are both at least `min_side` (0: full size). Other formats
  // are always decoded at full size.
  int min_side = 0;
  // JPEG only, instead of min_side when set: returns the scaling 1/denom
  // (denom 1, 2, 4 or 8) to decode a JPEG of this stored size at. These
  // are the scalings whose reduced inverse DCTs libjpeg-turbo runs in SIMD
  // (the other M/8 are plain C and cost more than 1/2).
  int (*scale_denom)(int width, int height) = nullptr;
  // Apply the EXIF orientation tag of a JPEG (rotate / flip to display
  // orientation).
  bool apply_orientation = true;
};

// Decodes an image held in memory.
Result<Image> Decode(std::span<const uint8_t> bytes, const DecodeOptions& options = {});
// Reads and decodes a file; errors name the path.
Result<Image> DecodeFile(const std::string& path, const DecodeOptions& options = {});

// Reads a whole file (at most `max_bytes`); errors name the path and why.
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path, uint64_t max_bytes);

// Checks dimensions against limits before allocation. `what` names the
// format for the message.
Status CheckDimensions(std::string_view what, uint64_t width, uint64_t height,
                       const DecodeLimits& limits);

// Per-format decoders (used by Decode after sniffing).
Result<Image> DecodeJpeg(std::span<const uint8_t> bytes, const DecodeOptions& options);
Result<Image> DecodePng(std::span<const uint8_t> bytes, const DecodeOptions& options);
Result<Image> DecodeWebp(std::span<const uint8_t> bytes, const DecodeOptions& options);

// Composites `rgba` (width*height*4) over white into `out` (RGB or luma).
void CompositeOverWhite(const uint8_t* rgba, size_t pixels, int out_channels, uint8_t* out);

}  // namespace ipguard::image
