#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "image/pdq.h"
#include "image/test_data.h"

namespace ipguard::image {
namespace {

using ipguard::testing::PdqData;

struct Expected {
  std::string file;
  PdqHash hash;
};

std::vector<Expected> LoadCsv(const std::string& name) {
  std::ifstream in(PdqData() + "/expected/" + name);
  std::vector<Expected> out;
  std::string line;
  std::getline(in, line);  // FilePath,Hash
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    auto hash = PdqHash::FromHex(line.substr(comma + 1));
    if (comma == std::string::npos || !hash) continue;
    out.push_back({line.substr(0, comma), *hash});
  }
  EXPECT_FALSE(out.empty()) << name;
  return out;
}

TEST(PdqHash, HexRoundTripsInReferenceBitOrder) {
  const std::string hex = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
  auto h = PdqHash::FromHex(hex);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->ToHex(), hex);
  EXPECT_TRUE(h->Bit(255));   // leading 'd' = 1101: bit 255 set
  EXPECT_FALSE(h->Bit(253));  // ... bit 253 clear
  EXPECT_FALSE(PdqHash::FromHex("xyz"));
  EXPECT_EQ(Hamming(*h, *h), 0);
}

TEST(Pdq, Squash512ModeReproducesTheReferenceCommandLine) {
  int exact = 0, present = 0;
  for (const auto& e : LoadCsv("cli-512-squash.csv")) {
    const std::string path = PdqData() + "/" + e.file;
    if (!std::filesystem::exists(path)) continue;  // b.jpg is not shipped
    ++present;
    auto r = PdqFromFile(path, PdqMode::kSquash512);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const int d = Hamming(r->hash(), e.hash);
    if (d == 0) ++exact;
    EXPECT_LE(d, 4) << e.file;
  }
  EXPECT_EQ(present, 15);
  EXPECT_GE(exact, 14);
}

TEST(Pdq, FastModeStaysWithinTenBitsOfEveryReferenceAtQuality80) {
  int checked = 0;
  for (const char* csv :
       {"cli-512-squash.csv", "python-reference.csv", "java-full-resolution.csv"}) {
    for (const auto& e : LoadCsv(csv)) {
      const std::string path = PdqData() + "/" + e.file;
      if (!std::filesystem::exists(path)) continue;
      auto r = PdqFromFile(path, PdqMode::kFast);
      ASSERT_TRUE(r.ok()) << r.status().message();
      if (r->quality < 80) continue;
      EXPECT_LE(Hamming(r->hash(), e.hash), 10) << csv << " " << e.file;
      ++checked;
    }
  }
  EXPECT_GE(checked, 30);
}

TEST(Pdq, DihedralHashesMatchTheRotatedAndFlippedFiles) {
  const std::string dir = PdqData() + "/reg-test-input/dih/";
  const char* files[kDihedralCount] = {"bridge-1-original.jpg",    "bridge-2-rotate-90.jpg",
                                       "bridge-3-rotate-180.jpg",  "bridge-4-rotate-270.jpg",
                                       "bridge-5-flipx.jpg",       "bridge-6-flipy.jpg",
                                       "bridge-7-flip-plus-1.jpg", "bridge-8-flip-minus-1.jpg"};
  auto original = PdqFromFile(dir + files[0]);
  ASSERT_TRUE(original.ok());
  for (int t = 0; t < kDihedralCount; ++t) {
    auto r = PdqFromFile(dir + files[t]);
    ASSERT_TRUE(r.ok());
    // The file transformed by t hashes (nearly) like the original's t-variant,
    // and far from the original's other variants.
    EXPECT_LE(Hamming(r->hash(), original->dihedral[t]), 16) << files[t];
    for (int u = 0; u < kDihedralCount; ++u) {
      if (u != t) {
        EXPECT_GT(Hamming(r->hash(), original->dihedral[u]), 60) << files[t] << " " << u;
      }
    }
  }
}

