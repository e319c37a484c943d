// The transform benchmark on a small fixed subset of real photographs: every
// copier transform must keep >= 95% recall with <= 0.1% false positives among
// unrelated pairs (the same digests and rule as the image_copy detector).
#include <gtest/gtest.h>

#include "image/test_data.h"
#include "image/transform.h"
#include "image/transform_eval.h"

namespace ipguard::image {
namespace {

TEST(TransformBenchmark, RecallPerTransformOnAFixedSubset) {
  const std::string d = ipguard::testing::PdqData() + "/";
  std::vector<Image> photos;
  for (const char* f : {"bridge-mods/aaa-orig.jpg", "reg-test-input/exif-rotn/exif-rotn-1.jpg",
                        "reg-test-input/exif-rotn/exif-rotn-6.jpg",
                        "reg-test-input/pen-and-coaster.png", "misc-images/c.png"}) {
    DecodeOptions o;
    o.min_side = 512;
    auto img = DecodeFile(d + f, o);
    ASSERT_TRUE(img.ok()) << f;
    const int longest = std::max(img->width, img->height);
    photos.push_back(longest > 1024
                         ? Resize(*img, img->width * 1024 / longest, img->height * 1024 / longest)
                         : *img);
  }
  const TransformReport r = EvaluateTransforms(photos);
  ASSERT_EQ(r.transforms.size(), 14u);
  for (const auto& t : r.transforms) {
    EXPECT_EQ(t.copies, 5) << t.name;
    EXPECT_GE(t.recall(), 0.95) << t.name << " mean distance " << t.mean_distance;
  }
  EXPECT_GE(r.unrelated_pairs, 300);
  EXPECT_LE(r.false_positive_rate(), 0.001);
  // Hard negatives: two different photos under the same canvas, pad,
  // sticker or watermark share those pixels, never the photo.
  EXPECT_GE(r.same_edit_pairs, 250);
  EXPECT_LE(r.same_edit_false_positives, r.same_edit_pairs / 1000);
}

}  // namespace
}  // namespace ipguard::image
