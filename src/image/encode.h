// Encoding 8-bit images to JPEG, PNG and WebP (test fixtures, the transform
// benchmark, and tools that write thumbnails).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/image.h"
#include "ipguard/status.h"

namespace ipguard::image {

Result<std::vector<uint8_t>> EncodeJpeg(const Image& image, int quality = 90);
Result<std::vector<uint8_t>> EncodePng(const Image& image);
Result<std::vector<uint8_t>> EncodeWebp(const Image& image, float quality = 80);
Status WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace ipguard::image
