// Ordinary phrases that overlap a name (data/lexicons/ordinary_phrases.txt)
// clear the match; the name used on its own, or beside other words, still
// counts. Registry: the text corpus's (tests/corpus/text/registry.ndjson).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine_for_test.h"

namespace ipguard {
namespace {

// Targets of the review/remove findings about a listing with `title`.
std::vector<std::string> Flags(const Engine& engine, const std::string& title) {
  Listing l;
  l.id = "l";
  l.shop = "some_shop";
  l.title = title;
  return test::FlaggedTargets(engine, std::move(l), /*with_detector=*/true);
}

TEST(OrdinaryPhrase, OverlappingPhrasesClearAndNamesStillCount) {
  const auto engine = test::EngineFor("tests/corpus/text/registry.ndjson",
                                      {"brand_variant", "brand_mismatch", "portrait", "piracy"});
  ASSERT_NE(engine, nullptr);
  const Engine& e = *engine;
  // Hard negatives: a pig breed, a slogan pun, a history book.
  EXPECT_TRUE(Flags(e, "小香猪 宠物 活体 现货").empty());
  EXPECT_TRUE(Flags(e, "华为人民服务 现货").empty());
  EXPECT_TRUE(Flags(e, "肖战国史话 历史书 同款").empty());
  EXPECT_TRUE(Flags(e, "战国策 肖战国史 两册").empty());
  // The same names on their own still count.
  EXPECT_FALSE(Flags(e, "小香 链条包 高仿 原单").empty());
  EXPECT_FALSE(Flags(e, "华为 原单 高仿 手机壳 尾单").empty());
  EXPECT_FALSE(Flags(e, "肖战同款 国潮卫衣").empty());
}

}  // namespace
}  // namespace ipguard
