// Penalties through the HTTP API: strikes on upheld decisions, escalation,
// voiding, shadow mode, holders' standing, and the role matrix of the new
// endpoints.
#include <gtest/gtest.h>

#include <fstream>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class Penalties : public AcmeCase {
 protected:
  void MakeListings() override {
    for (int i = 1; i <= 6; ++i) {
      MakeListing(seller_, "shop-1", "l-" + std::to_string(i), "ACMEX 运动鞋 " + std::to_string(i));
    }
    MakeListing(other_seller_, "shop-2", "m-1", "ACMEX 跑鞋");
  }
  // Files a complaint about one listing; its id.
  std::string File(const std::string& listing) {
    auto filed = FileComplaint(holder_, asset_, {listing});
    EXPECT_EQ(filed.status, 201) << filed.raw;
    return std::to_string(filed.body.Find("complaints")->items()[0].Find("id")->as_integer());
  }
  ApiReply Decide(const std::string& id, const std::string& decision, bool malicious = false,
                  const std::string& reason = "not infringing") {
    return ServerFixture::Decide(reviewer_, id, decision, decision == "reject" ? reason : "",
                                 malicious);
  }
  ApiReply Ledger(const std::string& token, const std::string& shop = "shop-1") {
    return Get("/api/v1/shops/" + shop + "/penalties", token);
  }
  std::vector<std::string> Actions(const ApiReply& ledger, const char* key = "penalties") {
    std::vector<std::string> out;
    for (const auto& p : ledger.body.Find(key)->items())
      out.push_back(p.Find("action")->as_string());
    return out;
  }
  int64_t SellerId() { return Get("/api/v1/me", seller_).Int("id"); }
};

TEST_F(Penalties, AFirstNonMaliciousOffenceIsAWarningAndAnEducationNotice) {
  const std::string id = File("l-1");
  ASSERT_EQ(Decide(id, "uphold").status, 200);
  auto ledger = Ledger(seller_);
  ASSERT_EQ(ledger.status, 200) << ledger.raw;
  EXPECT_EQ(ledger.body.Find("strikes")->items().size(), 1u);
  EXPECT_EQ(Actions(ledger), std::vector<std::string>{"warn"});
  EXPECT_EQ(ledger.body.Find("active_points")->as_number(), 1.0);
  EXPECT_EQ(ledger.Str("level"), "warn");
  EXPECT_EQ(ledger.body.Find("shop")->Find("status")->as_string(), "active");
  // The seller's notice educates.
  bool educated = false;
  const auto notes = Get("/api/v1/notifications", seller_);
  for (const auto& n : notes.body.Find("notifications")->items()) {
    if (n.Find("kind")->as_string() == "penalty_warn") {
      educated = n.Find("text")->as_string().find("Education") != std::string::npos;
    }
  }
  EXPECT_TRUE(educated) << notes.raw;
  // Other listings of the shop stay up after a warning.
  EXPECT_EQ(Get("/api/v1/listings/l-2", seller_).Str("status"), "active");
}

