// Conformance tests of the Store interface. Every backend runs them: add its
// factory to kBackends (a PostgreSQL backend adds one line).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <map>

#include "store/audit_chain.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

namespace ipguard::store {
namespace {

using Factory = Result<std::unique_ptr<Store>> (*)(const std::string& dir);

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& dir) {
  return OpenSqliteStore(dir + "/ipguard.db");
}

struct Backend {
  const char* name;
  Factory open;
};
const Backend kBackends[] = {{"sqlite", &OpenSqlite}};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto s = GetParam().open(dir_.path());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s).value();
  }
  void Reopen() {
    store_.reset();
    auto s = GetParam().open(dir_.path());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s).value();
  }
  std::vector<AuditEntry> Audit() {
    auto entries = store_->ReadAudit(0, 100000);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }
  Status Verify() {
    AuditVerifier v;
    for (const auto& e : Audit()) {
      if (Status st = v.Add(e); !st.ok()) return st;
    }
    return Status::Ok();
  }
  Complaint MakeComplaint(const std::string& listing) {
    Complaint c;
    c.holder = "h1";
    c.filed_by = 1;
    c.asset = "brand-1";
    c.listing = listing;
    c.shop = "s1";
    c.reason = "counterfeit";
    c.snapshot_json = R"({"kind":"listing","id":"x"})";
    c.batch = "b1";
    c.lane = "review";
    c.status = "in_review";
    c.triage_json = "[]";
    c.evidence = {std::string(64, 'a'), std::string(64, 'b')};
    c.filed_at = 1000;
    c.due_at = 5000;
    return c;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, UsersHaveUniqueNamesAndTokensFindThem) {
  User u{0, "alice", Role::kHolder, "hash", "h1", 42};
  auto id = store_->CreateUser(u, {"system", "user.create", "", "", ""});
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*id, 0);
  auto again = store_->CreateUser(u, {"system", "user.create", "", "", ""});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  ASSERT_TRUE(store_->AddToken(*id, "digest", 1, {"system", "token.create", "", "", ""}).ok());
  auto found = store_->UserForToken("digest", 0);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "alice");
  EXPECT_EQ((*found)->role, Role::kHolder);
  EXPECT_EQ((*found)->holder, "h1");
  EXPECT_FALSE(store_->UserForToken("other", 0)->has_value());
  EXPECT_EQ(*store_->CountUsers(), 1);
}

TEST_P(StoreConformance, TokensExpireAndRevokedTokensFindNobody) {
  auto id =
      store_->CreateUser({0, "bob", Role::kSeller, "hash", "", 1}, {"system", "", "", "", ""});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->AddToken(*id, "t1", 1000, {"system", "token.create", "", "", ""}).ok());
  ASSERT_TRUE(store_->AddToken(*id, "t2", 1000, {"system", "token.create", "", "", ""}).ok());
  EXPECT_TRUE(store_->UserForToken("t1", 1000)->has_value());
  EXPECT_FALSE(store_->UserForToken("t1", 1001)->has_value());  // issued before: expired
  EXPECT_TRUE(*store_->RevokeToken("t1", {"user:1", "token.revoke", "", "", ""}));
  EXPECT_FALSE(store_->UserForToken("t1", 0)->has_value());
  EXPECT_FALSE(*store_->RevokeToken("t1", {"user:1", "token.revoke", "", "", ""}));
  EXPECT_TRUE(store_->UserForToken("t2", 0)->has_value());  // other sessions stay signed in
}

TEST_P(StoreConformance, DataSurvivesReopeningAndMigrationsAreNotRepeated) {
  ASSERT_TRUE(
      store_->PutHolder({"h1", "Acme", true, false}, {"system", "holder.create", "", "", ""}).ok());
  Reopen();
  auto h = store_->GetHolder("h1");
  ASSERT_TRUE(h.ok() && h->has_value());
  EXPECT_EQ((*h)->name, "Acme");
  EXPECT_TRUE((*h)->verified);
}

