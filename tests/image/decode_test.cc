#include <zlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "image/exif.h"
#include "image/image.h"
#include "image/pdq.h"
#include "image/test_data.h"

namespace ipguard::image {
namespace {

using ipguard::testing::PdqData;

std::vector<uint8_t> Read(const std::string& path) {
  auto bytes = ReadFileBytes(path, 1 << 30);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : std::vector<uint8_t>{};
}

TEST(Decode, EveryPixelModeOfTheSamePictureDecodesAndHashesAlike) {
  const std::string dir = PdqData() + "/misc-images/modes";
  auto original = PdqFromFile(dir + "/original.jpg");
  ASSERT_TRUE(original.ok());
  int images = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() == ".md") continue;  // the folder's README
    auto img = DecodeFile(path);
    ASSERT_TRUE(img.ok()) << img.status().message();
    EXPECT_EQ(img->width, 1600) << path;
    EXPECT_EQ(img->height, 1004) << path;
    auto r = PdqFromFile(path);
    ASSERT_TRUE(r.ok()) << path;
    EXPECT_GE(r->quality, 80) << path;
    EXPECT_LE(Hamming(r->hash(), original->hash()), 16) << path;
    ++images;
  }
  EXPECT_GE(images, 14);
}

TEST(Decode, ReadmeInTheModesFolderIsAClearErrorNotACrash) {
  auto r = DecodeFile(PdqData() + "/misc-images/modes/README.md");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a JPEG, PNG or WebP"), std::string::npos);
  EXPECT_NE(r.status().message().find("README.md"), std::string::npos);
}

TEST(Decode, ExifOrientationIsApplied) {
  const std::string dir = PdqData() + "/reg-test-input/exif-rotn/";
  DecodeOptions o;
  o.min_side = 128;
  for (int tag : {1, 3, 6, 8}) {
    const auto bytes = Read(dir + "exif-rotn-" + std::to_string(tag) + ".jpg");
    EXPECT_EQ(JpegExifOrientation(bytes), tag);
    auto img = Decode(bytes, o);
    ASSERT_TRUE(img.ok());
    // Stored 4032x3024 landscape; tags 6 and 8 turn it a quarter to portrait.
    EXPECT_EQ(img->height > img->width, tag == 6 || tag == 8) << tag;
  }
}

TEST(Decode, OrientationTransformsMapPixelsAsExifSays) {
  Image img{3, 2, 1, {1, 2, 3, 4, 5, 6}};  // 1 2 3 / 4 5 6
  Image r6 = img;
  ApplyOrientation(r6, 6);  // rotate 90 clockwise: 4 1 / 5 2 / 6 3
  EXPECT_EQ(r6.width, 2);
  EXPECT_EQ(r6.pixels, (std::vector<uint8_t>{4, 1, 5, 2, 6, 3}));
  Image r8 = img;
  ApplyOrientation(r8, 8);  // rotate 90 counter-clockwise: 3 6 / 2 5 / 1 4
  EXPECT_EQ(r8.pixels, (std::vector<uint8_t>{3, 6, 2, 5, 1, 4}));
  Image r3 = img;
  ApplyOrientation(r3, 3);
  EXPECT_EQ(r3.pixels, (std::vector<uint8_t>{6, 5, 4, 3, 2, 1}));
  Image r2 = img;
  ApplyOrientation(r2, 2);
  EXPECT_EQ(r2.pixels, (std::vector<uint8_t>{3, 2, 1, 6, 5, 4}));
}

TEST(Decode, TruncatedFilesAreClearErrors) {
  for (const char* name : {"RGB.jpg", "RGBA.png", "P.png", "F.webp", "PA.webp", "CMYK.jpg"}) {
    const auto bytes = Read(PdqData() + "/misc-images/modes/" + name);
    for (double keep : {0.001, 0.02, 0.5, 0.97}) {
      const std::span<const uint8_t> cut(bytes.data(), static_cast<size_t>(bytes.size() * keep));
      auto r = Decode(cut);
      ASSERT_FALSE(r.ok()) << name << " cut to " << keep;
      const std::string m = r.status().message();
      EXPECT_TRUE(m.find("truncated") != std::string::npos ||
                  m.find("corrupt") != std::string::npos)
          << name << ": " << m;
    }
  }
}

