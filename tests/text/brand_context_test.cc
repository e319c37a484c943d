// Context rules of the brand detectors beyond the lexicons, on the
// handwritten probe's registry (tests/corpus/text/handwritten/registry.ndjson):
// a name chained to a compatibility claim is part of it; an undisguised name
// that is also an ordinary word (an English word, or two letters) needs the
// brand's context.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine_for_test.h"

namespace ipguard {
namespace {

class BrandContext : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = test::EngineFor("tests/corpus/text/handwritten/registry.ndjson", {"brand_variant"});
    ASSERT_NE(engine_, nullptr);
  }

  // Targets of the review/remove brand_variant findings about a listing.
  std::vector<std::string> Flags(const std::string& title, const std::string& category = "",
                                 const std::string& declared = "") {
    Listing l;
    l.id = "l";
    l.shop = "some_shop";
    l.title = title;
    l.category = category;
    l.brand = declared;
    return Scan(std::move(l));
  }
  std::vector<std::string> Content(const std::string& text) {
    ipguard::Content c;
    c.id = "c";
    c.account = "some_account";
    c.type = "live";
    c.text = text;
    return Scan(std::move(c));
  }
  std::vector<std::string> Scan(Item item) { return test::FlaggedTargets(*engine_, item); }

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

TEST_F(BrandContext, OrdinaryWordNamesNeedTheBrandsContext) {
  const std::vector<std::string> supreme{"b_supreme"}, converse{"b_converse"}, nb{"b_newbalance"};
  // The word, in a listing of another category.
  EXPECT_TRUE(Flags("supreme comfort 记忆棉枕头", "家居").empty());
  EXPECT_TRUE(Flags("Learn to converse fluently in English", "课程").empty());
  EXPECT_TRUE(Flags("婴儿连体衣 NB码 纯棉", "童装").empty());
  EXPECT_TRUE(Content("这价格太NB了 家人们 3号链接").empty());
  // The brand: its category, no category at all, counterfeit or dupe
  // wording, the declared brand, a disguise, or a name that is no word.
  EXPECT_EQ(Flags("Supreme box logo 卫衣", "服装"), supreme);
  EXPECT_EQ(Flags("Supreme box logo 卫衣"), supreme);
  EXPECT_EQ(Flags("supreme 枕头 高仿 原单", "家居"), supreme);
  EXPECT_EQ(Flags("supreme 同款 枕头", "家居"), supreme);
  EXPECT_EQ(Flags("supreme 枕头", "家居", "Supreme"), supreme);
  EXPECT_EQ(Flags("SUPR3ME 枕头", "家居"), supreme);
  EXPECT_EQ(Flags("converse 帆布鞋", "鞋"), converse);
  EXPECT_EQ(Flags("converse 帆布鞋", "男鞋/运动鞋"), converse);
  EXPECT_EQ(Flags("Supreme 卫衣", "SERVICES/服装"), supreme);
  EXPECT_EQ(Flags("NB 990v6 1:1 跑鞋", "童装"), nb);
  EXPECT_EQ(Content("NB 990 跑鞋 1:1 家人们 3号链接"), nb);
  EXPECT_EQ(Flags("New Balance 574 跑鞋", "童装"), nb);
}

TEST_F(BrandContext, CommonWordHanNamesNeedTheBrandsContext) {
  const std::vector<std::string> bose{"b_bose"};
  EXPECT_TRUE(Flags("博士伦 润明护理液 500ml", "护理液").empty());
  EXPECT_TRUE(Flags("王博士植发 到店体验", "服务").empty());
  EXPECT_EQ(Flags("博士 QuietComfort 头戴降噪", "耳机"), bose);
  EXPECT_EQ(Flags("博士 降噪耳机 原单 尾货", "服务"), bose);
  // Names that are rare words (佳能) or tagged as names (三星) keep counting.
  EXPECT_EQ(Flags("佳能 镜头盖", "配件"), std::vector<std::string>{"b_canon"});
  EXPECT_EQ(Flags("三星 屏幕", "配件"), std::vector<std::string>{"b_samsung"});
}

TEST_F(BrandContext, PlaceSuffixesMakeThePlaceName) {
  const std::vector<std::string> moutai{"b_moutai"};
  EXPECT_TRUE(Flags("茅台机场 接送包车").empty());
  EXPECT_TRUE(Flags("茅台大道 临街商铺 出租").empty());
  EXPECT_EQ(Flags("飞天茅台 镇店之宝 53度"), moutai);
  EXPECT_EQ(Flags("贵州茅台 53度 500ml 大街小巷都在喝"), moutai);
}

// Portrait: in comments and posts only strong wording counts next to a name.
TEST(PortraitTalk, PassingOnARecommendationIsNotSelling) {
  const auto engine =
      test::EngineFor("tests/corpus/text/handwritten/registry.ndjson", {"portrait"});
  ASSERT_NE(engine, nullptr);
  auto flags = [&](const std::string& type, const std::string& text) {
    ipguard::Content c;
    c.id = "c";
    c.account = "some_account";
    c.type = type;
    c.text = text;
    return test::FlaggedTargets(*engine, std::move(c)).size();
  };
  EXPECT_EQ(flags("post", "转发董宇辉推荐的书单，大家可以去图书馆借"), 0u);
  EXPECT_EQ(flags("comment", "杨紫推荐过这部剧"), 0u);
  EXPECT_EQ(flags("comment", "杨紫同款卫衣 点我主页"), 1u);
  EXPECT_EQ(flags("post", "董宇辉推荐 五常大米 链接在评论区"), 1u);
  EXPECT_EQ(flags("live", "董宇辉推荐的大米 家人们"), 1u);
}

}  // namespace
}  // namespace ipguard
