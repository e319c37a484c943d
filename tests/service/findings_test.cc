// Proactive findings (the NDJSON of `ipguard scan`) entering the review
// queue, their decisions and penalties, statistics, and overdue escalation.
#include <gtest/gtest.h>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class Findings : public AcmeCase {
 protected:
  void MakeListings() override {
    MakeListing(seller_, "shop-1", "l-1", "ACMEX 运动鞋");
    MakeListing(seller_, "shop-1", "l-2", "ACMEX 外套");
  }
  std::string Line(const std::string& item, const std::string& detector, double score,
                   const std::string& target, const std::string& action = "remove") {
    json::Value f = json::Value::Object();
    f.Set("item", item);
    f.Set("detector", detector);
    if (!target.empty()) f.Set("target", target);
    f.Set("score", score);
    f.Set("action", action);
    json::Value ev = json::Value::Object();
    ev.Set("field", "title");
    ev.Set("text", "ACMEX");
    f.Set("evidence", std::move(ev));
    return f.Dump() + "\n";
  }
  ApiReply Load(const std::string& token, const std::string& ndjson) {
    return LoadFindings(token, ndjson);
  }
};

TEST_F(Findings, ScanFindingsEnterTheQueueWithTheirEvidence) {
  const std::string body = Line("l-1", "brand_variant", 0.97, asset_) +
                           Line("l-1", "image_copy", 0.70, asset_, "review") +
                           Line("l-2", "brand_variant", 0.60, asset_, "review") +
                           Line("l-3", "brand_variant", 0.99, asset_) +  // not on the platform
                           Line("l-1", "diversion", 0.9, "") +           // not a right
                           Line("l-2", "brand_variant", 0.3, asset_, "none") + "{not json\n" +
                           R"({"item":"l-1","detector":"piracy"})" + "\n";
  auto loaded = Load(reviewer_, body);
  ASSERT_EQ(loaded.status, 201) << loaded.raw;
  EXPECT_EQ(loaded.Int("filed"), 2);  // l-1 (two findings grouped) and l-2
  EXPECT_EQ(loaded.body.Find("skipped")->items().size(), 3u) << loaded.raw;
  ASSERT_EQ(loaded.body.Find("rejected")->items().size(), 2u) << loaded.raw;
  EXPECT_EQ(loaded.body.Find("rejected")->items()[0].Find("line")->as_integer(), 7);
  auto queue = Get("/api/v1/queue", reviewer_);
  ASSERT_EQ(queue.body.Find("queue")->items().size(), 2u);
  const json::Value& first = queue.body.Find("queue")->items()[0];
  EXPECT_EQ(first.Find("source")->as_string(), "proactive");
  EXPECT_EQ(first.Find("listing")->as_string(), "l-1");
  EXPECT_EQ(first.Find("detector")->as_string(), "brand_variant");
  EXPECT_EQ(first.Find("holder")->as_string(), HolderOf(holder_));
  EXPECT_EQ(first.Find("findings")->items().size(), 2u);
  EXPECT_NE(first.Find("listing_snapshot"), nullptr);
  EXPECT_NE(first.Find("asset_record"), nullptr);
  // The rights holder sees the proactive complaint about its asset.
  EXPECT_EQ(Get("/api/v1/complaints", holder_).body.Find("complaints")->items().size(), 2u);
  // Loading the same findings again files nothing new.
  auto again = Load(reviewer_, body);
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.Int("filed"), 0);
}

TEST_F(Findings, OnlyStaffLoadFindings) {
  const std::string body = Line("l-1", "brand_variant", 0.97, asset_);
  EXPECT_EQ(Load(holder_, body).status, 403);
  EXPECT_EQ(Load(seller_, body).status, 403);
  EXPECT_EQ(Load("", body).status, 401);
  EXPECT_EQ(Load(admin_, body).status, 201);
}

TEST_F(Findings, ProactiveDecisionsPenalizeAndFeedPrecision) {
  auto loaded = Load(reviewer_, Line("l-1", "brand_variant", 0.97, asset_) +
                                    Line("l-2", "brand_variant", 0.95, asset_));
  ASSERT_EQ(loaded.status, 201) << loaded.raw;
  const auto& ids = loaded.body.Find("complaints")->items();
  auto decided = Decide(reviewer_, std::to_string(ids[0].as_integer()), "uphold");
  ASSERT_EQ(decided.status, 200) << decided.raw;
  ASSERT_EQ(
      Decide(reviewer_, std::to_string(ids[1].as_integer()), "reject", "a genuine reseller").status,
      200);
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "removed");
  auto ledger = Get("/api/v1/shops/shop-1/penalties", seller_);
  ASSERT_EQ(ledger.body.Find("penalties")->items().size(), 1u);
  EXPECT_EQ(ledger.body.Find("penalties")->items()[0].Find("action")->as_string(), "warn");
  auto stats = Get("/api/v1/stats", reviewer_);
  ASSERT_EQ(stats.status, 200) << stats.raw;
  EXPECT_EQ(stats.body.Find("by_source")->Find("proactive")->as_integer(), 2);
  EXPECT_DOUBLE_EQ(stats.body.Find("proactive_share")->as_number(), 1.0);
  const json::Value* bv = stats.body.Find("detector_precision_by_detector")->Find("brand_variant");
  ASSERT_NE(bv, nullptr) << stats.raw;
  EXPECT_EQ(bv->Find("confirmed")->as_integer(), 1);
  EXPECT_EQ(bv->Find("overturned")->as_integer(), 1);
  EXPECT_DOUBLE_EQ(bv->Find("precision")->as_number(), 0.5);
  const json::Value* pro = stats.body.Find("review_outcomes_by_source")->Find("proactive");
  EXPECT_EQ(pro->Find("confirmed")->as_integer(), 1);
  EXPECT_EQ(stats.body.Find("shops_with_strikes")->as_integer(), 1);
}

TEST_F(Findings, OverdueComplaintsAreEscalatedOnce) {
  clock_ = 1'800'000'000'000;
  auto filed = FileComplaint(holder_, asset_, {"l-1"});
  ASSERT_EQ(filed.status, 201);
  auto sweep = Call("POST", "/api/v1/escalations", reviewer_);
  EXPECT_EQ(sweep.Int("escalated"), 0);  // not due yet
  clock_ += 10LL * 86400000;             // past 3 working days
  sweep = Call("POST", "/api/v1/escalations", reviewer_);
  ASSERT_EQ(sweep.status, 200) << sweep.raw;
  EXPECT_EQ(sweep.Int("escalated"), 1);
  EXPECT_EQ(Call("POST", "/api/v1/escalations", admin_).Int("escalated"), 0);  // once
  bool reviewer_told = false, holder_told = false;
  const auto to_reviewer = Get("/api/v1/notifications", reviewer_);
  for (const auto& n : to_reviewer.body.Find("notifications")->items()) {
    reviewer_told |= n.Find("kind")->as_string() == "complaint_overdue";
  }
  const auto to_holder = Get("/api/v1/notifications", holder_);
  for (const auto& n : to_holder.body.Find("notifications")->items()) {
    holder_told |= n.Find("kind")->as_string() == "complaint_overdue";
  }
  EXPECT_TRUE(reviewer_told);
  EXPECT_TRUE(holder_told);
  const int64_t id = filed.body.Find("complaints")->items()[0].Find("id")->as_integer();
  auto c = Get("/api/v1/complaints/" + std::to_string(id), reviewer_);
  EXPECT_FALSE(c.Str("escalated_at").empty());
  EXPECT_TRUE(c.body.Find("overdue")->as_bool());
}

}  // namespace
}  // namespace ipguard::testing