TEST_P(StoreConformance, GangMembersAreUpsertedAndRanked) {
  auto seller = store_->CreateUser({0, "s-1", Role::kSeller, "h", "", 1},
                                   {"self", "user.create", "", "", ""});
  ASSERT_TRUE(seller.ok());
  auto shop =
      store_->CreateShop({"s1", "Shop", *seller, "active"}, {"system", "shop.create", "", "", ""});
  ASSERT_TRUE(shop.ok()) << shop.status().message();
  auto member = [](std::string gang, std::string m, double score, bool seeded) {
    return GangMember{std::move(gang), std::move(m), score, "review", seeded, "{}", 1000};
  };
  const std::vector<GangMember> rows = {
      member("g1", "s1", 0.9, false), member("g1", "a2", 0.8, false),
      member("g1", "a3", 0.7, false), member("g2", "s1", 0.5, true)};
  const store::Audit audit{"system", "gang.load", "", "", ""};
  auto added = store_->PutGangMembers(rows, audit);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(*added, 4);
  auto again = store_->PutGangMembers({member("g1", "s1", 0.95, false)}, audit);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  Reopen();
  auto of = store_->GangsOf("s1");
  ASSERT_TRUE(of.ok());
  ASSERT_EQ(of->size(), 2u);
  EXPECT_EQ((*of)[0].gang, "g1");
  EXPECT_DOUBLE_EQ((*of)[0].score, 0.95);
  EXPECT_TRUE(store_->GangsOf("nobody")->empty());
  auto top = store_->TopGangs(10);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].gang, "g2");  // seeded first
  EXPECT_EQ((*top)[0].shops, 1);
  EXPECT_EQ((*top)[1].members, 3);
  EXPECT_EQ((*top)[1].shops, 1);
  EXPECT_DOUBLE_EQ((*top)[1].max_score, 0.95);
  EXPECT_EQ(store_->TopGangs(1)->size(), 1u);
  EXPECT_TRUE(Verify().ok());
}

TEST_P(StoreConformance, AssetIsDecidedOnceAndOnlyActiveOnesAreListed) {
  Asset a;
  a.id = "brand-1";
  a.holder = "h1";
  a.kind = "brand";
  a.record_json = "{}";
  a.proofs = {std::string(64, 'c')};
  a.expires_at = 10000;
  ASSERT_TRUE(*store_->CreateAsset(a, {"user:1", "asset.create", "", "", ""}));
  EXPECT_FALSE(*store_->CreateAsset(a, {"user:1", "asset.create", "", "", ""}));
  EXPECT_TRUE(store_->ActiveAssets(0)->empty());
  EXPECT_TRUE(*store_->DecideAsset("brand-1", "approved", 9, 5, "",
                                   {"user:9", "asset.approve", "", "", ""}));
  EXPECT_FALSE(*store_->DecideAsset("brand-1", "rejected", 9, 6, "x",
                                    {"user:9", "asset.reject", "", "", ""}));
  EXPECT_EQ(store_->ActiveAssets(9999)->size(), 1u);
  EXPECT_TRUE(store_->ActiveAssets(10000)->empty());  // expired
  auto got = store_->GetAsset("brand-1");
  EXPECT_EQ((*got)->proofs, a.proofs);
  EXPECT_EQ((*got)->status, "approved");
}

TEST_P(StoreConformance, FilingIsAtomicAndIdempotent) {
  ASSERT_TRUE(
      store_->PutListing({"l1", "s1", "{}", "active", 1}, {"user:2", "listing.put", "", "", ""})
          .ok());
  Filing f;
  f.user = 1;
  f.idempotency_key = "k";
  f.request_hash = "r1";
  f.complaints = {MakeComplaint("l1"), MakeComplaint("l2")};
  f.complaints[0].status = "upheld";  // fast lane removes the listing
  f.notifications = {{0, 2, 0, "listing_removed", "removed", 1}};
  auto out = store_->FileComplaints(f);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_FALSE(out->replayed);
  ASSERT_EQ(out->complaint_ids.size(), 2u);
  EXPECT_EQ((*store_->GetListing("l1"))->status, "removed");
  auto n = store_->NotificationsFor(2, 0, 10);
  ASSERT_EQ(n->size(), 1u);
  EXPECT_EQ((*n)[0].complaint, out->complaint_ids[0]);
  auto c = store_->GetComplaint(out->complaint_ids[1]);
  ASSERT_TRUE(c->has_value());
  EXPECT_EQ((*c)->evidence, f.complaints[1].evidence);
  EXPECT_EQ((*c)->listing, "l2");

  Filing retry = f;
  auto again = store_->FileComplaints(retry);
  EXPECT_TRUE(again->replayed);
  EXPECT_FALSE(again->key_conflict);
  EXPECT_EQ(again->complaint_ids, out->complaint_ids);
  retry.request_hash = "other";
  EXPECT_TRUE(store_->FileComplaints(retry)->key_conflict);
  ComplaintFilter all;
  EXPECT_EQ(store_->ListComplaints(all)->size(), 2u);
}