TEST_F(Penalties, RepeatsRemoveListingsThenRestrictThenClose) {
  const std::string a = File("l-1"), b = File("l-2"), c = File("l-3"), open = File("l-4");
  ASSERT_EQ(Decide(a, "uphold").status, 200);
  ASSERT_EQ(Decide(b, "uphold").status, 200);
  // remove_listings: the listing under an open complaint goes too.
  EXPECT_EQ(Get("/api/v1/listings/l-4", seller_).Str("status"), "removed");
  EXPECT_EQ(Get("/api/v1/listings/l-5", seller_).Str("status"), "active");
  ASSERT_EQ(Decide(c, "uphold").status, 200);
  auto ledger = Ledger(seller_);
  EXPECT_EQ(Actions(ledger), (std::vector<std::string>{"warn", "remove_listings", "restrict"}));
  EXPECT_EQ(ledger.body.Find("shop")->Find("status")->as_string(), "restricted");
  // A restricted shop cannot publish.
  json::Value l = json::Value::Object();
  l.Set("shop", "shop-1");
  l.Set("title", "new listing");
  auto put = Call("PUT", "/api/v1/listings/l-9", seller_, l.Dump());
  EXPECT_EQ(put.status, 403) << put.raw;
  // A malicious fourth strike (2 points: 5 in all) closes the shop.
  ASSERT_EQ(Decide(open, "uphold", true).status, 200);
  ledger = Ledger(seller_);
  EXPECT_EQ(ledger.body.Find("shop")->Find("status")->as_string(), "closed");
  EXPECT_EQ(Get("/api/v1/listings/l-6", seller_).Str("status"), "removed");
  // The other seller's shop is untouched.
  EXPECT_EQ(Get("/api/v1/listings/m-1", other_seller_).Str("status"), "active");
  // An admin lifts the closure.
  json::Value lift = json::Value::Object();
  lift.Set("status", "active");
  lift.Set("reason", "appeal granted");
  EXPECT_EQ(Call("PATCH", "/api/v1/shops/shop-1", reviewer_, lift.Dump()).status, 403);
  auto lifted = Call("PATCH", "/api/v1/shops/shop-1", admin_, lift.Dump());
  ASSERT_EQ(lifted.status, 200) << lifted.raw;
  EXPECT_EQ(lifted.Str("status"), "active");
}

TEST_F(Penalties, AMaliciousFirstOffenceRemovesListingsAtOnce) {
  const std::string a = File("l-1");
  File("l-2");
  ASSERT_EQ(Decide(a, "uphold", true).status, 200);
  EXPECT_EQ(Actions(Ledger(seller_)), std::vector<std::string>{"remove_listings"});
  EXPECT_EQ(Get("/api/v1/listings/l-2", seller_).Str("status"), "removed");
}

TEST_F(Penalties, AReinstatedComplaintVoidsItsStrike) {
  const std::string id = File("l-1");
  ASSERT_EQ(Decide(id, "uphold").status, 200);
  json::Value counter = json::Value::Object();
  counter.Set("text", "authorized reseller");
  counter.Set("evidence", json::Value::Array({json::Value(UploadProof(seller_, "invoice"))}));
  ASSERT_EQ(Post("/api/v1/complaints/" + id + "/counter-notice", seller_, counter).status, 201);
  ASSERT_EQ(Decide(id, "reject", false, "authorization checks out").status, 200);
  auto ledger = Ledger(seller_);
  ASSERT_EQ(ledger.body.Find("strikes")->items().size(), 1u);
  EXPECT_TRUE(ledger.body.Find("strikes")->items()[0].Find("voided")->as_bool());
  EXPECT_FALSE(ledger.body.Find("strikes")->items()[0].Find("active")->as_bool());
  EXPECT_EQ(ledger.body.Find("active_points")->as_number(), 0.0);
}

TEST_F(Penalties, StrikesExpireAfterTheWindow) {
  clock_ = 1'800'000'000'000;  // 2027-01-15
  const std::string a = File("l-1");
  ASSERT_EQ(Decide(a, "uphold").status, 200);
  clock_ += 366LL * 86400000;
  const std::string b = File("l-2");
  ASSERT_EQ(Decide(b, "uphold").status, 200);
  auto ledger = Ledger(seller_);
  // The first strike expired: the second is a first offence again.
  EXPECT_EQ(Actions(ledger), (std::vector<std::string>{"warn", "warn"}));
  EXPECT_EQ(ledger.body.Find("active_points")->as_number(), 1.0);
}

