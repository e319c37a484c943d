// `gang` findings loaded with the proactive findings (POST /api/v1/findings):
// stored once per (gang, member), ranked in /stats top_gangs, and shown to
// staff (never to the seller) on a complaint against a member shop.
#include <gtest/gtest.h>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class GangFindings : public AcmeCase {
 protected:
  void MakeListings() override {
    MakeListing(seller_, "shop-1", "l-1", "ACMEX 运动鞋");
    MakeListing(seller_, "shop-2", "l-2", "ACMEX 外套");
  }
  // One gang finding per member, as `ipguard gang` writes them.
  static std::string Gang(const std::string& gang, const std::vector<std::string>& members,
                          double score, bool seeded) {
    std::string out;
    for (const auto& m : members) {
      json::Value f = json::Value::Object();
      f.Set("item", m);
      f.Set("detector", "gang");
      f.Set("target", gang);
      f.Set("score", score);
      f.Set("action", "review");
      json::Value ev = json::Value::Object();
      ev.Set("members", json::Value::ArrayOf(members));
      json::Value link = json::Value::Object();
      link.Set("attr", "phone:13*******00");
      link.Set("members", json::Value::ArrayOf(members));
      json::Value links = json::Value::Array();
      links.Append(std::move(link));
      ev.Set("links", std::move(links));
      ev.Set("seeded", seeded);
      f.Set("evidence", std::move(ev));
      out += f.Dump() + "\n";
    }
    return out;
  }
  static std::string Brand(const std::string& item, const std::string& asset) {
    return R"({"item":")" + item + R"(","detector":"brand_variant","target":")" + asset +
           R"(","score":0.97,"action":"remove","evidence":{"field":"title","text":"ACMEX"}})" +
           "\n";
  }
  ApiReply Load(const std::string& ndjson) { return LoadFindings(reviewer_, ndjson); }
  static size_t GangFindingsIn(const ApiReply& r) {
    size_t n = 0;
    const json::Value* f = r.body.Find("findings");
    if (!f) return 0;
    for (const auto& x : f->items()) {
      const json::Value* d = x.Find("detector");
      if (d && d->as_string() == "gang") ++n;
    }
    return n;
  }
};

TEST_F(GangFindings, LoadingTheSameGangTwiceStoresItOnce) {
  const std::string body = Gang("gang-a", {"shop-1", "shop-2", "acct-9"}, 0.9, false);
  auto first = Load(body);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.Int("gang_members"), 3);
  EXPECT_EQ(first.Int("gang_members_new"), 3);
  EXPECT_EQ(first.Int("filed"), 0);
  EXPECT_TRUE(first.body.Find("skipped")->items().empty()) << first.raw;
  auto again = Load(body);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.Int("gang_members_new"), 0);
  auto stats = Get("/api/v1/stats", reviewer_);
  ASSERT_EQ(stats.status, 200) << stats.raw;
  const auto& gangs = stats.body.Find("top_gangs")->items();
  ASSERT_EQ(gangs.size(), 1u) << stats.raw;
  EXPECT_EQ(gangs[0].Find("members")->as_integer(), 3);
  EXPECT_EQ(gangs[0].Find("shops")->as_integer(), 2);  // acct-9 is an account
}

TEST_F(GangFindings, GangWithoutTargetIsRejected) {
  auto r = Load(R"({"item":"shop-1","detector":"gang","score":0.9,"action":"review"})"
                "\n");
  ASSERT_EQ(r.body.Find("rejected")->items().size(), 1u) << r.raw;
  EXPECT_EQ(r.Int("gang_members"), 0);
}

TEST_F(GangFindings, TopGangsRankSeededThenSizeThenScore) {
  auto r = Load(Gang("big", {"a1", "a2", "a3", "a4"}, 0.5, false) +
                Gang("seeded", {"s1", "s2", "s3"}, 0.4, true) +
                Gang("small-high", {"h1", "h2", "h3"}, 0.99, false) +
                Gang("small-low", {"k1", "k2", "k3"}, 0.6, false));
  ASSERT_EQ(r.status, 201) << r.raw;
  auto stats = Get("/api/v1/stats", reviewer_);
  const auto& gangs = stats.body.Find("top_gangs")->items();
  ASSERT_EQ(gangs.size(), 4u) << stats.raw;
  EXPECT_EQ(gangs[0].Find("gang")->as_string(), "seeded");
  EXPECT_TRUE(gangs[0].Find("seeded")->as_bool());
  EXPECT_EQ(gangs[1].Find("gang")->as_string(), "big");
  EXPECT_EQ(gangs[2].Find("gang")->as_string(), "small-high");
  EXPECT_DOUBLE_EQ(gangs[2].Find("max_score")->as_number(), 0.99);
  EXPECT_EQ(gangs[3].Find("gang")->as_string(), "small-low");
  EXPECT_EQ(gangs[3].Find("shops")->as_integer(), 0);
  // Statistics stay staff only.
  EXPECT_EQ(Get("/api/v1/stats", seller_).status, 403);
  EXPECT_EQ(Get("/api/v1/stats", holder_).status, 403);
}

TEST_F(GangFindings, StaffSeeTheGangOnAComplaintTheSellerDoesNot) {
  auto r = Load(Gang("gang-a", {"shop-1", "shop-7", "shop-8"}, 0.9, true) + Brand("l-1", asset_) +
                Brand("l-2", asset_));
  ASSERT_EQ(r.status, 201) << r.raw;
  ASSERT_EQ(r.Int("filed"), 2) << r.raw;
  const auto& ids = r.body.Find("complaints")->items();
  const std::string member = "/api/v1/complaints/" + std::to_string(ids[0].as_integer());
  const std::string other = "/api/v1/complaints/" + std::to_string(ids[1].as_integer());
  auto staff = Get(member, reviewer_);
  ASSERT_EQ(staff.status, 200) << staff.raw;
  ASSERT_EQ(staff.body.Find("shop")->as_string(), "shop-1");
  ASSERT_EQ(GangFindingsIn(staff), 1u) << staff.raw;
  const json::Value& g = staff.body.Find("findings")->items().back();
  EXPECT_EQ(g.Find("target")->as_string(), "gang-a");
  EXPECT_EQ(g.Find("evidence")->Find("members")->items().size(), 3u);
  EXPECT_EQ(g.Find("evidence")->Find("links")->items().size(), 1u);
  // The review queue shows it too; a complaint on a non-member shop does not.
  auto queue = Get("/api/v1/queue", reviewer_);
  size_t in_queue = 0;
  for (const auto& c : queue.body.Find("queue")->items()) {
    for (const auto& f : c.Find("findings")->items()) {
      if (f.Find("detector")->as_string() == "gang") ++in_queue;
    }
  }
  EXPECT_EQ(in_queue, 1u) << queue.raw;
  EXPECT_EQ(GangFindingsIn(Get(other, reviewer_)), 0u);
  // The seller of the member shop and the holder see the complaint, not the gang.
  auto seller = Get(member, seller_);
  ASSERT_EQ(seller.status, 200) << seller.raw;
  EXPECT_EQ(GangFindingsIn(seller), 0u) << seller.raw;
  EXPECT_EQ(seller.raw.find("shop-7"), std::string::npos);
  auto holder = Get(member, holder_);
  ASSERT_EQ(holder.status, 200) << holder.raw;
  EXPECT_EQ(GangFindingsIn(holder), 0u) << holder.raw;
}

}  // namespace
}  // namespace ipguard::testing
