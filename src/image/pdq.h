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
  // Fast: JPEGs are decoded with DCT scaling straight to their Y plane at a
  // fraction of their size (sides >= kFastMinSide), then hashed as usual.
  kFast,
  // Compatibility with the C++ reference command-line hasher: full decode,
  // squash any image larger than 512 px on a side to 512x512 (nearest
  // neighbour), then hash.
  kSquash512,
};
inline constexpr int kFastMinSide = 512;
// Fast mode blurs on a 2x2-averaged copy when both sides stay >= this.
inline constexpr int kFastMinBlurSide = 256;

// Hashes a row-major luma matrix. `luma` is used as working memory (blurred
// in place). Images under 5 px on a side hash to zero with quality 0.
// `source_rows` x `source_cols`: the picture's size before a scaled decode
// (0: not scaled); the blur windows are then those of the source picture.
PdqResult PdqFromLuma(std::vector<float>& luma, int rows, int cols, int source_rows = 0,
                      int source_cols = 0);

// The float luma of an 8-bit grey or RGB image (step 1).
std::vector<float> LumaOf(const Image& image);

// The luma a mode hashes, `rows` x `cols`: in fast mode an image whose sides
// are both >= 2 * kFastMinBlurSide is 2x2 box-averaged first.
std::vector<float> LumaForHash(const Image& image, PdqMode mode, int& rows, int& cols);

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