TEST_P(StoreConformance, ComplaintFiltersAndQueueOrder) {
  const int64_t seller_1 = *store_->CreateUser({0, "s-1", Role::kSeller, "h", "", 1},
                                               {"self", "user.create", "", "", ""});
  const int64_t seller_2 = *store_->CreateUser({0, "s-2", Role::kSeller, "h", "", 1},
                                               {"self", "user.create", "", "", ""});
  auto shop = store_->CreateShop({"s1", "one", seller_1}, {"user:1", "shop.create", "", "", ""});
  ASSERT_TRUE(shop.ok()) << shop.status().message();
  ASSERT_TRUE(*store_->CreateShop({"s2", "two", seller_2}, {"user:2", "shop.create", "", "", ""}));
  Filing f;
  f.user = 1;
  for (int i = 0; i < 4; ++i) {
    Complaint c = MakeComplaint("l" + std::to_string(i));
    c.shop = i % 2 ? "s2" : "s1";
    c.holder = i < 2 ? "h1" : "h2";
    c.due_at = 100 - i;  // later complaints are due sooner
    f.complaints.push_back(c);
  }
  ASSERT_TRUE(store_->FileComplaints(f).ok());
  ComplaintFilter by_holder;
  by_holder.holder = "h2";
  EXPECT_EQ(store_->ListComplaints(by_holder)->size(), 2u);
  ComplaintFilter by_owner;
  by_owner.shop_owner = seller_2;
  auto seller = store_->ListComplaints(by_owner);
  ASSERT_EQ(seller->size(), 2u);
  for (const auto& c : *seller) EXPECT_EQ(c.shop, "s2");
  ComplaintFilter queue;
  queue.status = "in_review";
  queue.by_due = true;
  auto q = store_->ListComplaints(queue);
  ASSERT_EQ(q->size(), 4u);
  EXPECT_EQ((*q)[0].listing, "l3");
  EXPECT_EQ((*q)[3].listing, "l0");
  Decision d{(*q)[0].id, "in_review", "upheld", 5, 200, "ok", true, {}};
  EXPECT_TRUE(*store_->DecideComplaint(d, {"user:5", "complaint.uphold", "", "", ""}));
  EXPECT_FALSE(*store_->DecideComplaint(d, {"user:5", "complaint.uphold", "", "", ""}));
  EXPECT_EQ(store_->ListComplaints(queue)->size(), 3u);
}

