// The `gang` detector: findings per the contract, from records and other
// detectors' findings, and `ipguard scan` end to end.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "detect/gang/gang_analysis.h"
#include "io/record_parser.h"

namespace ipguard {
namespace {

Shop MakeShop(std::string id, std::string account, Attributes attrs) {
  Shop s;
  s.id = std::move(id);
  s.name = s.id;
  s.account = std::move(account);
  s.attrs = std::move(attrs);
  return s;
}

// Three operators tied by a payment account and a device: a gang.
GangInputs ThreeOperators() {
  GangInputs in;
  in.Observe(MakeShop("s1", "a1", {{"payment", "6222000011112222"}}), {});
  in.Observe(MakeShop("s2", "a2", {{"payment", "6222 0000 1111 2222"}, {"device", "d-9"}}), {});
  in.Observe(MakeShop("s3", "a3", {{"device", "D-9"}}), {});
  return in;
}

TEST(GangDetector, UnseededGangIsReviewAtMost) {
  const auto findings = AnalyzeGangs(ThreeOperators(), {});
  // 3 shops and their 3 owner accounts: the accounts have no identifier of
  // their own, so they are also listed as owners of record.
  ASSERT_EQ(findings.size(), 6u);
  std::set<std::string> items;
  for (const auto& f : findings) {
    items.insert(f.item);
    EXPECT_EQ(f.detector, "gang");
    EXPECT_EQ(f.target, findings[0].target);
    EXPECT_EQ(f.target.rfind("gang-", 0), 0u);
    EXPECT_EQ(f.max_action, Action::kReview);
    EXPECT_LT(f.score, 0.95);
    ASSERT_NE(f.evidence.Find("members"), nullptr);
    EXPECT_EQ(f.evidence.Find("members")->items().size(), 6u);
    ASSERT_NE(f.evidence.Find("owner_accounts"), nullptr);
    EXPECT_EQ(f.evidence.Find("owner_accounts")->items().size(), 3u);
    EXPECT_FALSE(f.evidence.Find("seeded")->as_bool());
  }
  EXPECT_EQ(items, (std::set<std::string>{"s1", "s2", "s3", "a1", "a2", "a3"}));
  // The payment link is masked; the device is not personal data.
  std::map<std::string, std::string> links;
  for (const auto& l : findings[0].evidence.Find("links")->items()) {
    links[l.Find("type")->as_string()] = l.Find("value")->as_string();
    EXPECT_NE(l.Find("shared_by"), nullptr);
  }
  EXPECT_EQ(links["payment"], "62************22");
  EXPECT_EQ(links["device"], "d-9");
}

TEST(GangDetector, AnInfringingListingSeedsItsShopsGang) {
  GangInputs in = ThreeOperators();
  Listing l;
  l.id = "l1";
  l.shop = "s3";
  l.title = "bag";
  in.Observe(l, {});
  Verdict v;
  v.item = "l1";
  v.label = "infringing";
  in.Observe(v, {});
  const auto findings = AnalyzeGangs(in, {});
  ASSERT_EQ(findings.size(), 6u);  // 3 shops and their owner accounts
  for (const auto& f : findings) {
    EXPECT_EQ(f.max_action, Action::kRemove) << f.item;
    EXPECT_GE(f.score, 0.95) << f.item;
    EXPECT_TRUE(f.evidence.Find("seeded")->as_bool());
    const auto& seeds = f.evidence.Find("seeds")->items();
    ASSERT_EQ(seeds.size(), 1u);
    EXPECT_EQ(seeds[0].Find("member")->as_string(), "s3");
  }
}

TEST(GangDetector, DiversionContactsLinkShopsAndOtherFindingsSeed) {
  GangInputs in;
  for (const char* s : {"s1", "s2", "s3"}) in.Observe(MakeShop(s, "", {}), {});
  for (int i = 1; i <= 3; ++i) {
    Listing l;
    l.id = "l" + std::to_string(i);
    l.shop = "s" + std::to_string(i);
    l.title = "t";
    Finding f;
    f.item = l.id;
    f.detector = "diversion";
    f.score = 0.9;
    f.action = i == 1 ? Action::kRemove : Action::kNone;
    f.evidence.Set("channel", i == 3 ? "phone" : "wechat");
    f.evidence.Set("value", i == 3 ? "138 0000 0000" : "gangboss");
    in.Observe(l, std::span<const Finding>(&f, 1));
    if (i == 3) {
      // s3's phone also appears on s2.
      f.evidence.Set("channel", "mobile");
      f.evidence.Set("value", "+8613800000000");
      f.item = "l2";
      in.contacts.push_back({"l2", "mobile", "+8613800000000"});
    }
  }
  const auto findings = AnalyzeGangs(in, {});
  ASSERT_EQ(findings.size(), 3u);
  for (const auto& f : findings) {
    EXPECT_EQ(f.max_action, Action::kRemove);  // seeded by s1's diversion finding
  }
}

TEST(GangDetector, HubsAndFamiliesAreNotGangs) {
  GangInputs in;
  // 200 shops at one warehouse (over the address cap), 2 households sharing
  // a home address and IP, an allowlisted escrow account on 5 shops.
  for (int i = 0; i < 200; ++i) {
    in.Observe(MakeShop("w" + std::to_string(i), "",
                        {{"address", "Logistics Park 1"}, {"ip", "100.64.0.1"}}),
               {});
  }
  in.Observe(MakeShop("f1", "fa1", {{"address", "12 Home St"}, {"ip", "10.0.0.7"}}), {});
  in.Observe(MakeShop("f2", "fa2", {{"address", "12 home st."}, {"ip", "10.0.0.7"}}), {});
  for (int i = 0; i < 5; ++i) {
    in.Observe(MakeShop("e" + std::to_string(i), "", {{"payment", "platform-escrow"}}), {});
  }
  GangSettings settings;
  settings.graph.hubs.allowlist = graph::Allowlist::BuiltIn();
  EXPECT_TRUE(AnalyzeGangs(in, settings).empty());
}

std::string RunCommand(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = pclose(p);
  return out;
}

TEST(GangEndToEnd, ScanEmitsGangFindingsPerTheContract) {
  const char* bin = std::getenv("IPGUARD_BIN");
  ASSERT_NE(bin, nullptr);
  int status = 0;
  const std::string out = RunCommand(std::string(bin) +
                                         " scan -q -r tests/corpus/gangs/registry.ndjson"
                                         " -i tests/corpus/gangs/small_gang.ndjson",
                                     status);
  EXPECT_EQ(status, 0);
  RecordParser parser(".");
  size_t gang = 0;
  std::set<std::string> members;
  size_t pos = 0;
  while (pos < out.size()) {
    const size_t nl = out.find('\n', pos);
    const std::string line = out.substr(pos, nl - pos);
    pos = nl == std::string::npos ? out.size() : nl + 1;
    if (line.find("\"detector\":\"gang\"") == std::string::npos) continue;
    ++gang;
    EXPECT_NE(line.find("\"target\":\"gang-"), std::string::npos) << line;
    EXPECT_NE(line.find("\"action\":\"remove\""), std::string::npos) << line;
    EXPECT_NE(
        line.find("\"members\":[\"acc-1\",\"acc-2\",\"acc-3\",\"shop-1\",\"shop-2\",\"shop-3\"]"),
        std::string::npos)
        << line;
    EXPECT_NE(line.find("\"links\":["), std::string::npos);
    EXPECT_EQ(line.find("6222000011112222"), std::string::npos) << "payment not masked";
    EXPECT_EQ(line.find("shop-9"), std::string::npos) << "warehouse neighbour swallowed";
  }
  EXPECT_EQ(gang, 6u);
}

}  // namespace
}  // namespace ipguard
