// One test per rule of the role matrix (src/service/platform.h), through the
// HTTP API as clients see it.
#include <gtest/gtest.h>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class RoleMatrix : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    holder_a_ = MakeUser("holder", "brand-a");
    holder_b_ = MakeUser("holder", "brand-b");
    seller_1_ = MakeUser("seller", "seller-1");
    seller_2_ = MakeUser("seller", "seller-2");
    reviewer_ = MakeUser("reviewer", "reviewer-1");
    agent_a_ = MakeUser("agent", "agent-a", HolderOf(holder_a_));
    MakeListing(seller_1_, "shop-1", "l-1", "正品 ACMEX 运动鞋");
    MakeListing(seller_2_, "shop-2", "l-2", "ACMEX running shoes");
    asset_a_ = ApprovedBrand(holder_a_, Strings({"ACMEX"}));
    asset_b_ = ApprovedBrand(holder_b_, Strings({"ACMEX"}));
    auto a1 = FileComplaint(holder_a_, asset_a_, {"l-1"});
    auto a2 = FileComplaint(holder_a_, asset_a_, {"l-2"});
    auto b1 = FileComplaint(holder_b_, asset_b_, {"l-1"});
    ASSERT_EQ(a1.status, 201) << a1.raw;
    ASSERT_EQ(a2.status, 201) << a2.raw;
    ASSERT_EQ(b1.status, 201) << b1.raw;
    a_on_1_ = FirstId(a1);
    a_on_2_ = FirstId(a2);
    b_on_1_ = FirstId(b1);
  }

  static int64_t FirstId(const ApiReply& r) {
    return r.body.Find("complaints")->items()[0].Find("id")->as_integer();
  }
  std::vector<int64_t> Visible(const std::string& token) {
    auto r = Get("/api/v1/complaints", token);
    EXPECT_EQ(r.status, 200) << r.raw;
    std::vector<int64_t> ids;
    if (const json::Value* list = r.body.Find("complaints")) {
      for (const auto& c : list->items()) ids.push_back(c.Find("id")->as_integer());
    }
    return ids;
  }
  ApiReply Decide(const std::string& token, int64_t id) {
    json::Value d = json::Value::Object();
    d.Set("decision", "uphold");
    return Post("/api/v1/complaints/" + std::to_string(id) + "/decision", token, d);
  }

  std::string holder_a_, holder_b_, seller_1_, seller_2_, reviewer_, agent_a_;
  std::string asset_a_, asset_b_;
  int64_t a_on_1_ = 0, a_on_2_ = 0, b_on_1_ = 0;
};

using Ids = std::vector<int64_t>;

TEST_F(RoleMatrix, HolderSeesOnlyItsOwnComplaints) {
  EXPECT_EQ(Visible(holder_a_), (Ids{a_on_1_, a_on_2_}));
  EXPECT_EQ(Visible(holder_b_), (Ids{b_on_1_}));
}

TEST_F(RoleMatrix, HolderCannotOpenAnotherHoldersComplaint) {
  EXPECT_EQ(Get("/api/v1/complaints/" + std::to_string(b_on_1_), holder_a_).status, 404);
  EXPECT_EQ(Get("/api/v1/complaints/" + std::to_string(a_on_1_), holder_b_).status, 404);
  EXPECT_EQ(Get("/api/v1/complaints/" + std::to_string(a_on_1_), holder_a_).status, 200);
}

TEST_F(RoleMatrix, AgentSeesAndFilesForItsHolderOnly) {
  EXPECT_EQ(Visible(agent_a_), (Ids{a_on_1_, a_on_2_}));
  auto own = FileComplaint(agent_a_, asset_a_, {"l-2"});
  EXPECT_EQ(own.status, 201) << own.raw;
  auto other = FileComplaint(agent_a_, asset_b_, {"l-2"});
  EXPECT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.ErrorField(), "asset");
}

TEST_F(RoleMatrix, HolderCannotComplainWithAnotherHoldersAsset) {
  auto r = FileComplaint(holder_b_, asset_a_, {"l-2"});
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.ErrorField(), "asset");
}