// The maintained statistics agree with the rows, through filings, decisions,
// counter-notices and reinstatement; strikes and penalties are written with
// the decision and voided with the reinstatement.
TEST_P(StoreConformance, CountersStrikesAndPenaltiesFollowEveryWrite) {
  const int64_t owner =
      *store_->CreateUser({0, "seller", Role::kSeller, "h", "", 1}, {"system", "u", "", "", ""});
  ASSERT_TRUE(
      store_->CreateShop({"s1", "Shop", owner, "active"}, {"user:7", "shop.create", "", "", ""})
          .ok());
  for (const char* l : {"l1", "l2", "l3"}) {
    ASSERT_TRUE(
        store_->PutListing({l, "s1", "{}", "active", 1}, {"user:7", "listing.put", "", "", ""})
            .ok());
  }
  Filing f;
  f.user = 1;
  for (const char* l : {"l1", "l2", "l3"}) f.complaints.push_back(MakeComplaint(l));
  f.complaints[2].source = "proactive";
  f.complaints[2].detector = "brand_variant";
  f.complaints[2].strong = true;
  ASSERT_TRUE(store_->FileComplaints(f).ok());
  const auto ids = f.complaints;
  // A planner that warns live and closes in shadow.
  PenaltyPlanner planner = [](const Strike& s, const std::vector<Strike>& shop,
                              const std::vector<Strike>& account) {
    Penalty live;
    live.action = "warn";
    live.scope = "shop";
    live.points = static_cast<double>(shop.size());
    live.policy = "p";
    live.text = "warned";
    live.at = s.at;
    Penalty shadow = live;
    shadow.action = "close";
    shadow.shadow = true;
    shadow.points = static_cast<double>(account.size());
    return std::vector<Penalty>{live, shadow};
  };
  auto decide = [&](int64_t id, const char* from, const char* to, bool strike, bool void_it) {
    Decision d;
    d.complaint = id;
    d.from_status = from;
    d.to_status = to;
    d.by = 9;
    d.at = 2000;
    d.handling_ms = 3 * 3600000;
    d.remove_listing = std::string(to) == "upheld";
    d.restore_listing = void_it;
    d.void_strikes = void_it;
    if (strike) {
      d.strike = Strike{0, "s1", 0, 0, "counterfeit", true, 2000, false};
      d.planner = planner;
    }
    return *store_->DecideComplaint(d, {"user:9", "complaint.decide", "", "", ""});
  };
  ASSERT_TRUE(decide(ids[0].id, "in_review", "upheld", true, false));
  ASSERT_TRUE(decide(ids[1].id, "in_review", "rejected", false, false));
  ASSERT_TRUE(decide(ids[2].id, "in_review", "upheld", true, false));
  auto strikes = store_->Strikes("s1", 0);
  ASSERT_EQ(strikes->size(), 2u);
  EXPECT_EQ((*strikes)[0].account, owner);  // the shop's owner
  EXPECT_EQ(store_->Strikes("", owner)->size(), 2u);
  PenaltyFilter live;
  live.shadow = 0;
  PenaltyFilter shadow;
  shadow.shadow = 1;
  EXPECT_EQ(store_->Penalties(live)->size(), 2u);
  EXPECT_EQ(store_->Penalties(shadow)->back().action, "close");
  EXPECT_EQ(store_->GetShop("s1").value()->status, "active");  // shadow never applies
  // Reinstatement after a counter-notice voids the strike.
  ASSERT_TRUE(*store_->AddCounterNote({0, ids[0].id, "seller", 7, "invoice", {}, 2100}, "upheld",
                                      "countered", {}, {"user:7", "c", "", "", ""}));
  ASSERT_TRUE(decide(ids[0].id, "countered", "closed_reinstated", false, true));
  EXPECT_TRUE((*store_->Strikes("s1", 0))[1].voided);

  auto stats = store_->Stats(10000, 0.9);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->total, 3);
  std::map<std::string, int64_t> by_status;
  for (const auto& r : stats->by_status) by_status[r.key] = r.count;
  EXPECT_EQ(by_status, (std::map<std::string, int64_t>{
                           {"closed_reinstated", 1}, {"rejected", 1}, {"upheld", 1}}));
  EXPECT_EQ(stats->decided, 3);
  EXPECT_EQ(stats->decided_on_time, 3);
  EXPECT_EQ(stats->median_handling_ms, 3 * 3600000 + 300000);  // bucket midpoint
  EXPECT_EQ(stats->listings_removed, 1);                       // l3; l1 restored
  EXPECT_EQ(stats->shops_struck, 1);
  EXPECT_EQ(stats->accounts_struck, 1);
  std::map<std::string, int64_t> by_source;
  for (const auto& r : stats->by_source) by_source[r.key] = r.count;
  EXPECT_EQ(by_source["proactive"], 1);
  ASSERT_EQ(stats->detectors.size(), 1u);
  EXPECT_EQ(stats->detectors[0].confirmed, 1);
  EXPECT_EQ(stats->strong_confirmed, 1);
  auto outcome = store_->HolderOutcomes("h1");
  EXPECT_EQ(outcome->decided, 3);
  EXPECT_EQ(outcome->rejected, 2);
  // The counters survive reopening (they are rows, not memory).
  Reopen();
  EXPECT_EQ(store_->Stats(10000, 0.9)->total, 3);
}

