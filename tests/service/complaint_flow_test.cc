// Rights, complaints, triage and decisions through the HTTP API.
#include <gtest/gtest.h>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class ComplaintFlow : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    holder_ = MakeUser("holder", "acme");
    seller_ = MakeUser("seller", "shopkeeper");
    reviewer_ = MakeUser("reviewer", "rev");
    MakeListing(seller_, "shop-1", "l-1", "正品 ACMEX 运动鞋 专柜同款");
    MakeListing(seller_, "shop-1", "l-clean", "plain white running shoes");
  }
  static const json::Value& First(const ApiReply& r) {
    return r.body.Find("complaints")->items()[0];
  }
  std::string holder_, seller_, reviewer_;
};

TEST_F(ComplaintFlow, PendingAssetCannotBeUsedAndApprovalReachesTheEngineWithoutRestart) {
  const uint64_t records_before = platform_->engines().Current()->registry().size();
  json::Value a = json::Value::Object();
  a.Set("kind", "brand");
  a.Set("registration_number", "TM-1");
  a.Set("names", Strings({"ACMEX", "艾克美"}));
  a.Set("proofs", json::Value::Array({json::Value(UploadProof(holder_))}));
  auto created = Post("/api/v1/assets", holder_, a);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.Str("status"), "pending");
  const std::string id = created.Str("id");
  auto early = FileComplaint(holder_, id, {"l-1"});
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.ErrorField(), "asset");

  json::Value d = json::Value::Object();
  d.Set("decision", "approve");
  auto approved = Post("/api/v1/assets/" + id + "/decision", admin_, d);
  ASSERT_EQ(approved.status, 200) << approved.raw;
  const auto gen = static_cast<uint64_t>(approved.Int("registry_generation"));
  ASSERT_TRUE(platform_->engines().WaitFor(gen, std::chrono::seconds(30)));
  const auto& registry = platform_->engines().Current()->registry();
  EXPECT_GT(registry.size(), records_before);
  ASSERT_NE(registry.FindBrand(id), nullptr);

  auto filed = FileComplaint(holder_, id, {"l-1"});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const auto& c = First(filed);
  EXPECT_EQ(c.Find("lane")->as_string(), "review");  // not trusted
  EXPECT_EQ(c.Find("status")->as_string(), "in_review");
  EXPECT_GE(c.Find("score")->as_number(), 0.9);
  auto full = Get("/api/v1/complaints/" + std::to_string(c.Find("id")->as_integer()), holder_);
  ASSERT_EQ(full.status, 200);
  bool has_finding = false;
  for (const auto& f : full.body.Find("findings")->items()) {
    has_finding = has_finding || f.Find("target")->as_string() == id;
  }
  EXPECT_TRUE(has_finding) << full.raw;
}

TEST_F(ComplaintFlow, RejectedAssetNeverReachesTheEngine) {
  json::Value a = json::Value::Object();
  a.Set("kind", "brand");
  a.Set("registration_number", "TM-2");
  a.Set("names", Strings({"ZORBL"}));
  a.Set("proofs", json::Value::Array({json::Value(UploadProof(holder_))}));
  auto created = Post("/api/v1/assets", holder_, a);
  json::Value d = json::Value::Object();
  d.Set("decision", "reject");
  auto no_reason = Post("/api/v1/assets/" + created.Str("id") + "/decision", admin_, d);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.ErrorField(), "reason");
  d.Set("reason", "the registration certificate is for another owner");
  EXPECT_EQ(Post("/api/v1/assets/" + created.Str("id") + "/decision", admin_, d).status, 200);
  EXPECT_EQ(platform_->engines().Current()->registry().FindBrand(created.Str("id")), nullptr);
}

TEST_F(ComplaintFlow, TrustedHolderWithStrongMatchTakesTheFastLane) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  json::Value t = json::Value::Object();
  t.Set("trusted", true);
  ASSERT_EQ(Call("PATCH", "/api/v1/holders/" + HolderOf(holder_), admin_, t.Dump()).status, 200);
  auto filed = FileComplaint(holder_, asset, {"l-1", "l-clean"});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const auto& items = filed.body.Find("complaints")->items();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].Find("lane")->as_string(), "fast");
  EXPECT_EQ(items[0].Find("status")->as_string(), "upheld");
  // No match on the clean listing: a reviewer decides even for a trusted holder.
  EXPECT_EQ(items[1].Find("lane")->as_string(), "review");
  EXPECT_EQ(items[1].Find("status")->as_string(), "in_review");
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "removed");
  EXPECT_EQ(Get("/api/v1/listings/l-clean", seller_).Str("status"), "active");
  auto notes = Get("/api/v1/notifications", seller_);
  // The removal, and the penalty notice of the strike it brought.
  ASSERT_EQ(notes.body.Find("notifications")->items().size(), 2u) << notes.raw;
  EXPECT_EQ(notes.body.Find("notifications")->items()[1].Find("kind")->as_string().substr(0, 8),
            "penalty_");
  EXPECT_EQ(notes.body.Find("notifications")->items()[0].Find("kind")->as_string(),
            "listing_removed");
}