TEST_F(Penalties, TheAccountLedgerSpansShops) {
  MakeListing(seller_, "shop-3", "n-1", "ACMEX 外套");
  ASSERT_EQ(Decide(File("l-1"), "uphold").status, 200);
  ASSERT_EQ(Decide(File("l-2"), "uphold").status, 200);
  ASSERT_EQ(Decide(File("n-1"), "uphold").status, 200);  // 3 points on the account
  auto account = Get("/api/v1/accounts/" + std::to_string(SellerId()) + "/penalties", seller_);
  ASSERT_EQ(account.status, 200) << account.raw;
  EXPECT_EQ(account.body.Find("strikes")->items().size(), 3u);
  EXPECT_EQ(account.body.Find("active_points")->as_number(), 3.0);
  const auto& last = account.body.Find("penalties")->items().back();
  EXPECT_EQ(last.Find("action")->as_string(), "restrict");
  EXPECT_EQ(last.Find("scope")->as_string(), "account");
  for (const auto& shop : account.body.Find("shops")->items()) {
    EXPECT_EQ(shop.Find("status")->as_string(), "restricted") << shop.Dump();
  }
}

TEST_F(Penalties, RoleMatrixOfThePenaltyEndpoints) {
  ASSERT_EQ(Decide(File("l-1"), "uphold").status, 200);
  const std::string account = "/api/v1/accounts/" + std::to_string(SellerId()) + "/penalties";
  // Shop ledger: the owner, reviewers and admins; another seller sees nothing.
  EXPECT_EQ(Ledger(seller_).status, 200);
  EXPECT_EQ(Ledger(seller_).body.Find("shadow_penalties"), nullptr);  // staff only
  EXPECT_EQ(Ledger(other_seller_).status, 404);
  EXPECT_EQ(Ledger(holder_).status, 403);
  EXPECT_EQ(Ledger(reviewer_).status, 200);
  EXPECT_NE(Ledger(reviewer_).body.Find("shadow_penalties"), nullptr);
  EXPECT_EQ(Ledger(admin_).status, 200);
  EXPECT_EQ(Ledger(reviewer_, "no-such-shop").status, 404);
  EXPECT_EQ(Ledger("").status, 401);
  // Account ledger: the seller itself, reviewers and admins.
  EXPECT_EQ(Get(account, seller_).status, 200);
  EXPECT_EQ(Get(account, other_seller_).status, 404);
  EXPECT_EQ(Get(account, holder_).status, 403);
  EXPECT_EQ(Get(account, reviewer_).status, 200);
  EXPECT_EQ(Get(account, admin_).status, 200);
  // Every penalty, the holders' standing, the escalation sweep: staff only.
  for (const char* path : {"/api/v1/penalties", "/api/v1/holders"}) {
    EXPECT_EQ(Get(path, seller_).status, 403) << path;
    EXPECT_EQ(Get(path, holder_).status, 403) << path;
    EXPECT_EQ(Get(path, reviewer_).status, 200) << path;
    EXPECT_EQ(Get(path, admin_).status, 200) << path;
  }
  EXPECT_EQ(Get("/api/v1/penalties?shadow=maybe", reviewer_).ErrorField(), "shadow");
  EXPECT_EQ(Call("POST", "/api/v1/escalations", seller_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/escalations", holder_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/escalations", reviewer_).status, 200);
  // Shop status: admins only.
  json::Value lift = json::Value::Object();
  lift.Set("status", "active");
  lift.Set("reason", "x");
  EXPECT_EQ(Call("PATCH", "/api/v1/shops/shop-1", seller_, lift.Dump()).status, 403);
  lift.Set("status", "banned");
  EXPECT_EQ(Call("PATCH", "/api/v1/shops/shop-1", admin_, lift.Dump()).ErrorField(), "status");
}

// A stricter candidate in shadow mode: recorded, never applied.
class ShadowPenalties : public Penalties {
 protected:
  void ConfigurePlatform(service::PlatformOptions& o) override {
    const std::string path = dir_.path() + "/strict.ini";
    std::ofstream(path) << "name = strict-candidate\n[ladder]\nclose = 1\n";
    auto p = service::PenaltyPolicy::Load(path);
    ASSERT_TRUE(p.ok()) << p.status().message();
    o.shadow_penalties = std::move(p).value();
  }
};

