// PDQ perceptual hashing, per Meta's published algorithm ("The TMK+PDQF
// Video-Hashing Algorithm and the PDQ Image Similarity Algorithm", 2017):
//   1. luma Y = 0.299 R + 0.587 G + 0.114 B, as float;
//   2. two passes of a Jarosz box filter (tent) along rows and columns, window
//      ceil(side / 128), then decimation to 64x64 at cell centres;
//   3. quality: the sum of quantised gradients of the 64x64 image / 90, capped
//      at 100 (<= 49: flat or featureless, not trustworthy);
//   4. the 16x16 lowest non-DC frequencies of the 2-D DCT-II of the 64x64;
//   5. bit = coefficient > median of the 256 coefficients;
//   6. the 8 dihedral variants (rotations, flips) from sign changes and
//      transposes of the same 16x16 coefficients, without re-hashing pixels.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "image/image.h"
#include "image/pdq_hash.h"
#include "ipguard/status.h"

namespace ipguard::image {

// Order of PdqResult::dihedral.
enum class Dihedral {
  kOriginal,
  kRotate90,  // counter-clockwise (PDQ's convention)
  kRotate180,
  kRotate270,  // counter-clockwise, i.e. 90 clockwise
  kFlipX,      // upside down (mirror about the horizontal axis)
  kFlipY,      // left-right mirror
  kFlipPlus1,  // transpose
  kFlipMinus1  // anti-transpose
};
inline constexpr int kDihedralCount = 8;
std::string_view DihedralName(int index);

struct PdqResult {
  // dihedral[0] is the hash of the image as given; dihedral[t] is the hash
  // the image would have after transform t (so a copy rotated by t matches
  // dihedral[t] of the original).
  std::array<PdqHash, kDihedralCount> dihedral;
  int quality = 0;  // 0..100
  const PdqHash& hash() const { return dihedral[0]; }
};

enum class PdqMode {
  // Fast: JPEGs are decoded with DCT scaling (PdqScaleDenom) straight to
  // their Y plane, then hashed by PdqFromPixels with PDQ's blur sized from
  // the picture's own size (capped at kFastGrid).
  kFast,
  // Compatibility with the C++ reference command-line hasher: full decode,
  // squash any image larger than 512 px on a side to 512x512 (nearest
  // neighbour), then hash.
  kSquash512,
};
// Fast mode's grid: PDQ as if on the picture area-resampled to at most
// this many pixels on its long side (aspect kept). PDQ's reference
// pipelines each resize first, differently (512x512 squash, 512 px
// thumbnail, none); see docs/images.md for why 1024.
inline constexpr int kFastGrid = 1024;

// The JPEG DCT scaling 1/denom (1, 2, 4 or 8) fast mode decodes a picture
// of this size at: the smallest with a decoded pixel still no wider than
// half of PDQ's box window (ceil(side / 128) source pixels) along both
// sides, so each tent spans about 4 or more decoded pixels.
int PdqScaleDenom(int width, int height);

// Hashes a row-major luma matrix exactly as PDQ's reference does (blur in
// place: `luma` is working memory). Images under 5 px on a side hash to zero
// with quality 0.
PdqResult PdqFromLuma(std::vector<float>& luma, int rows, int cols);

// Hashes an 8-bit grey or RGB image that may have been decoded at a
// fraction of its size (source_width x source_height): PDQ's blur and
// decimation on the grid of the source size (capped at kFastGrid on the
// long side), windows and cell centres from that grid, each decoded pixel
// standing for its span of the grid. The result does not depend on the
// decode scale beyond the detail the scaling removed; a picture of at most
// kFastGrid px hashes as PdqFromLuma does, up to float rounding.
PdqResult PdqFromPixels(const Image& image);

// The float luma of an 8-bit grey or RGB image (step 1).
std::vector<float> LumaOf(const Image& image);

// Nearest-neighbour resize to `width` x `height`, sampling source pixel
// floor(x * W / width) as the reference hasher's image library does.
Image ResizeNearest(const Image& image, int width, int height);

// The decode options a mode uses.
DecodeOptions PdqDecodeOptions(PdqMode mode, DecodeLimits limits = {});

// Hashes a decoded image the way `mode` does after decoding.
PdqResult PdqFromImage(const Image& image, PdqMode mode);

// Decodes and hashes an image file or in-memory bytes.
Result<PdqResult> PdqFromFile(const std::string& path, PdqMode mode = PdqMode::kFast,
                              const DecodeLimits& limits = {});
Result<PdqResult> PdqFromBytes(std::span<const uint8_t> bytes, PdqMode mode = PdqMode::kFast,
                               const DecodeLimits& limits = {});

}  // namespace ipguard::image
