// Ordinary phrases that overlap a name (data/lexicons/ordinary_phrases.txt)
// clear the match; the name used on its own, or beside other words, still
// counts. Registry: the text corpus's (tests/corpus/text/registry.ndjson).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/registry_loader.h"
#include "ipguard/engine.h"

namespace ipguard {
namespace {

// Targets of the review/remove findings about a listing with `title`.
std::vector<std::string> Flags(const Engine& engine, const std::string& title) {
  Listing l;
  l.id = "l";
  l.shop = "some_shop";
  l.title = title;
  const Item item = std::move(l);
  const PreparedItem p = Engine::Prepare(item);
  auto scratch = engine.NewScratch();
  std::vector<Finding> out;
  engine.Scan(p, scratch, out);
  std::vector<std::string> targets;
  for (const auto& f : out)
    if (f.action != Action::kNone) targets.push_back(f.detector + ":" + f.target);
  return targets;
}

TEST(OrdinaryPhrase, OverlappingPhrasesClearAndNamesStillCount) {
  Rejections rejections;
  auto reg = LoadRegistry("tests/corpus/text/registry.ndjson", rejections);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto engine = Engine::Create(reg->registry, Policy::Defaults(),
                               {"brand_variant", "brand_mismatch", "portrait", "piracy"});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const Engine& e = **engine;
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