TEST_F(RoleMatrix, SellerSeesOnlyComplaintsAgainstItsShops) {
  EXPECT_EQ(Visible(seller_1_), (Ids{a_on_1_, b_on_1_}));
  EXPECT_EQ(Visible(seller_2_), (Ids{a_on_2_}));
  EXPECT_EQ(Get("/api/v1/complaints/" + std::to_string(a_on_2_), seller_1_).status, 404);
  EXPECT_EQ(Get("/api/v1/complaints/" + std::to_string(a_on_1_), seller_1_).status, 200);
}

TEST_F(RoleMatrix, OnlyReviewersDecideComplaints) {
  for (const std::string* token : {&holder_a_, &agent_a_, &seller_1_, &admin_}) {
    auto r = Decide(*token, a_on_1_);
    EXPECT_EQ(r.status, 403) << r.raw;
  }
  auto r = Decide(reviewer_, a_on_1_);
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.Str("status"), "upheld");
}

TEST_F(RoleMatrix, ReviewersAndAdminsSeeEveryComplaint) {
  EXPECT_EQ(Visible(reviewer_), (Ids{a_on_1_, a_on_2_, b_on_1_}));
  EXPECT_EQ(Visible(admin_), (Ids{a_on_1_, a_on_2_, b_on_1_}));
}

TEST_F(RoleMatrix, OnlyReviewersAndAdminsSeeTheQueue) {
  EXPECT_EQ(Get("/api/v1/queue", reviewer_).status, 200);
  EXPECT_EQ(Get("/api/v1/queue", admin_).status, 200);
  EXPECT_EQ(Get("/api/v1/queue", holder_a_).status, 403);
  EXPECT_EQ(Get("/api/v1/queue", seller_1_).status, 403);
}

TEST_F(RoleMatrix, OnlyAdminsDecideAssets) {
  json::Value a = json::Value::Object();
  a.Set("kind", "work");
  a.Set("type", "book");
  a.Set("title", "三体");
  a.Set("proofs", json::Value::Array({json::Value(UploadProof(holder_a_))}));
  auto created = Post("/api/v1/assets", holder_a_, a);
  ASSERT_EQ(created.status, 201) << created.raw;
  json::Value d = json::Value::Object();
  d.Set("decision", "approve");
  const std::string path = "/api/v1/assets/" + created.Str("id") + "/decision";
  for (const std::string* token : {&holder_a_, &agent_a_, &seller_1_, &reviewer_}) {
    EXPECT_EQ(Post(path, *token, d).status, 403);
  }
  EXPECT_EQ(Post(path, admin_, d).status, 200);
  EXPECT_EQ(Post(path, admin_, d).status, 409);  // decided once
}

TEST_F(RoleMatrix, HolderSeesOnlyItsOwnAssets) {
  EXPECT_EQ(Get("/api/v1/assets/" + asset_b_, holder_a_).status, 404);
  EXPECT_EQ(Get("/api/v1/assets/" + asset_a_, holder_a_).status, 200);
  auto list = Get("/api/v1/assets", holder_a_);
  ASSERT_EQ(list.status, 200);
  for (const auto& a : list.body.Find("assets")->items()) {
    EXPECT_EQ(a.Find("holder")->as_string(), HolderOf(holder_a_));
  }
  EXPECT_EQ(Get("/api/v1/assets", seller_1_).status, 403);
}

TEST_F(RoleMatrix, OnlyHolderSideRegistersRightsAndFilesComplaints) {
  json::Value a = json::Value::Object();
  a.Set("kind", "brand");
  for (const std::string* token : {&seller_1_, &reviewer_, &admin_}) {
    EXPECT_EQ(Post("/api/v1/assets", *token, a).status, 403);
    EXPECT_EQ(FileComplaint(*token, asset_a_, {"l-1"}).status, 403);
  }
}