TEST(Pdq, FlatAndTinyImagesHaveLowQuality) {
  Image flat{200, 100, 1, std::vector<uint8_t>(200 * 100, 128)};
  EXPECT_EQ(PdqFromImage(flat, PdqMode::kFast).quality, 0);
  Image tiny{4, 4, 1, std::vector<uint8_t>(16, 7)};
  const PdqResult r = PdqFromImage(tiny, PdqMode::kFast);
  EXPECT_EQ(r.quality, 0);
  EXPECT_EQ(r.hash(), PdqHash{});
}

TEST(Pdq, NearestSquashSamplesLikeTheReferenceLibrary) {
  Image img{4, 1, 1, {10, 20, 30, 40}};
  const Image two = ResizeNearest(img, 2, 1);  // floor(x * 4 / 2) = 0, 2
  EXPECT_EQ(two.pixels, (std::vector<uint8_t>{10, 30}));
  const Image three = ResizeNearest(img, 3, 1);  // floor(x * 4 / 3) = 0, 1, 2
  EXPECT_EQ(three.pixels, (std::vector<uint8_t>{10, 20, 30}));
}

TEST(Pdq, FastScaleKeepsADecodedPixelWithinHalfTheBoxWindow) {
  EXPECT_EQ(PdqScaleDenom(1600, 1004), 4);  // windows 13, 8: 4 px <= 8 / 2
  EXPECT_EQ(PdqScaleDenom(1004, 1600), 4);
  EXPECT_EQ(PdqScaleDenom(4032, 3024), 8);  // windows 32, 24
  EXPECT_EQ(PdqScaleDenom(512, 512), 2);    // window 4
  EXPECT_EQ(PdqScaleDenom(256, 256), 1);    // window 2: full size
  EXPECT_EQ(PdqScaleDenom(20000, 100), 1);  // the short side decides
}

// Unscaled and no larger than the fast grid, the direct weighted sums are
// PDQ's blur and decimation: the same bits as the reference pipeline.
TEST(Pdq, PixelsPathIsThePdqPipelineOnUnscaledPictures) {
  int compared = 0;
  for (const char* f : {"reg-test-input/labelme-subset/q0291.jpg", "misc-images/wee.jpg",
                        "bridge-mods/square-512x512.jpg", "bridge-mods/shrink-a-lot.jpg",
                        "misc-images/modes/L.png"}) {
    auto img = DecodeFile(PdqData() + "/" + f);
    ASSERT_TRUE(img.ok()) << f << ": " << img.status().message();
    if (std::max(img->width, img->height) > kFastGrid) continue;
    std::vector<float> luma = LumaOf(*img);
    const PdqResult reference = PdqFromLuma(luma, img->height, img->width);
    const PdqResult direct = PdqFromPixels(*img);
    EXPECT_LE(Hamming(reference.hash(), direct.hash()), 2) << f;
    EXPECT_NEAR(reference.quality, direct.quality, 1) << f;
    ++compared;
  }
  EXPECT_GE(compared, 4);
}

// The hash follows the picture, not the DCT scaling it was decoded at (at
// most 2 bits apart on these; 1/8 of a 1600 px photo, which fast mode does
// not use, is 4-8 bits off).
TEST(Pdq, FastHashBarelyDependsOnTheDecodeScale) {
  for (const char* f : {"bridge-mods/aaa-orig.jpg", "reg-test-input/dih/bridge-2-rotate-90.jpg",
                        "reg-test-input/exif-rotn/exif-rotn-6.jpg"}) {
    PdqHash hashes[4];
    for (int k = 0; k < 4; ++k) {
      DecodeOptions o = PdqDecodeOptions(PdqMode::kFast);
      static int (*const kFixed[4])(int, int) = {
          [](int, int) { return 1; }, [](int, int) { return 2; }, [](int, int) { return 4; },
          nullptr};  // nullptr: fast mode's own choice
      if (kFixed[k]) o.scale_denom = kFixed[k];
      auto img = DecodeFile(PdqData() + "/" + f, o);
      ASSERT_TRUE(img.ok()) << f;
      hashes[k] = PdqFromPixels(*img).hash();
    }
    for (int k = 1; k < 4; ++k) EXPECT_LE(Hamming(hashes[0], hashes[k]), 4) << f << " " << k;
  }
}

}  // namespace
}  // namespace ipguard::image
