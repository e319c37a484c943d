// Context rules of the brand detectors beyond the lexicons, on the
// handwritten probe's registry (tests/corpus/text/handwritten/registry.ndjson):
// a name chained to a compatibility claim is part of it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/registry_loader.h"
#include "ipguard/engine.h"

namespace ipguard {
namespace {

class BrandContext : public ::testing::Test {
 protected:
  void SetUp() override {
    Rejections rejections;
    auto reg = LoadRegistry("tests/corpus/text/handwritten/registry.ndjson", rejections);
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    auto engine = Engine::Create(reg->registry, Policy::Defaults(), {"brand_variant"});
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(engine).value();
  }

  // Targets of the review/remove brand_variant findings about a listing.
  std::vector<std::string> Flags(const std::string& title) {
    Listing l;
    l.id = "l";
    l.shop = "some_shop";
    l.title = title;
    const Item item = std::move(l);
    const PreparedItem p = Engine::Prepare(item);
    auto scratch = engine_->NewScratch();
    std::vector<Finding> out;
    engine_->Scan(p, scratch, out);
    std::vector<std::string> targets;
    for (const auto& f : out)
      if (f.action != Action::kNone) targets.push_back(f.target);
    return targets;
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(BrandContext, NamesBesideACompatibilityClaimArePartOfIt) {
  EXPECT_TRUE(Flags("For Samsung Galaxy S24 Ultra case, shockproof").empty());
  EXPECT_TRUE(Flags("适用于三星 Galaxy S23 手机壳").empty());
  EXPECT_TRUE(Flags("Galaxy 三星专用 钢化膜").empty());
  // Without the claim, or with the other name elsewhere, they count.
  const std::vector<std::string> samsung{"b_samsung"};
  EXPECT_EQ(Flags("Samsung Galaxy S24 Ultra 全新"), samsung);
  EXPECT_EQ(Flags("适用于三星的充电线 送 Galaxy 贴纸"), samsung);
}

}  // namespace
}  // namespace ipguard