TEST_P(StoreConformance, EveryWriteIsAuditedInAnIntactChain) {
  ASSERT_TRUE(store_
                  ->PutHolder({"h1", "Acme", false, false},
                              {"user:1", "holder.create", "holder:h1", "", "{}"})
                  .ok());
  ASSERT_TRUE(store_
                  ->PutHolder({"h1", "Acme", false, true},
                              {"user:1", "holder.update", "holder:h1", "{}", "{\"trusted\":true}"})
                  .ok());
  Filing f;
  f.user = 1;
  f.complaints = {MakeComplaint("l1")};
  ASSERT_TRUE(store_->FileComplaints(f).ok());
  auto entries = Audit();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].action, "holder.update");
  EXPECT_EQ(entries[1].before, "{}");
  EXPECT_EQ(entries[2].action, "complaint.file");
  EXPECT_EQ(entries[0].prev_hash, std::string(kAuditGenesis));
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  EXPECT_TRUE(Verify().ok());
}

// Tampering goes around the Store, straight into the SQLite file, as an
// attacker with disk access would.
class SqliteTamper : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(
          store_
              ->PutHolder({"h" + std::to_string(i), "n", false, false},
                          {"user:1", "holder.create", "holder:" + std::to_string(i), "", "{}"})
              .ok());
    }
    ASSERT_TRUE(Verify().ok());
  }
  void Sql(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("ipguard.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
};

// Migration 5 on a database that already holds complaints: the counters are
// backfilled from the rows, so /stats is right from the first start.
TEST_P(SqliteTamper, CountersAreBackfilledWhenTheMigrationRuns) {
  for (const char* l : {"l1", "l2"}) {
    ASSERT_TRUE(
        store_->PutListing({l, "s1", "{}", "active", 1}, {"user:2", "listing.put", "", "", ""})
            .ok());
  }
  Filing f;
  f.user = 1;
  f.complaints = {MakeComplaint("l1"), MakeComplaint("l2")};
  f.complaints[1].status = "upheld";
  f.complaints[1].lane = "fast";
  f.complaints[1].decided_at = 2000;
  ASSERT_TRUE(store_->FileComplaints(f).ok());
  auto before = store_->Stats(10000, 0.9);
  ASSERT_TRUE(before.ok());
  store_.reset();
  // Back to schema 4: no counters, no triggers.
  Sql("DROP TRIGGER complaints_count_insert; DROP TRIGGER complaints_count_update; "
      "DROP TRIGGER complaints_count_delete; DROP TRIGGER listings_count_insert; "
      "DROP TRIGGER listings_count_update; DROP TRIGGER strikes_count_insert; "
      "DROP TRIGGER strikes_count_void; DROP TRIGGER penalties_count_insert; "
      "DROP TABLE stat_counts; PRAGMA user_version = 4;");
  Reopen();
  auto after = store_->Stats(10000, 0.9);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->total, 2);
  EXPECT_EQ(after->total, before->total);
  EXPECT_EQ(after->decided, before->decided);
  EXPECT_EQ(after->listings_removed, 1);
  ASSERT_EQ(after->by_status.size(), 2u);
  EXPECT_EQ(after->by_lane.size(), before->by_lane.size());
  EXPECT_EQ(after->daily.size(), before->daily.size());
}

TEST_P(SqliteTamper, EditedEntryIsFound) {
  Sql("UPDATE audit SET actor = 'user:666' WHERE seq = 3");
  Status st = Verify();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("seq 3"), std::string::npos) << st.message();
}

TEST_P(SqliteTamper, DeletedEntryIsFound) {
  Sql("DELETE FROM audit WHERE seq = 2");
  Status st = Verify();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("seq 3"), std::string::npos) << st.message();
}

TEST_P(SqliteTamper, ReorderedEntriesAreFound) {
  Sql("UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; "
      "UPDATE audit SET seq = 3 WHERE seq = 100;");
  EXPECT_FALSE(Verify().ok());
}

TEST_P(SqliteTamper, RehashedEditIsFoundByTheNextLink) {
  // Editing an entry and recomputing its own hash still breaks the next link.
  auto entries = Audit();
  AuditEntry e = entries[1];
  e.after = "{\"forged\":true}";
  const std::string forged = AuditHash(e);
  const std::string sql =
      "UPDATE audit SET after = '{\"forged\":true}', hash = '" + forged + "' WHERE seq = 2";
  Sql(sql.c_str());
  Status st = Verify();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("seq 3"), std::string::npos) << st.message();
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(kBackends),
                         [](const auto& info) { return std::string(info.param.name); });
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteTamper, ::testing::Values(kBackends[0]),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ipguard::store
