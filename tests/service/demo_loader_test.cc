// `ipguard serve --demo`: the demo marketplace loads into a fresh platform
// and is ready for complaints.
#include <gtest/gtest.h>

#include "demo/demo_generator.h"
#include "service/demo_loader.h"
#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class DemoLoaderTest : public ServerFixture {};

TEST_F(DemoLoaderTest, LoadsHoldersAssetsShopsAndListingsReadyForComplaints) {
  demo::DemoOptions options;
  options.out_dir = dir_.File("demo");
  options.listings = 120;
  options.max_images = 10;
  ASSERT_TRUE(demo::GenerateDemo(options).ok());
  auto loaded = service::LoadDemo(*platform_, options.out_dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GT(loaded->holders, 5);
  EXPECT_GT(loaded->assets, loaded->holders);
  EXPECT_GT(loaded->shops, 5);
  EXPECT_EQ(loaded->listings, 120);
  EXPECT_EQ(loaded->rejected_lines, 0);
  ASSERT_NE(platform_->engines().Current()->registry().FindBrand("brand-nike"), nullptr);

  const std::string nike = Login("holder-nike", service::kDemoPassword);
  ASSERT_FALSE(nike.empty());
  EXPECT_FALSE(Login("reviewer", service::kDemoPassword).empty());
  auto assets = Get("/api/v1/assets?status=approved", nike);
  ASSERT_EQ(assets.status, 200);
  EXPECT_GE(assets.body.Find("assets")->items().size(), 1u);
  // A listing of the demo, as its seller sees it.
  auto listing = Get("/api/v1/listings/listing-0000000", nike);
  EXPECT_EQ(listing.status, 200) << listing.raw;
  auto filed = FileComplaint(nike, "brand-nike", {"listing-0000000"});
  EXPECT_EQ(filed.status, 201) << filed.raw;
}

}  // namespace
}  // namespace ipguard::testing
