// Engine::Prepare into a reused PreparedItem gives exactly what a fresh
// Prepare gives, whatever the item before it held.
#include <gtest/gtest.h>

#include "ipguard/engine.h"

namespace ipguard {
namespace {

Item MakeListing(std::string id, std::string title, std::string description) {
  Listing l;
  l.id = std::move(id);
  l.shop = "s1";
  l.title = std::move(title);
  l.description = std::move(description);
  return l;
}

void ExpectSamePrepared(const PreparedItem& a, const PreparedItem& b) {
  EXPECT_EQ(a.item, b.item);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.id, b.id);
  EXPECT_TRUE(a.problems.empty());
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (size_t i = 0; i < a.fields.size(); ++i) {
    const TextField &f = a.fields[i], &g = b.fields[i];
    EXPECT_EQ(f.name, g.name);
    EXPECT_EQ(f.original.data(), g.original.data());  // both view the item's own string
    EXPECT_EQ(f.original, g.original);
    EXPECT_EQ(f.normalized.text, g.normalized.text);
    EXPECT_EQ(f.normalized.origin_begin, g.normalized.origin_begin);
    EXPECT_EQ(f.normalized.origin_end, g.normalized.origin_end);
    EXPECT_EQ(f.normalized.flags, g.normalized.flags);
    EXPECT_EQ(f.normalized.key, g.normalized.key);
    EXPECT_EQ(f.normalized.key_to_text, g.normalized.key_to_text);
    EXPECT_EQ(f.normalized.key_flags, g.normalized.key_flags);
    EXPECT_EQ(f.normalized.units.size(), g.normalized.units.size());
  }
}

TEST(Prepare, ReusedPreparedItemMatchesAFreshOne) {
  Content content;
  content.id = "c1";
  content.account = "a1";
  content.type = "comment";
  content.text = "加薇❤ x i a n g 8 8 8 香🌸奈儿";
  Shop shop;
  shop.id = "s1";
  shop.name = "ＮＩＫＥ官方旗舰店";
  std::vector<Item> items = {
      MakeListing("l1", std::string(300, 'n') + " 正品 N.I.K.E 耐克运动鞋", "全国包邮 蘋果 手机壳"),
      content,
      MakeListing("l2", "香奈兒 小香 C家", ""),  // one field only
      shop,
      MakeListing("l3", "", ""),  // no text at all
      MakeListing("l4", "G00gle", "𝐆𝐔𝐂𝐂𝐈 bag, 128GB"),
  };
  PreparedItem reused;
  reused.problems.push_back("left over from an earlier item");
  for (int round = 0; round < 2; ++round)
    for (const Item& item : items) {
      Engine::Prepare(item, reused);
      ExpectSamePrepared(reused, Engine::Prepare(item));
    }
}

}  // namespace
}  // namespace ipguard
