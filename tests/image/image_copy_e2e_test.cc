// `ipguard scan` with listings that carry images: the image_copy detector
// end to end, on real photographs and copies made from them the way copiers
// do (resize, recompress, mirror, rotate), with hard negatives (another shot
// of the same scene, flat images) and an unreadable image path.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "image/encode.h"
#include "image/image.h"
#include "image/test_data.h"
#include "image/transform.h"
#include "support/run_binary.h"

namespace ipguard::image {
namespace {

using ipguard::testing::RunIpguardLine;

class ImageCopyScan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ipguard-imagecopy-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Image Load(const std::string& rel) {
    auto img = DecodeFile(ipguard::testing::PdqData() + "/" + rel);
    EXPECT_TRUE(img.ok()) << rel;
    return img.ok() ? *img : Image{};
  }
  void SaveJpeg(const Image& img, const std::string& name, int q = 85) {
    ASSERT_TRUE(WriteFileBytes((dir_ / name).string(), *EncodeJpeg(img, q)).ok());
  }
  void SavePng(const Image& img, const std::string& name) {
    ASSERT_TRUE(WriteFileBytes((dir_ / name).string(), *EncodePng(img)).ok());
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string()) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(ImageCopyScan, FindsCopiesOfRegisteredAndEarlierImagesOnly) {
  const Image bridge = Load("bridge-mods/aaa-orig.jpg");
  const Image desk1 = Resize(Load("reg-test-input/exif-rotn/exif-rotn-1.jpg"), 800, 600);
  const Image desk8 = Resize(Load("reg-test-input/exif-rotn/exif-rotn-8.jpg"), 600, 800);
  const Image street = Load("reg-test-input/pen-and-coaster.png");
  SaveJpeg(bridge, "bridge.jpg");
  SaveJpeg(Resize(bridge, 960, 602), "bridge-small.jpg", 60);
  SaveJpeg(desk1, "desk1.jpg");
  SaveJpeg(Mirror(desk1), "desk1-mirror.jpg", 75);
  SavePng(desk1, "desk1.png");
  SaveJpeg(desk8, "desk8.jpg");  // the same desk, another shot: not a copy
  SaveJpeg(street, "street.jpg");
  SaveJpeg(Rotate90(street, 1), "street-rot.jpg", 80);
  SavePng(Image{300, 300, 1, std::vector<uint8_t>(300 * 300, 250)}, "white.png");
  // Beyond PDQ: a 12% white pad, and the photo on a white product-page canvas.
  SaveJpeg(Pad(Resize(bridge, 800, 502), 96, 60, 96, 60, 255), "bridge-padded.jpg");
  SaveJpeg(OnCanvas(bridge, 1200, 1500, 150, 300, 900, 565), "bridge-canvas.jpg");
  SaveJpeg(Pad(desk8, 70, 70, 70, 70, 255), "desk8-padded.jpg");  // copies L7, not L4

  Write("registry.ndjson",
        R"({"kind":"rights_holder","id":"h1","name":"Bridge Photo Co"}
{"kind":"brand","id":"b1","holder":"h1","names":["BridgeCo"],"authorized_shops":["shop-auth"]}
{"kind":"image","id":"img-bridge","holder":"h1","path":"bridge.jpg","shop":"shop-brand"}
)");
  Write(
      "items.ndjson",
      R"({"kind":"listing","id":"L1","shop":"shop-thief","title":"bridge poster","images":["bridge-small.jpg"],"published_at":"2023-01-05T00:00:00Z"}
{"kind":"listing","id":"L2","shop":"shop-auth","title":"bridge poster","images":["bridge-small.jpg"]}
{"kind":"listing","id":"L3","shop":"shop-brand","title":"bridge poster","images":["bridge.jpg"]}
{"kind":"listing","id":"L4","shop":"shop-a","title":"desk set","images":["desk1.jpg"],"published_at":"2023-01-01T00:00:00Z"}
{"kind":"listing","id":"L5","shop":"shop-b","title":"desk set","images":["desk1-mirror.jpg"],"published_at":"2023-02-01T00:00:00Z"}
{"kind":"listing","id":"L6","shop":"shop-a","title":"desk set again","images":["desk1.png"],"published_at":"2023-03-01T00:00:00Z"}
{"kind":"listing","id":"L7","shop":"shop-c","title":"my desk","images":["desk8.jpg"],"published_at":"2022-12-01T00:00:00Z"}
{"kind":"listing","id":"L8","shop":"shop-d","title":"white","images":["white.png"],"published_at":"2023-01-01T00:00:00Z"}
{"kind":"listing","id":"L9","shop":"shop-e","title":"white too","images":["white.png"],"published_at":"2023-02-01T00:00:00Z"}
{"kind":"listing","id":"L10","shop":"shop-f","title":"street","images":["missing.jpg","street.jpg"],"published_at":"2023-01-15T00:00:00Z"}
{"kind":"listing","id":"L12","shop":"shop-h","title":"bridge frame","images":["bridge-padded.jpg"],"published_at":"2023-07-01T00:00:00Z"}
{"kind":"listing","id":"L13","shop":"shop-i","title":"bridge page","images":["bridge-canvas.jpg"],"published_at":"2023-07-01T00:00:00Z"}
{"kind":"listing","id":"L14","shop":"shop-j","title":"desk frame","images":["desk8-padded.jpg"],"published_at":"2023-07-01T00:00:00Z"}
{"kind":"content","id":"C1","account":"acc-1","type":"post","text":"look","images":["street-rot.jpg"],"published_at":"2023-06-01T00:00:00Z"}
)");
  const auto r =
      RunIpguardLine("scan -q --registry " + (dir_ / "registry.ndjson").string() + " --input " +
                     (dir_ / "items.ndjson").string() + " --detectors image_copy");
  EXPECT_EQ(r.exit_code, 2) << r.err;  // the missing image is a reported problem
  EXPECT_NE(r.err.find("items.ndjson:10"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.jpg"), std::string::npos) << r.err;

  std::map<std::string, std::string> found;  // item -> target
  std::vector<std::string> order;            // items in output order
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_NE(line.find("\"detector\":\"image_copy\""), std::string::npos) << line;
    const auto item = line.substr(line.find("\"item\":\"") + 8);
    const auto target = line.substr(line.find("\"target\":\"") + 10);
    found[item.substr(0, item.find('"'))] = target.substr(0, target.find('"'));
    order.push_back(item.substr(0, item.find('"')));
    EXPECT_NE(line.find("\"distance\":"), std::string::npos) << line;
    EXPECT_NE(line.find("\"matched\":"), std::string::npos) << line;
    EXPECT_NE(line.find("\"transform\":"), std::string::npos) << line;
    if (line.find("\"L5\"") != std::string::npos) {
      EXPECT_NE(line.find("\"transform\":\"mirror\""), std::string::npos) << line;
    }
    if (line.find("\"C1\"") != std::string::npos) {
      EXPECT_NE(line.find("\"transform\":\"rotate90_cw\""), std::string::npos) << line;
    }
  }
  const std::map<std::string, std::string> want = {{"L1", "img-bridge"},  {"L5", "L4"},
                                                   {"C1", "L10"},         {"L12", "img-bridge"},
                                                   {"L13", "img-bridge"}, {"L14", "L7"}};
  EXPECT_EQ(found, want) << r.out;
  // Copies of registered images are reported as their item is observed (so
  // the gang detector, observing after image_copy, sees them); copies of
  // other shops' earlier images only once every item is known, at the end.
  auto at = [&](const std::string& item) {
    return std::find(order.begin(), order.end(), item) - order.begin();
  };
  EXPECT_LT(at("L13"), at("L5")) << r.out;
  EXPECT_LT(at("L12"), at("L5")) << r.out;
}

}  // namespace
}  // namespace ipguard::image
