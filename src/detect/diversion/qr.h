// QR codes in images (ZXing-C++ 1.4). A photo is decoded to grey levels at
// about 800 pixels on its long side (JPEG by scaled DCT, PNG by box
// averaging), then read with ZXing's hybrid binarizer, again inverted (light
// modules on dark), and again with the global-histogram binarizer.
//
// The image decoding here is private and small: it is to be replaced by the
// shared decoders of src/image/ once they land on main.
#pragma once

#include <cstdint>
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

// Decodes a PNG or JPEG file into grey levels, at most ~`max_side` pixels on
// the long side (a power-of-two reduction). Errors name the file and why.
Result<GrayImage> DecodeGray(const std::string& path, int max_side = 1000);

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
