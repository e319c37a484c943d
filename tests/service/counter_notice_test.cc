// Counter-notices, final decisions and statistics through the HTTP API.
#include <gtest/gtest.h>

#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class CounterNotice : public AcmeCase {
 protected:
  void MakeListings() override { MakeListing(seller_, "shop-1", "l-1", "ACMEX 运动鞋"); }
  void SetUp() override {
    AcmeCase::SetUp();
    auto filed = FileComplaint(holder_, asset_, {"l-1"});
    id_ = std::to_string(filed.body.Find("complaints")->items()[0].Find("id")->as_integer());
  }
  ApiReply Decide(const std::string& decision, const std::string& reason = "") {
    return ServerFixture::Decide(reviewer_, id_, decision, reason);
  }
  ApiReply Counter(const std::string& token) {
    json::Value body = json::Value::Object();
    body.Set("text", "We are an authorized reseller; invoice attached.");
    body.Set("evidence", json::Value::Array({json::Value(UploadProof(token, "invoice"))}));
    return Post("/api/v1/complaints/" + id_ + "/counter-notice", token, body);
  }
  ApiReply Answer(const std::string& token) {
    json::Value body = json::Value::Object();
    body.Set("text", "The invoice is forged: no such distributor.");
    return Post("/api/v1/complaints/" + id_ + "/answer", token, body);
  }
  std::string id_;
};

TEST_F(CounterNotice, OnlyAnUpheldComplaintCanBeCountered) {
  auto early = Counter(seller_);
  EXPECT_EQ(early.status, 409) << early.raw;
}

TEST_F(CounterNotice, CounterAnswerAndFinalReinstatement) {
  ASSERT_EQ(Decide("uphold").status, 200);
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "removed");
  EXPECT_EQ(Counter(other_seller_).status, 404);  // not its shop
  EXPECT_EQ(Counter(holder_).status, 403);
  auto counter = Counter(seller_);
  ASSERT_EQ(counter.status, 201) << counter.raw;
  EXPECT_EQ(counter.Str("status"), "countered");
  EXPECT_EQ(Counter(seller_).status, 409);  // one per complaint
  EXPECT_EQ(Answer(seller_).status, 403);
  auto answer = Answer(holder_);
  ASSERT_EQ(answer.status, 201) << answer.raw;
  EXPECT_EQ(answer.body.Find("counter_notes")->items().size(), 2u);
  EXPECT_EQ(Answer(holder_).status, 409);
  // The final decision comes back to the reviewer's queue.
  auto queue = Get("/api/v1/queue", reviewer_);
  ASSERT_EQ(queue.body.Find("queue")->items().size(), 1u);
  EXPECT_EQ(queue.body.Find("queue")->items()[0].Find("status")->as_string(), "countered");
  auto final_decision = Decide("reject", "the seller's authorization letter checks out");
  ASSERT_EQ(final_decision.status, 200) << final_decision.raw;
  EXPECT_EQ(final_decision.Str("status"), "closed_reinstated");
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "active");
  EXPECT_EQ(Decide("uphold").status, 409);  // closed
}

TEST_F(CounterNotice, FinalUpholdKeepsTheListingRemoved) {
  ASSERT_EQ(Decide("uphold").status, 200);
  ASSERT_EQ(Counter(seller_).status, 201);
  auto final_decision = Decide("uphold");
  EXPECT_EQ(final_decision.Str("status"), "closed_upheld");
  EXPECT_EQ(Get("/api/v1/listings/l-1", seller_).Str("status"), "removed");
}

TEST_F(CounterNotice, StatisticsCountOutcomesAndTimes) {
  MakeListing(seller_, "shop-1", "l-2", "plain shoes");
  FileComplaint(holder_, asset_, {"l-2"});
  ASSERT_EQ(Decide("uphold").status, 200);
  EXPECT_EQ(Get("/api/v1/stats", holder_).status, 403);
  EXPECT_EQ(Get("/api/v1/stats", seller_).status, 403);
  auto s = Get("/api/v1/stats", admin_);
  ASSERT_EQ(s.status, 200) << s.raw;
  EXPECT_EQ(s.Int("complaints"), 2);
  EXPECT_EQ(s.body.Find("by_status")->Find("upheld")->as_integer(), 1);
  EXPECT_EQ(s.body.Find("by_status")->Find("in_review")->as_integer(), 1);
  EXPECT_EQ(s.Int("decided"), 1);
  EXPECT_DOUBLE_EQ(s.body.Find("on_time_rate")->as_number(), 1.0);
  EXPECT_EQ(s.Int("listings_removed"), 1);
  EXPECT_EQ(s.Int("shops_penalized"), 1);
  const auto* precision = s.body.Find("detector_precision");
  EXPECT_EQ(precision->Find("confirmed")->as_integer(), 1);
  EXPECT_EQ(precision->Find("overturned")->as_integer(), 0);
  ASSERT_EQ(s.body.Find("daily")->items().size(), 1u);
  EXPECT_EQ(s.body.Find("daily")->items()[0].Find("filed")->as_integer(), 2);
}

}  // namespace
}  // namespace ipguard::testing
