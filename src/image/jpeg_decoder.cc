// JPEG through the TurboJPEG API of libjpeg-turbo: errors come back as
// return codes (no setjmp), progressive scans are capped (TJFLAG_LIMITSCANS),
// and DCT scaling decodes large photos straight to a fraction of their size.
#include <turbojpeg.h>

#include <memory>
#include <string>

#include <fmt/format.h>

#include "image/exif.h"
#include "image/image.h"

namespace ipguard::image {
namespace {

struct TjDeleter {
  void operator()(void* h) const { tjDestroy(h); }
};

// The smallest libjpeg-turbo scaling factor (<= 1) that keeps both sides at
// least `min_side`; 1/1 when min_side is 0 or the image is already small.
tjscalingfactor ChooseScale(int width, int height, int min_side) {
  tjscalingfactor best{1, 1};
  if (min_side <= 0) return best;
  int n = 0;
  const tjscalingfactor* factors = tjGetScalingFactors(&n);
  for (int i = 0; factors && i < n; ++i) {
    const tjscalingfactor f = factors[i];
    if (f.num > f.denom) continue;
    if (TJSCALED(width, f) < min_side || TJSCALED(height, f) < min_side) continue;
    if (static_cast<int64_t>(f.num) * best.denom < static_cast<int64_t>(best.num) * f.denom)
      best = f;
  }
  return best;
}

}  // namespace

Result<Image> DecodeJpeg(std::span<const uint8_t> bytes, const DecodeOptions& options) {
  std::unique_ptr<void, TjDeleter> handle(tjInitDecompress());
  if (!handle) return Status::Error("JPEG: cannot initialise libjpeg-turbo");
  auto* data = const_cast<unsigned char*>(bytes.data());
  const auto size = static_cast<unsigned long>(bytes.size());
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle.get(), data, size, &width, &height, &subsampling, &colorspace) !=
      0) {
    return Status::Error(fmt::format("JPEG: corrupt header ({})", tjGetErrorStr2(handle.get())));
  }
  if (Status st = CheckDimensions("JPEG", width, height, options.limits); !st.ok()) return st;

  tjscalingfactor scale = ChooseScale(width, height, options.min_side);
  if (options.scale_denom) {
    const int denom = options.scale_denom(width, height);
    if (denom == 2 || denom == 4 || denom == 8) scale = {1, denom};
  }
  const bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  const bool grey = colorspace == TJCS_GRAY;
  int format = TJPF_RGB;
  if (cmyk) {
    format = TJPF_CMYK;
  } else if (grey || (options.luma && colorspace == TJCS_YCbCr)) {
    format = TJPF_GRAY;  // from YCbCr: the Y plane itself, no colour conversion
  }
  Image img;
  img.width = TJSCALED(width, scale);
  img.height = TJSCALED(height, scale);
  const int pixel_size = tjPixelSize[format];
  std::vector<uint8_t> buffer(static_cast<size_t>(img.width) * img.height * pixel_size);
  const int flags = TJFLAG_LIMITSCANS;
  if (tjDecompress2(handle.get(), data, size, buffer.data(), img.width, 0, img.height, format,
                    flags) != 0) {
    const std::string why = tjGetErrorStr2(handle.get());
    // A warning leaves a complete (if imperfect) image, except a truncated
    // file, whose missing rows libjpeg fills with grey: that is an error.
    if (tjGetErrorCode(handle.get()) == TJERR_FATAL ||
        why.find("Premature end") != std::string::npos) {
      const bool truncated = why.find("Premature end") != std::string::npos;
      return Status::Error(fmt::format("JPEG: {} ({})", truncated ? "truncated" : "corrupt", why));
    }
  }
  if (cmyk) {
    // Naive CMYK -> RGB (no colour management). Adobe applications (and most
    // encoders, which follow them) store CMYK inverted: 255 = no ink.
    const bool inverted = !FindJpegSegment(bytes, 0xEE, "Adobe").empty();
    img.channels = 3;
    img.pixels.resize(static_cast<size_t>(img.width) * img.height * 3);
    for (size_t i = 0, n = static_cast<size_t>(img.width) * img.height; i < n; ++i) {
      const uint8_t* s = &buffer[i * 4];
      const int k = inverted ? s[3] : 255 - s[3];
      for (int c = 0; c < 3; ++c) {
        const int v = inverted ? s[c] : 255 - s[c];
        img.pixels[i * 3 + c] = static_cast<uint8_t>((v * k + 127) / 255);
      }
    }
  } else {
    img.channels = pixel_size;
    img.pixels = std::move(buffer);
  }
  if (scale.num != scale.denom) img.source_width = width, img.source_height = height;
  if (options.apply_orientation) {
    const int orientation = JpegExifOrientation(bytes);
    ApplyOrientation(img, orientation);
  }
  return img;
}

}  // namespace ipguard::image
