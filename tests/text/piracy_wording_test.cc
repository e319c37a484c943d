// Piracy wording beyond the lexicons: complete sets counted in numbers (全7册,
// 1-80集) at a price below piracy.set_price, and titles whose Han numerals
// are written in digits (我在80年代当后妈). Registry: the handwritten probe's
// (tests/corpus/text/handwritten/registry.ndjson).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine_for_test.h"

namespace ipguard {
namespace {

class PiracyWording : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = test::EngineFor("tests/corpus/text/handwritten/registry.ndjson", {"piracy"});
    ASSERT_NE(engine_, nullptr);
  }

  // Targets of the review/remove piracy findings about a listing.
  std::vector<std::string> Flags(const std::string& title, std::optional<double> price) {
    Listing l;
    l.id = "l";
    l.shop = "some_shop";
    l.title = title;
    l.price = price;
    return test::FlaggedTargets(*engine_, std::move(l));
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(PiracyWording, CompleteSetsCountedInNumbersAtAnImplausiblePrice) {
  const std::vector<std::string> mingchao{"w_mingchao"};
  EXPECT_EQ(Flags("明朝那些事儿 全7册 包邮", 19.9), mingchao);
  EXPECT_EQ(Flags("明朝那些事儿 全七册 包邮", 19.9), mingchao);
  EXPECT_EQ(Flags("离婚后她惊艳了世界 1-80集 打包", 3), std::vector<std::string>{"w_lihun"});
  // A genuine set at a plausible price, and a number that counts no set.
  EXPECT_TRUE(Flags("明朝那些事儿 全7册 正版", 198).empty());
  EXPECT_TRUE(Flags("明朝那些事儿 第7册 包邮", 19.9).empty());
  EXPECT_TRUE(Flags("明朝那些事儿 7 册 包邮", 19.9).empty());
}

TEST_F(PiracyWording, HanNumeralsWrittenInDigits) {
  EXPECT_EQ(Flags("我在80年代当后妈 全集资源", std::nullopt), std::vector<std::string>{"w_houma"});
  EXPECT_EQ(Flags("80后妈 短剧 网盘", std::nullopt), std::vector<std::string>{"w_houma"});
  EXPECT_EQ(Flags("我在八零年代当后妈 网盘", std::nullopt), std::vector<std::string>{"w_houma"});
  // Digits that are not the title.
  EXPECT_TRUE(Flags("我在90年代当后妈 网盘", std::nullopt).empty());
}

}  // namespace
}  // namespace ipguard
