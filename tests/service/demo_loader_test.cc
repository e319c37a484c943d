// `ipguard serve --demo`: the demo marketplace loads into a fresh platform
// and is ready for complaints.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

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

// A complaint against a listing whose photo copies a registered image: triage
// runs the cross-item detectors on the listing alone, so the image copy is
// in the complaint's findings (it used to be found only at the end of a scan).
TEST_F(DemoLoaderTest, TriageFindsACopyOfTheRegisteredPhoto) {
  demo::DemoOptions options;
  options.out_dir = dir_.File("demo");
  options.listings = 400;
  options.max_images = 400;
  ASSERT_TRUE(demo::GenerateDemo(options).ok());
  // The first planted copy of a registered photo, from the demo's answers.
  std::ifstream truth(options.out_dir + "/truth.ndjson");
  std::string line, listing, asset;
  while (std::getline(truth, line)) {
    if (line.find("\"image_copy\"") == std::string::npos) continue;
    const size_t t = line.find("\"target\":\"");
    if (t == std::string::npos) continue;  // a copy of another listing
    const size_t i = line.find("\"item\":\"");
    ASSERT_NE(i, std::string::npos) << line;
    listing = line.substr(i + 8, line.find('"', i + 8) - (i + 8));
    asset = line.substr(t + 10, line.find('"', t + 10) - (t + 10));
    break;
  }
  ASSERT_FALSE(listing.empty()) << "the demo planted no copy of a registered photo";
  ASSERT_TRUE(service::LoadDemo(*platform_, options.out_dir).ok());
  // Demo photo assets are "brand-X-photo", held by "holder-X".
  const std::string brand = asset.substr(6, asset.size() - 6 - 6);
  const std::string token = Login("holder-" + brand, service::kDemoPassword);
  ASSERT_FALSE(token.empty()) << asset;
  auto filed = FileComplaint(token, asset, {listing});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string id =
      std::to_string(filed.body.Find("complaints")->items()[0].Find("id")->as_integer());
  auto complaint = Get("/api/v1/complaints/" + id, token);
  ASSERT_EQ(complaint.status, 200) << complaint.raw;
  bool copy = false;
  for (const auto& f : complaint.body.Find("findings")->items()) {
    copy = copy || (f.Find("detector")->as_string() == "image_copy" &&
                    f.Find("target")->as_string() == asset);
  }
  EXPECT_TRUE(copy) << complaint.raw;
}

}  // namespace
}  // namespace ipguard::testing