TEST(Decode, CorruptBytesNeverCrash) {
  auto bytes = Read(PdqData() + "/misc-images/modes/RGB.jpg");
  uint32_t seed = 12345;
  for (int round = 0; round < 20; ++round) {
    auto copy = bytes;
    for (int k = 0; k < 50; ++k) {
      seed = seed * 1664525u + 1013904223u;
      copy[600 + seed % (copy.size() - 600)] = static_cast<uint8_t>(seed >> 24);
    }
    DecodeOptions o;
    o.min_side = 64;
    auto r = Decode(copy, o);  // either an image or an error; never a crash
    if (r.ok()) {
      EXPECT_GT(r->width, 0);
    }
  }
  EXPECT_FALSE(Decode(std::vector<uint8_t>{}).ok());
  EXPECT_FALSE(Decode(std::vector<uint8_t>{0xFF, 0xD8, 0xFF}).ok());
}

// A PNG that is only a header (and no pixel data) claiming `w` x `h`.
std::vector<uint8_t> PngHeader(uint32_t w, uint32_t h) {
  std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  const size_t type_at = b.size();
  for (char c : std::string("IHDR")) b.push_back(static_cast<uint8_t>(c));
  for (uint32_t v : {w, h}) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(v >> s));
  }
  for (uint8_t v : {8, 2, 0, 0, 0}) b.push_back(v);  // 8-bit RGB
  const uint32_t crc = crc32(0, b.data() + type_at, static_cast<uInt>(b.size() - type_at));
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(crc >> s));
  // An empty IDAT, so that libpng's header read stops at the image data.
  const uint8_t idat[] = {0, 0, 0, 0, 'I', 'D', 'A', 'T'};
  b.insert(b.end(), idat, idat + 8);
  const uint32_t idat_crc = crc32(0, idat + 4, 4);
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(idat_crc >> s));
  return b;
}

TEST(Decode, DecompressionBombsAreRefusedBeforeAllocation) {
  auto png = Decode(PngHeader(100000, 100000));
  ASSERT_FALSE(png.ok());
  EXPECT_NE(png.status().message().find("too large"), std::string::npos) << png.status().message();

  // A real JPEG whose frame header is patched to claim 60000 x 60000.
  auto jpeg = Read(PdqData() + "/misc-images/modes/RGB.jpg");
  for (size_t i = 0; i + 9 < jpeg.size(); ++i) {
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
      jpeg[i + 5] = 0xEA, jpeg[i + 6] = 0x60, jpeg[i + 7] = 0xEA, jpeg[i + 8] = 0x60;
      break;
    }
  }
  auto big = Decode(jpeg);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("too large"), std::string::npos) << big.status().message();

  DecodeOptions tight;
  tight.limits.max_pixels = 1000;
  auto small = DecodeFile(PdqData() + "/misc-images/modes/F.webp", tight);
  ASSERT_FALSE(small.ok());
  EXPECT_NE(small.status().message().find("too large"), std::string::npos);
}

TEST(Decode, MissingFileNamesThePath) {
  auto r = DecodeFile("/nonexistent/x.jpg");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/x.jpg"), std::string::npos);
}

TEST(Decode, JpegDctScalingKeepsBothSidesAtLeastMinSide) {
  DecodeOptions o;
  o.min_side = 256;
  o.luma = true;
  auto img = DecodeFile(PdqData() + "/misc-images/modes/RGB.jpg", o);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img->channels, 1);
  EXPECT_GE(std::min(img->width, img->height), 256);
  EXPECT_LT(img->width, 1600);
}

}  // namespace
}  // namespace ipguard::image
