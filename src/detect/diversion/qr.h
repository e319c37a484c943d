// QR codes in images (ZXing-C++ 1.4). A photo is decoded with the project's
// image decoder (src/image/: JPEG, PNG, WebP) to grey levels at about 800
// pixels on its long side (JPEG by scaled DCT, others by box averaging), then
// read with ZXing's hybrid binarizer, again inverted (light modules on dark),
// and again with the global-histogram binarizer.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ipguard/status.h"

namespace ipguard::diversion {

struct QrCode {
  std::string payload;
  int x = 0, y = 0, width = 0, height = 0;  // bounding box in original pixels
  bool inverted = false;                    // read only after inverting the image
};

struct GrayImage {
  int width = 0, height = 0;
  int scale = 1;  // original pixels per pixel here
  std::vector<uint8_t> pixels;
};

// Decodes an image file (JPEG, PNG, WebP) into grey levels, the long side
// reduced by a power of two while it stays at least 3/4 of `max_side`.
// Errors name the file and why.
Result<GrayImage> DecodeGray(const std::string& path, int max_side = 1000);
// The same for file contents already read; `path` names them in errors.
Result<GrayImage> DecodeGray(std::span<const uint8_t> bytes, const std::string& path,
                             int max_side = 1000);

// Every QR code ZXing finds in `image`. Thread-safe.
std::vector<QrCode> ReadQrCodes(const GrayImage& image);

// One fast ZXing pass (hybrid binarizer, no retries).
std::vector<QrCode> QuickReadQrCodes(const GrayImage& image);

// True when the image holds at least three candidate QR finder patterns
// (1:1:3:1:1 runs in a row, confirmed in the column, either polarity) with
// modules of at least `min_module` pixels. A cheap pre-screen: photos
// without a code are rejected before the full decoder runs.
bool HasFinderCandidates(const GrayImage& image, int min_module);

// A photo's QR codes, in three stages: a quarter-size decode and one quick
// ZXing pass; the finder-pattern pre-screen (no candidates: no code); a
// half-size decode with every retry. Errors name the file and why.
Result<std::vector<QrCode>> ReadQrCodes(const std::string& path);

}  // namespace ipguard::diversion
