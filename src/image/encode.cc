#include "image/encode.h"

#include <png.h>
#include <turbojpeg.h>
#include <webp/encode.h>

#include <cstdio>
#include <memory>

#include <fmt/format.h>

namespace ipguard::image {

Result<std::vector<uint8_t>> EncodeJpeg(const Image& image, int quality) {
  std::unique_ptr<void, int (*)(tjhandle)> h(tjInitCompress(), &tjDestroy);
  if (!h) return Status::Error("JPEG: cannot initialise the encoder");
  unsigned char* out = nullptr;
  unsigned long size = 0;
  const int format = image.channels == 1 ? TJPF_GRAY : TJPF_RGB;
  const int sub = image.channels == 1 ? TJSAMP_GRAY : TJSAMP_420;
  if (tjCompress2(h.get(), image.pixels.data(), image.width, 0, image.height, format, &out, &size,
                  sub, quality, 0) != 0) {
    return Status::Error(fmt::format("JPEG: {}", tjGetErrorStr2(h.get())));
  }
  std::vector<uint8_t> bytes(out, out + size);
  tjFree(out);
  return bytes;
}

Result<std::vector<uint8_t>> EncodePng(const Image& image) {
  png_image p{};
  p.version = PNG_IMAGE_VERSION;
  p.width = static_cast<png_uint_32>(image.width);
  p.height = static_cast<png_uint_32>(image.height);
  p.format = image.channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&p, nullptr, &size, 0, image.pixels.data(), 0, nullptr)) {
    return Status::Error(fmt::format("PNG: {}", p.message));
  }
  std::vector<uint8_t> bytes(size);
  if (!png_image_write_to_memory(&p, bytes.data(), &size, 0, image.pixels.data(), 0, nullptr)) {
    return Status::Error(fmt::format("PNG: {}", p.message));
  }
  bytes.resize(size);
  return bytes;
}

Result<std::vector<uint8_t>> EncodeWebp(const Image& image, float quality) {
  Image rgb = image;
  if (image.channels == 1) {
    rgb.channels = 3;
    rgb.pixels.resize(image.pixels.size() * 3);
    for (size_t i = 0; i < image.pixels.size(); ++i) {
      rgb.pixels[3 * i] = rgb.pixels[3 * i + 1] = rgb.pixels[3 * i + 2] = image.pixels[i];
    }
  }
  uint8_t* out = nullptr;
  const size_t size =
      WebPEncodeRGB(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, quality, &out);
  if (size == 0) return Status::Error("WebP: encoding failed");
  std::vector<uint8_t> bytes(out, out + size);
  WebPFree(out);
  return bytes;
}

Status WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size()) {
    return Status::Error(fmt::format("cannot write {}", path));
  }
  return Status::Ok();
}

}  // namespace ipguard::image
