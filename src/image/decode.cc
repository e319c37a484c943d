#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/stat.h>

#include <fmt/format.h>

#include "image/image.h"

namespace ipguard::image {

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kJpeg:
      return "JPEG";
    case Format::kPng:
      return "PNG";
    case Format::kWebp:
      return "WebP";
    case Format::kUnknown:
      break;
  }
  return "unknown";
}

Format SniffFormat(std::span<const uint8_t> b) {
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Format::kJpeg;
  if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0) return Format::kPng;
  if (b.size() >= 12 && std::memcmp(b.data(), "RIFF", 4) == 0 &&
      std::memcmp(b.data() + 8, "WEBP", 4) == 0) {
    return Format::kWebp;
  }
  return Format::kUnknown;
}

Status CheckDimensions(std::string_view what, uint64_t width, uint64_t height,
                       const DecodeLimits& limits) {
  if (width == 0 || height == 0) {
    return Status::Error(fmt::format("{}: empty image ({}x{})", what, width, height));
  }
  if (width > static_cast<uint64_t>(limits.max_side) ||
      height > static_cast<uint64_t>(limits.max_side) || width * height > limits.max_pixels) {
    return Status::Error(fmt::format(
        "{}: image too large ({}x{}; limits: {} px a side, {} Mpx), refused as a possible "
        "decompression bomb",
        what, width, height, limits.max_side, limits.max_pixels >> 20));
  }
  return Status::Ok();
}

void CompositeOverWhite(const uint8_t* rgba, size_t pixels, int out_channels, uint8_t* out) {
  for (size_t i = 0; i < pixels; ++i) {
    const uint8_t* p = rgba + i * 4;
    const int a = p[3];
    uint8_t rgb[3];
    for (int c = 0; c < 3; ++c)
      rgb[c] = static_cast<uint8_t>((p[c] * a + 255 * (255 - a) + 127) / 255);
    if (out_channels == 3) {
      std::memcpy(out + i * 3, rgb, 3);
    } else {
      out[i] = static_cast<uint8_t>(0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2] + 0.5f);
    }
  }
}

Result<Image> Decode(std::span<const uint8_t> bytes, const DecodeOptions& options) {
  switch (SniffFormat(bytes)) {
    case Format::kJpeg:
      return DecodeJpeg(bytes, options);
    case Format::kPng:
      return DecodePng(bytes, options);
    case Format::kWebp:
      return DecodeWebp(bytes, options);
    case Format::kUnknown:
      break;
  }
  if (bytes.empty()) return Status::Error("empty file");
  return Status::Error("not a JPEG, PNG or WebP image");
}

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Status::Error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::vector<uint8_t> bytes;
  // A regular file is read in one call at its size; a pipe or a file that
  // grows is then read on in chunks.
  struct stat st;
  if (fstat(fileno(f.get()), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
      return Status::Error(
          fmt::format("{}: file larger than the {} MB limit", path, max_bytes >> 20));
    }
    bytes.resize(static_cast<size_t>(st.st_size));
    bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f.get()));
  }
  uint8_t chunk[1 << 16];
  for (;;) {
    const size_t n = std::fread(chunk, 1, sizeof chunk, f.get());
    if (n == 0) break;
    if (bytes.size() + n > max_bytes) {
      return Status::Error(
          fmt::format("{}: file larger than the {} MB limit", path, max_bytes >> 20));
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  if (std::ferror(f.get())) {
    return Status::Error(fmt::format("{}: read error: {}", path, std::strerror(errno)));
  }
  return bytes;
}

Result<Image> DecodeFile(const std::string& path, const DecodeOptions& options) {
  auto bytes = ReadFileBytes(path, options.limits.max_file_bytes);
  if (!bytes.ok()) return bytes.status();
  auto img = Decode(*bytes, options);
  if (!img.ok()) return Status::Error(fmt::format("{}: {}", path, img.status().message()));
  return img;
}

}  // namespace ipguard::image
