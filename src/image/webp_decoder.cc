// WebP through libwebp: features (size, alpha, animation) are read before any
// allocation; alpha is composited over white.
#include <webp/decode.h>

#include <fmt/format.h>

#include "image/image.h"

namespace ipguard::image {

Result<Image> DecodeWebp(std::span<const uint8_t> bytes, const DecodeOptions& options) {
  WebPBitstreamFeatures features;
  const VP8StatusCode code = WebPGetFeatures(bytes.data(), bytes.size(), &features);
  if (code == VP8_STATUS_NOT_ENOUGH_DATA) return Status::Error("WebP: truncated header");
  if (code != VP8_STATUS_OK)
    return Status::Error(fmt::format("WebP: corrupt header (code {})", static_cast<int>(code)));
  if (features.has_animation) return Status::Error("WebP: animated WebP is not supported");
  if (Status st = CheckDimensions("WebP", features.width, features.height, options.limits);
      !st.ok()) {
    return st;
  }
  Image img;
  img.width = features.width;
  img.height = features.height;
  img.channels = 3;
  const size_t pixels = static_cast<size_t>(img.width) * img.height;
  img.pixels.resize(pixels * 3);
  bool ok;
  if (features.has_alpha) {
    std::vector<uint8_t> rgba(pixels * 4);
    ok = WebPDecodeRGBAInto(bytes.data(), bytes.size(), rgba.data(), rgba.size(), img.width * 4) !=
         nullptr;
    if (ok) CompositeOverWhite(rgba.data(), pixels, 3, img.pixels.data());
  } else {
    ok = WebPDecodeRGBInto(bytes.data(), bytes.size(), img.pixels.data(), img.pixels.size(),
                           img.width * 3) != nullptr;
  }
  if (!ok) return Status::Error("WebP: corrupt or truncated image data");
  return img;
}

}  // namespace ipguard::image
