// The penalty escalation policy as data: one test per rule.
#include <gtest/gtest.h>

#include <fstream>

#include "service/penalty_policy.h"
#include "support/temp_dir.h"

namespace ipguard::service {
namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 1'800'000'000'000;

store::Strike S(int64_t id, int64_t at, bool malicious = false, std::string shop = "s1") {
  store::Strike s;
  s.id = id;
  s.shop = std::move(shop);
  s.account = 7;
  s.complaint = id;
  s.reason = malicious ? "counterfeit" : "trademark_misuse";
  s.malicious = malicious;
  s.at = at;
  return s;
}

std::string ActionFor(const PenaltyPolicy& p, const std::vector<store::Strike>& shop,
                      const std::vector<store::Strike>& account = {}) {
  auto out = p.Decide(shop.front(), shop, account.empty() ? shop : account, false);
  return out.empty() ? "" : out[0].action + "/" + out[0].scope;
}

TEST(PenaltyPolicy, FirstNonMaliciousOffenceIsAWarningWithEducation) {
  const auto p = PenaltyPolicy::Defaults();
  auto out = p.Decide(S(1, kNow), {S(1, kNow)}, {S(1, kNow)}, false);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].action, "warn");
  EXPECT_EQ(out[0].scope, "shop");
  EXPECT_NE(out[0].text.find("Education"), std::string::npos);
}

TEST(PenaltyPolicy, RepeatsEscalateRemoveRestrictClose) {
  const auto p = PenaltyPolicy::Defaults();
  std::vector<store::Strike> strikes;
  std::vector<std::string> actions;
  for (int i = 1; i <= 5; ++i) {
    strikes.insert(strikes.begin(), S(i, kNow - (5 - i) * kDay));
    actions.push_back(ActionFor(p, strikes));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"warn/shop", "remove_listings/shop", "restrict/shop",
                                               "restrict/shop", "close/shop"}));
}

TEST(PenaltyPolicy, AMaliciousFirstOffenceSkipsTheWarning) {
  const auto p = PenaltyPolicy::Defaults();
  EXPECT_TRUE(p.IsMaliciousReason("counterfeit"));
  EXPECT_FALSE(p.IsMaliciousReason("trademark_misuse"));
  EXPECT_EQ(ActionFor(p, {S(1, kNow, true)}), "remove_listings/shop");
}

TEST(PenaltyPolicy, StrikesExpireAfterTheWindow) {
  const auto p = PenaltyPolicy::Defaults();  // 365 days
  const std::vector<store::Strike> old = {S(3, kNow), S(2, kNow - 366 * kDay),
                                          S(1, kNow - 400 * kDay)};
  EXPECT_DOUBLE_EQ(p.Points(old, kNow), 1.0);
  EXPECT_EQ(ActionFor(p, old), "warn/shop");
  const std::vector<store::Strike> recent = {S(2, kNow), S(1, kNow - 364 * kDay)};
  EXPECT_EQ(ActionFor(p, recent), "remove_listings/shop");
}

TEST(PenaltyPolicy, VoidedStrikesNeverCount) {
  const auto p = PenaltyPolicy::Defaults();
  auto voided = S(1, kNow - kDay);
  voided.voided = true;
  EXPECT_EQ(ActionFor(p, {S(2, kNow), voided}), "warn/shop");
}

TEST(PenaltyPolicy, TheAccountLedgerRestrictsEveryShopOfARepeatOwner) {
  const auto p = PenaltyPolicy::Defaults();
  // One strike on this shop, two on the owner's other shop: the account has 3.
  const std::vector<store::Strike> shop = {S(3, kNow)};
  const std::vector<store::Strike> account = {S(3, kNow), S(2, kNow - kDay, false, "s2"),
                                              S(1, kNow - 2 * kDay, false, "s2")};
  auto out = p.Decide(shop[0], shop, account, false);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].action, "restrict");
  EXPECT_EQ(out[0].scope, "account");
  EXPECT_DOUBLE_EQ(out[0].points, 3.0);
}

TEST(PenaltyPolicy, ShadowPenaltiesCarryNoNotice) {
  const auto p = PenaltyPolicy::Defaults();
  auto out = p.Decide(S(1, kNow), {S(1, kNow)}, {S(1, kNow)}, true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].shadow);
  EXPECT_TRUE(out[0].text.empty());
}

TEST(PenaltyPolicy, TheShippedFileLoadsAndMatchesTheBuiltInLadder) {
  auto p = PenaltyPolicy::Load("data/penalties.ini");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->name, "default-2026");
  EXPECT_EQ(p->window_days, 365);
  const auto d = PenaltyPolicy::Defaults();
  ASSERT_EQ(p->ladder.size(), d.ladder.size());
  for (size_t i = 0; i < d.ladder.size(); ++i) {
    EXPECT_EQ(p->ladder[i].action, d.ladder[i].action);
    EXPECT_EQ(p->ladder[i].points, d.ladder[i].points);
    EXPECT_FALSE(p->ladder[i].notice.empty());
  }
  EXPECT_EQ(p->min_decided, 10);
  EXPECT_DOUBLE_EQ(p->bad_faith_rejected_share, 0.7);
}

TEST(PenaltyPolicy, BadFilesAreRefusedNamingTheLine) {
  testing::TempDir dir;
  auto load = [&](const std::string& text) {
    const std::string path = dir.path() + "/p.ini";
    std::ofstream(path) << text;
    return PenaltyPolicy::Load(path);
  };
  auto unknown = load("[ladder]\nwarn = 1\nban = 2\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find(":3: unknown penalty ban"), std::string::npos)
      << unknown.status().message();
  auto number = load("[strikes]\nwindow_days = soon\n[ladder]\nwarn = 1\n");
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.status().message().find(":2: window_days must be a number"), std::string::npos)
      << number.status().message();
  EXPECT_FALSE(load("[strikes]\nwindow_days = 30\n").ok());  // no ladder
  EXPECT_FALSE(load("[limits]\n").ok());
  EXPECT_FALSE(PenaltyPolicy::Load(dir.path() + "/absent.ini").ok());
  // A custom ladder: out of order in the file, sorted by points.
  auto custom = load("[strikes]\nwindow_days = 30\n[ladder]\nclose = 2\nwarn = 1\n");
  ASSERT_TRUE(custom.ok()) << custom.status().message();
  EXPECT_EQ(custom->ladder.front().action, "warn");
  EXPECT_EQ(custom->RungFor(2)->action, "close");
  EXPECT_EQ(custom->RungFor(0.5), nullptr);
}

}  // namespace
}  // namespace ipguard::service
