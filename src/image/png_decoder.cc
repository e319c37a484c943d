// PNG through libpng's simplified API (png_image): every bit depth, palette,
// grey, tRNS and alpha variant is converted by libpng itself, errors come back
// as return codes with libpng's message, and dimensions are checked between
// the header read and the pixel allocation.
#include <png.h>

#include <fmt/format.h>

#include "image/image.h"

namespace ipguard::image {

Result<Image> DecodePng(std::span<const uint8_t> bytes, const DecodeOptions& options) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    const std::string why = png.message;
    png_image_free(&png);
    return Status::Error(fmt::format("PNG: corrupt header ({})", why));
  }
  if (Status st = CheckDimensions("PNG", png.width, png.height, options.limits); !st.ok()) {
    png_image_free(&png);
    return st;
  }
  const bool colour = (png.format & PNG_FORMAT_FLAG_COLOR) != 0;
  // Grey sources stay grey; alpha is composited over white by libpng.
  png.format = colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  png_color white{255, 255, 255};
  Image img;
  img.width = static_cast<int>(png.width);
  img.height = static_cast<int>(png.height);
  img.channels = colour ? 3 : 1;
  img.pixels.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, &white, img.pixels.data(), 0, nullptr)) {
    const std::string why = png.message;
    png_image_free(&png);
    const bool truncated = why.find("end") != std::string::npos ||
                           why.find("truncat") != std::string::npos ||
                           why.find("Read Error") != std::string::npos;
    return Status::Error(fmt::format("PNG: {} ({})", truncated ? "truncated" : "corrupt", why));
  }
  png_image_free(&png);
  return img;
}

}  // namespace ipguard::image