TEST_F(ComplaintFlow, ReviewerUpholdsFromTheQueueAndBothSidesAreNotified) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  MakeListing(seller_, "shop-1", "l-2", "ACMEX 跑鞋");
  auto first = FileComplaint(holder_, asset, {"l-1"});
  auto second = FileComplaint(holder_, asset, {"l-2"});
  ASSERT_EQ(first.status, 201);
  auto queue = Get("/api/v1/queue", reviewer_);
  ASSERT_EQ(queue.status, 200);
  const auto& q = queue.body.Find("queue")->items();
  ASSERT_EQ(q.size(), 2u);
  // Ordered by due time; each with the listing as filed, findings and asset.
  EXPECT_LE(q[0].Find("due_at")->as_string(), q[1].Find("due_at")->as_string());
  EXPECT_NE(q[0].Find("listing_snapshot"), nullptr);
  EXPECT_NE(q[0].Find("asset_record"), nullptr);
  const int64_t id = First(first).Find("id")->as_integer();
  json::Value d = json::Value::Object();
  d.Set("decision", "uphold");
  auto decided = Post("/api/v1/complaints/" + std::to_string(id) + "/decision", reviewer_, d);
  ASSERT_EQ(decided.status, 200) << decided.raw;
  EXPECT_EQ(decided.Str("status"), "upheld");
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "removed");
  EXPECT_EQ(Post("/api/v1/complaints/" + std::to_string(id) + "/decision", reviewer_, d).status,
            409);
  // The seller: the decision and the penalty notice.
  EXPECT_EQ(Get("/api/v1/notifications", seller_).body.Find("notifications")->items().size(), 2u);
  EXPECT_EQ(Get("/api/v1/notifications", holder_).body.Find("notifications")->items().size(), 1u);
  EXPECT_EQ(Get("/api/v1/queue", reviewer_).body.Find("queue")->items().size(), 1u);
}

TEST_F(ComplaintFlow, RejectionNeedsAReasonAndKeepsTheListing) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  auto filed = FileComplaint(holder_, asset, {"l-clean"});
  const std::string path =
      "/api/v1/complaints/" + std::to_string(First(filed).Find("id")->as_integer()) + "/decision";
  json::Value d = json::Value::Object();
  d.Set("decision", "reject");
  auto r = Post(path, reviewer_, d);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "reason");
  d.Set("reason", "the listing does not use the trademark");
  EXPECT_EQ(Post(path, reviewer_, d).Str("status"), "rejected");
  EXPECT_EQ(Get("/api/v1/listings/l-clean", seller_).Str("status"), "active");
}

TEST_F(ComplaintFlow, ListingIsSnapshottedAtFiling) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  auto filed = FileComplaint(holder_, asset, {"l-1"});
  ASSERT_EQ(filed.status, 201);
  MakeListing(seller_, "shop-1", "l-1", "plain shoes (edited)");
  auto c =
      Get("/api/v1/complaints/" + std::to_string(First(filed).Find("id")->as_integer()), holder_);
  EXPECT_EQ(c.body.Find("listing_snapshot")->Find("title")->as_string(),
            "正品 ACMEX 运动鞋 专柜同款");
}

TEST_F(ComplaintFlow, IdempotencyKeyMakesARetryAReplay) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  auto one = FileComplaint(holder_, asset, {"l-1"}, "key-123");
  auto two = FileComplaint(holder_, asset, {"l-1"}, "key-123");
  ASSERT_EQ(one.status, 201) << one.raw;
  ASSERT_EQ(two.status, 200) << two.raw;
  EXPECT_TRUE(two.body.Find("replayed")->as_bool());
  EXPECT_EQ(First(one).Find("id")->as_integer(), First(two).Find("id")->as_integer());
  EXPECT_EQ(Get("/api/v1/complaints", holder_).body.Find("complaints")->items().size(), 1u);
  auto other = FileComplaint(holder_, asset, {"l-clean"}, "key-123");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.ErrorField(), "Idempotency-Key");
}

TEST_F(ComplaintFlow, BatchOfThreeHundredIsFiledAtomicallyAndMoreIsRefused) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  std::vector<std::string> ids;
  for (int i = 0; i < 301; ++i) {
    ids.push_back("b-" + std::to_string(i));
    MakeListing(seller_, "shop-1", ids.back(), "ACMEX sneaker " + std::to_string(i));
  }
  auto too_many = FileComplaint(holder_, asset, ids);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.ErrorField(), "listings");
  ids.pop_back();
  ids[299] = "no-such-listing";
  auto unknown = FileComplaint(holder_, asset, ids);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.ErrorField(), "listings[299]");
  EXPECT_EQ(Get("/api/v1/complaints", holder_).body.Find("complaints")->items().size(), 0u);
  ids[299] = "b-299";
  auto ok = FileComplaint(holder_, asset, ids);
  ASSERT_EQ(ok.status, 201) << ok.raw.substr(0, 300);
  EXPECT_EQ(ok.body.Find("complaints")->items().size(), 300u);
  auto page = Call("GET", "/api/v1/complaints?limit=500", holder_);
  EXPECT_EQ(page.body.Find("complaints")->items().size(), 300u);
}