TEST_F(ShadowPenalties, RecordsWhatTheCandidateWouldHaveDoneWithoutDoingIt) {
  ASSERT_EQ(Decide(File("l-1"), "uphold").status, 200);
  auto ledger = Ledger(reviewer_);
  EXPECT_EQ(Actions(ledger), std::vector<std::string>{"warn"});
  EXPECT_EQ(Actions(ledger, "shadow_penalties"), std::vector<std::string>{"close"});
  EXPECT_EQ(ledger.body.Find("shop")->Find("status")->as_string(), "active");
  EXPECT_EQ(Get("/api/v1/listings/l-2", seller_).Str("status"), "active");
  // The seller never sees the shadow policy.
  EXPECT_EQ(Ledger(seller_).body.Find("shadow_penalties"), nullptr);
  auto shadow = Get("/api/v1/penalties?shadow=1", reviewer_);
  ASSERT_EQ(shadow.status, 200);
  ASSERT_EQ(shadow.body.Find("penalties")->items().size(), 1u);
  EXPECT_EQ(shadow.body.Find("penalties")->items()[0].Find("policy")->as_string(),
            "strict-candidate");
  EXPECT_EQ(shadow.Str("shadow_policy"), "strict-candidate");
  auto stats = Get("/api/v1/stats", reviewer_);
  EXPECT_EQ(stats.body.Find("shadow_penalties_by_action")->Find("close")->as_integer(), 1);
  EXPECT_EQ(stats.body.Find("penalties_by_action")->Find("warn")->as_integer(), 1);
}

// Holders whose complaints are mostly rejected lose the fast lane and are
// flagged for bad faith.
class HolderStanding : public Penalties {
 protected:
  void ConfigurePlatform(service::PlatformOptions& o) override {
    o.penalties.min_decided = 4;
    o.penalties.untrust_rejected_share = 0.5;
    o.penalties.bad_faith_rejected_share = 0.75;
  }
  json::Value Holder() {
    const auto holders = Get("/api/v1/holders", admin_);
    for (const auto& h : holders.body.Find("holders")->items()) {
      if (h.Find("id")->as_string() == HolderOf(holder_)) return h;
    }
    return json::Value();
  }
};

TEST_F(HolderStanding, MostlyRejectedComplaintsEndTrustAndFlagBadFaith) {
  std::vector<std::string> ids;
  for (int i = 1; i <= 4; ++i) ids.push_back(File("l-" + std::to_string(i)));
  json::Value trust = json::Value::Object();
  trust.Set("trusted", true);
  ASSERT_EQ(Call("PATCH", "/api/v1/holders/" + HolderOf(holder_), admin_, trust.Dump()).status,
            200);
  ASSERT_EQ(Decide(ids[0], "uphold").status, 200);
  ASSERT_EQ(Decide(ids[1], "reject").status, 200);
  ASSERT_EQ(Decide(ids[2], "reject").status, 200);
  EXPECT_TRUE(Holder().Find("trusted")->as_bool());  // 3 decided: below min_decided
  ASSERT_EQ(Decide(ids[3], "reject").status, 200);   // 3 of 4 rejected
  auto h = Holder();
  EXPECT_FALSE(h.Find("trusted")->as_bool()) << h.Dump();
  EXPECT_TRUE(h.Find("bad_faith")->as_bool()) << h.Dump();
  EXPECT_EQ(h.Find("rejected")->as_integer(), 3);
  EXPECT_EQ(h.Find("decided")->as_integer(), 4);
  EXPECT_TRUE(Get("/api/v1/me", holder_).body.Find("holder")->Find("bad_faith")->as_bool());
}

}  // namespace
}  // namespace ipguard::testing