TEST_F(RoleMatrix, OnlySellersPublishAndOnlyInTheirOwnShops) {
  json::Value l = json::Value::Object();
  l.Set("shop", "shop-1");
  l.Set("title", "fake");
  EXPECT_EQ(Call("PUT", "/api/v1/listings/l-x", seller_2_, l.Dump()).status, 403);
  EXPECT_EQ(Call("PUT", "/api/v1/listings/l-x", holder_a_, l.Dump()).status, 403);
  // Another seller cannot take over an existing listing id either.
  l.Set("shop", "shop-2");
  EXPECT_EQ(Call("PUT", "/api/v1/listings/l-1", seller_2_, l.Dump()).status, 409);
}

TEST_F(RoleMatrix, SelfRegistrationCannotCreateStaffAccounts) {
  for (const char* role : {"reviewer", "admin", "agent"}) {
    json::Value body = json::Value::Object();
    body.Set("name", std::string("x-") + role);
    body.Set("password", "password-1");
    body.Set("role", role);
    body.Set("holder", HolderOf(holder_a_));
    EXPECT_EQ(Post("/api/v1/accounts", "", body).status, 403) << role;
    EXPECT_EQ(Post("/api/v1/accounts", holder_a_, body).status, 403) << role;
  }
}

TEST_F(RoleMatrix, OnlyAdminsChangeHoldersAndReadTheAudit) {
  json::Value t = json::Value::Object();
  t.Set("trusted", true);
  const std::string path = "/api/v1/holders/" + HolderOf(holder_a_);
  EXPECT_EQ(Call("PATCH", path, holder_a_, t.Dump()).status, 403);
  EXPECT_EQ(Call("PATCH", path, reviewer_, t.Dump()).status, 403);
  EXPECT_EQ(Call("PATCH", path, admin_, t.Dump()).status, 200);
  EXPECT_EQ(Get("/api/v1/audit", reviewer_).status, 403);
  EXPECT_EQ(Get("/api/v1/audit", holder_a_).status, 403);
  EXPECT_EQ(Get("/api/v1/audit", admin_).status, 200);
}

TEST_F(RoleMatrix, EveryEndpointNeedsAValidToken) {
  for (const char* path : {"/api/v1/me", "/api/v1/complaints", "/api/v1/assets", "/api/v1/queue",
                           "/api/v1/notifications", "/api/v1/audit", "/api/v1/shops"}) {
    EXPECT_EQ(Get(path, "").status, 401) << path;
    EXPECT_EQ(Get(path, "ipg_0000").status, 401) << path;
  }
  EXPECT_EQ(FileComplaint("", asset_a_, {"l-1"}).status, 401);
}

TEST_F(RoleMatrix, NotificationsAreEachUsersOwn) {
  ASSERT_EQ(Decide(reviewer_, a_on_2_).status, 200);
  auto seller = Get("/api/v1/notifications", seller_2_);
  auto other = Get("/api/v1/notifications", seller_1_);
  auto holder = Get("/api/v1/notifications", holder_a_);
  // The decision and the penalty it brought (docs/penalties.md).
  EXPECT_EQ(seller.body.Find("notifications")->items().size(), 2u) << seller.raw;
  EXPECT_EQ(other.body.Find("notifications")->items().size(), 0u) << other.raw;
  EXPECT_EQ(holder.body.Find("notifications")->items().size(), 1u) << holder.raw;
}

class RateLimit : public ServerFixture {
 protected:
  void Configure(server::ServerOptions& o) override {
    o.rate_limit = 1;  // per second, per token
    o.rate_burst = 20;
  }
};

TEST_F(RateLimit, EachTokenHasItsOwnBudget) {
  const std::string seller = MakeUser("seller", "busy");
  int limited = 0;
  for (int i = 0; i < 40; ++i) limited += Get("/api/v1/me", seller).status == 429;
  EXPECT_GE(limited, 15);
  auto r = Get("/api/v1/me", seller);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.body.Find("error")->Find("code")->as_string(), "rate_limited");
  // Another token is not affected.
  EXPECT_EQ(Get("/api/v1/me", admin_).status, 200);
}

}  // namespace
}  // namespace ipguard::testing