TEST_F(ComplaintFlow, ValidationErrorsNameTheField) {
  const std::string asset = ApprovedBrand(holder_, Strings({"ACMEX"}));
  auto post = [&](const std::string& body) {
    return Call("POST", "/api/v1/complaints", holder_, body);
  };
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_EQ(post("[]").status, 400);
  auto r = post(R"({"reason":"counterfeit","listing":"l-1"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "asset");
  r = post(R"({"asset":")" + asset + R"(","reason":"bad","listing":"l-1"})");
  EXPECT_EQ(r.ErrorField(), "reason");
  r = post(R"({"asset":")" + asset + R"(","reason":"piracy","listing":7})");
  EXPECT_EQ(r.ErrorField(), "listing");
  r = post(R"({"asset":")" + asset + R"(","reason":"piracy","listings":["l-1","l-1"]})");
  EXPECT_EQ(r.ErrorField(), "listings[1]");
  r = post(R"({"asset":")" + asset + R"(","reason":"piracy","listing":"l-1","evidence":["00"]})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorField(), "evidence[0]");
  r = Call("POST", "/api/v1/complaints", holder_, "{}", {}, "text/plain");
  EXPECT_EQ(r.status, 415);
  r = Call("POST", "/api/v1/complaints", holder_, std::string(2u << 20, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Get("/api/v1/nowhere", holder_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/complaints?limit=abc", holder_).ErrorField(), "limit");
}

TEST_F(ComplaintFlow, FilesAreTypeCheckedAndContentAddressed) {
  auto a = Call("POST", "/api/v1/files", holder_, "%PDF-1.4 same", {}, "application/pdf");
  auto b = Call("POST", "/api/v1/files", holder_, "%PDF-1.4 same", {}, "application/pdf");
  ASSERT_EQ(a.status, 201);
  EXPECT_EQ(a.Str("sha256"), b.Str("sha256"));
  EXPECT_EQ(a.Str("sha256").size(), 64u);
  EXPECT_EQ(Call("POST", "/api/v1/files", holder_, "MZ\x90", {}, "application/x-msdownload").status,
            415);
  auto fake = Call("POST", "/api/v1/files", holder_, "not a png", {}, "image/png");
  EXPECT_EQ(fake.status, 400);
  EXPECT_EQ(fake.ErrorField(), "body");
  EXPECT_EQ(
      Call("POST", "/api/v1/files", holder_, std::string(11u << 20, 'x'), {}, "text/plain").status,
      413);
  // Only the uploader and staff read a file back.
  EXPECT_EQ(Get("/api/v1/files/" + a.Str("sha256"), holder_).status, 200);
  EXPECT_EQ(Get("/api/v1/files/" + a.Str("sha256"), seller_).status, 404);
  EXPECT_EQ(Get("/api/v1/files/" + a.Str("sha256"), reviewer_).status, 200);
}

TEST_F(ComplaintFlow, AssetValidationNamesTheField) {
  auto post = [&](const json::Value& body) { return Post("/api/v1/assets", holder_, body); };
  json::Value a = json::Value::Object();
  a.Set("kind", "brand");
  EXPECT_EQ(post(a).ErrorField(), "proofs");
  a.Set("proofs", Strings({"deadbeef"}));
  EXPECT_EQ(post(a).ErrorField(), "proofs[0]");
  a.Set("proofs", json::Value::Array({json::Value(UploadProof(holder_))}));
  EXPECT_EQ(post(a).ErrorField(), "registration_number");
  a.Set("registration_number", "TM-9");
  a.Set("names", Strings({"X"}));
  a.Set("classes", json::Value::Array({json::Value(25), json::Value(99)}));
  EXPECT_EQ(post(a).ErrorField(), "classes[1]");
  a.Set("classes", json::Value::Array({json::Value(25)}));
  a.Set("expires_at", "2001-01-01T00:00:00Z");
  EXPECT_EQ(post(a).ErrorField(), "expires_at");
  a.Set("expires_at", "2099-01-01T00:00:00Z");
  EXPECT_EQ(post(a).status, 201);
}

TEST_F(ComplaintFlow, TakenAccountNameIsAConflictAndLeavesNoHolderBehind) {
  json::Value body = json::Value::Object();
  body.Set("name", "acme");
  body.Set("password", "password-2");
  body.Set("role", "holder");
  body.Set("holder_name", "Impostor Ltd.");
  auto r = Post("/api/v1/accounts", "", body);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorField(), "name");
  EXPECT_EQ(platform_->store().ListHolders()->size(), 1u);
  body.Set("name", "bad name!");
  EXPECT_EQ(Post("/api/v1/accounts", "", body).ErrorField(), "name");
  body.Set("name", "short-pw");
  body.Set("password", "1234");
  EXPECT_EQ(Post("/api/v1/accounts", "", body).ErrorField(), "password");
  EXPECT_EQ(Login("acme", "wrong-password"), "");
}

}  // namespace
}  // namespace ipguard::testing
