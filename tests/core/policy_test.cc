#include "ipguard/policy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ipguard {
namespace {

TEST(Policy, DefaultsMapScoresToActions) {
  Policy p = Policy::Defaults();
  EXPECT_EQ(p.Decide("brand_variant", 0.95), Action::kRemove);
  EXPECT_EQ(p.Decide("brand_variant", 0.7), Action::kReview);
  EXPECT_EQ(p.Decide("brand_variant", 0.2), Action::kNone);
  EXPECT_EQ(p.Decide("gang", 0.99, Action::kReview), Action::kReview);
}

TEST(Policy, CommandLineSettingsOverride) {
  Policy p = Policy::Defaults();
  ASSERT_TRUE(p.Set("brand_variant.remove=0.99").ok());
  EXPECT_EQ(p.Decide("brand_variant", 0.95), Action::kReview);
  ASSERT_TRUE(p.Set("image_copy.radius=24").ok());
  EXPECT_EQ(p.Param("image_copy", "radius", 31), 24);
  EXPECT_EQ(p.Param("image_copy", "other", 7), 7);
}

TEST(Policy, BadSettingsSayWhatIsWrong) {
  Policy p = Policy::Defaults();
  Status st = p.Set("brand_variant.remove=high");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not a number"), std::string::npos);
  EXPECT_FALSE(p.Set("remove=0.5").ok());
  EXPECT_FALSE(p.Set("brand_variant.remove=1.5").ok());
}

TEST(Policy, ShippedFileEqualsDefaults) {
  auto loaded = Policy::LoadFile("data/policy.ini");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Policy d = Policy::Defaults();
  for (const char* det : {"brand_variant", "brand_mismatch", "diversion", "image_copy", "portrait",
                          "piracy", "gang", "unknown_detector"}) {
    EXPECT_EQ(loaded->For(det).remove, d.For(det).remove) << det;
    EXPECT_EQ(loaded->For(det).review, d.For(det).review) << det;
  }
}

TEST(Policy, FileErrorsNameTheLine) {
  const char* path = "/tmp/ipguard_policy_test.ini";
  std::ofstream(path) << "[brand_variant]\nremove = 0.8\nbogus line\n";
  auto loaded = Policy::LoadFile(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(":3:"), std::string::npos) << loaded.status().message();
  std::remove(path);
}

}  // namespace
}  // namespace ipguard
