#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "ipguard/json.h"
#include "store/audit_chain.h"

namespace ipguard::store {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kHolder:
      return "holder";
    case Role::kAgent:
      return "agent";
    case Role::kReviewer:
      return "reviewer";
    case Role::kSeller:
      return "seller";
    case Role::kAdmin:
      return "admin";
  }
  return "seller";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kHolder, Role::kAgent, Role::kReviewer, Role::kSeller, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

namespace {

// Versioned migrations: entry i brings the schema from version i to i + 1.
// Never edit a released migration; append a new one.
const char* const kBaseMigrations[] = {
    // 1: identities, marketplace, files, rights, complaints, audit.
    R"sql(
CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
  password_hash TEXT NOT NULL, holder TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE tokens(hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL);
CREATE TABLE holders(id TEXT PRIMARY KEY, name TEXT NOT NULL, verified INTEGER NOT NULL,
  trusted INTEGER NOT NULL);
CREATE TABLE shops(id TEXT PRIMARY KEY, name TEXT NOT NULL,
  owner INTEGER NOT NULL REFERENCES users(id));
CREATE INDEX shops_owner ON shops(owner);
CREATE TABLE listings(id TEXT PRIMARY KEY, shop TEXT NOT NULL, json TEXT NOT NULL,
  status TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE blobs(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, type TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE assets(id TEXT PRIMARY KEY, holder TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, record_json TEXT NOT NULL, proofs TEXT NOT NULL, expires_at INTEGER,
  created_by INTEGER NOT NULL, created_at INTEGER NOT NULL, decided_by INTEGER NOT NULL,
  decided_at INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE INDEX assets_holder ON assets(holder, status);
CREATE INDEX assets_status ON assets(status);
CREATE TABLE complaints(id INTEGER PRIMARY KEY, holder TEXT NOT NULL, filed_by INTEGER NOT NULL,
  asset TEXT NOT NULL, listing TEXT NOT NULL, shop TEXT NOT NULL, reason TEXT NOT NULL,
  text TEXT NOT NULL, evidence TEXT NOT NULL, snapshot TEXT NOT NULL, batch TEXT NOT NULL,
  lane TEXT NOT NULL, status TEXT NOT NULL, score REAL NOT NULL, triage TEXT NOT NULL,
  filed_at INTEGER NOT NULL, due_at INTEGER NOT NULL, decided_by INTEGER NOT NULL,
  decided_at INTEGER NOT NULL, decision_reason TEXT NOT NULL);
CREATE INDEX complaints_holder ON complaints(holder, id);
CREATE INDEX complaints_shop ON complaints(shop, id);
CREATE INDEX complaints_status_due ON complaints(status, due_at, id);
CREATE TABLE idempotency(user_id INTEGER NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  complaint_ids TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY(user_id, key));
CREATE TABLE notifications(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
  complaint INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE TABLE audit(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, object TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
PRAGMA user_version = 1;
)sql",
    // 2: counter-notices, handling time of the first decision.
    R"sql(
CREATE TABLE counter_notes(id INTEGER PRIMARY KEY, complaint INTEGER NOT NULL, side TEXT NOT NULL,
  by_user INTEGER NOT NULL, text TEXT NOT NULL, evidence TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX counter_notes_complaint ON counter_notes(complaint, id);
ALTER TABLE complaints ADD COLUMN handling_ms INTEGER NOT NULL DEFAULT 0;
CREATE INDEX complaints_handling ON complaints(handling_ms) WHERE decided_at > 0;
CREATE INDEX complaints_filed ON complaints(filed_at);
PRAGMA user_version = 2;
)sql",
    // 3: the reviewer queue in due order straight from an index.
    R"sql(
CREATE INDEX complaints_queue ON complaints(due_at, id) WHERE status IN ('in_review', 'countered');
PRAGMA user_version = 3;
)sql",
};

// 4: penalties (strike ledger, penalties, shop status, holders' bad faith),
// proactive complaints (source, detector), overdue escalation.
const char* const kMigration4 = R"sql(
ALTER TABLE holders ADD COLUMN bad_faith INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shops ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE complaints ADD COLUMN source TEXT NOT NULL DEFAULT 'complaint';
ALTER TABLE complaints ADD COLUMN detector TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN strong INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN escalated_at INTEGER NOT NULL DEFAULT 0;
UPDATE complaints SET strong = (score >= 0.9);
CREATE INDEX complaints_listing ON complaints(listing, asset);
CREATE INDEX complaints_overdue ON complaints(due_at, id)
  WHERE status = 'in_review' AND escalated_at = 0;
CREATE TABLE strikes(id INTEGER PRIMARY KEY, shop TEXT NOT NULL, account INTEGER NOT NULL,
  complaint INTEGER NOT NULL, reason TEXT NOT NULL, malicious INTEGER NOT NULL,
  at INTEGER NOT NULL, voided INTEGER NOT NULL DEFAULT 0);
CREATE INDEX strikes_shop ON strikes(shop, id);
CREATE INDEX strikes_account ON strikes(account, id);
CREATE INDEX strikes_complaint ON strikes(complaint);
CREATE TABLE penalties(id INTEGER PRIMARY KEY, shop TEXT NOT NULL, account INTEGER NOT NULL,
  complaint INTEGER NOT NULL, strike INTEGER NOT NULL, action TEXT NOT NULL, scope TEXT NOT NULL,
  points REAL NOT NULL, policy TEXT NOT NULL, shadow INTEGER NOT NULL, text TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX penalties_shop ON penalties(shop, id);
CREATE INDEX penalties_account ON penalties(account, id);
CREATE INDEX penalties_shadow ON penalties(shadow, id);
PRAGMA user_version = 4;
)sql";

// What one complaint row contributes to the statistics counters: (dimension,
// key, condition) over the row's columns written as R.column.
struct Contribution {
  const char* dim;
  const char* key;
  const char* when;
};
#define UPHELD_LIKE "R.status IN ('upheld', 'closed_upheld', 'countered')"
#define REJECTED_LIKE "R.status IN ('rejected', 'closed_reinstated')"
const Contribution kContributions[] = {
    {"total", "''", "1"},
    {"status", "R.status", "1"},
    {"reason", "R.reason", "1"},
    {"lane", "R.lane", "1"},
    {"holder", "R.holder", "1"},
    {"source", "R.source", "1"},
    {"decided", "''", "R.decided_at > 0"},
    {"on_time", "''", "R.decided_at > 0 AND R.decided_at <= R.due_at"},
    // Handling-time histogram: 10-minute buckets of the working clock.
    {"handling", "printf('%08d', R.handling_ms / 600000)", "R.decided_at > 0"},
    {"day_filed", "date((R.filed_at + 28800000) / 1000, 'unixepoch')", "1"},
    {"day_upheld", "date((R.filed_at + 28800000) / 1000, 'unixepoch')", UPHELD_LIKE},
    {"shop_upheld", "R.shop", UPHELD_LIKE},
    {"strong", "'confirmed'", "R.strong AND R.decided_by != 0 AND " UPHELD_LIKE},
    {"strong", "'overturned'", "R.strong AND R.decided_by != 0 AND " REJECTED_LIKE},
    {"det_confirmed", "R.detector", "R.detector != '' AND R.decided_by != 0 AND " UPHELD_LIKE},
    {"det_overturned", "R.detector", "R.detector != '' AND R.decided_by != 0 AND " REJECTED_LIKE},
    {"src_confirmed", "R.source", "R.decided_by != 0 AND " UPHELD_LIKE},
    {"src_overturned", "R.source", "R.decided_by != 0 AND " REJECTED_LIKE},
    {"holder_decided", "R.holder", "R.decided_at > 0"},
    {"holder_rejected", "R.holder", REJECTED_LIKE},
};

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size()))
    s.replace(i, from.size(), to);
  return s;
}

// The contributions of the row `row` (NEW or OLD in a trigger) as a SELECT of
// (dim, key) rows.
std::string ContributionRows(std::string_view row) {
  std::string sql;
  for (const auto& c : kContributions) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += fmt::format("SELECT '{}' AS dim, {} AS key WHERE {}", c.dim, c.key, c.when);
  }
  return ReplaceAll(sql, "R.", fmt::format("{}.", row));
}

// 5: statistics counters maintained by triggers inside every write
// transaction (so /stats reads a few hundred rows, not every complaint).
std::string Migration5() {
  std::string backfill;
  for (const auto& c : kContributions) {
    if (!backfill.empty()) backfill += " UNION ALL ";
    backfill += fmt::format("SELECT '{}' AS dim, {} AS key FROM complaints R WHERE {}", c.dim,
                            c.key, c.when);
  }
  const std::string upsert = " WHERE true ON CONFLICT(dim, key) DO UPDATE SET n = n + excluded.n;";
  return fmt::format(R"sql(
CREATE TABLE stat_counts(dim TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(dim, key)) WITHOUT ROWID;
INSERT INTO stat_counts(dim, key, n) SELECT dim, key, count(*) FROM ({backfill}) GROUP BY dim, key;
INSERT INTO stat_counts(dim, key, n) SELECT 'listing_status', status, count(*) FROM listings
  GROUP BY status;
CREATE TRIGGER complaints_count_insert AFTER INSERT ON complaints BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT dim, key, 1 FROM ({new_rows}){upsert}
END;
CREATE TRIGGER complaints_count_update
  AFTER UPDATE OF status, lane, holder, reason, source, detector, strong, decided_at, decided_by,
    due_at, handling_ms, shop, filed_at ON complaints BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT dim, key, -1 FROM ({old_rows}){upsert}
  INSERT INTO stat_counts(dim, key, n) SELECT dim, key, 1 FROM ({new_rows}){upsert}
END;
CREATE TRIGGER complaints_count_delete AFTER DELETE ON complaints BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT dim, key, -1 FROM ({old_rows}){upsert}
END;
CREATE TRIGGER listings_count_insert AFTER INSERT ON listings BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT 'listing_status', NEW.status, 1{upsert}
END;
CREATE TRIGGER listings_count_update AFTER UPDATE OF status ON listings BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT 'listing_status', OLD.status, -1{upsert}
  INSERT INTO stat_counts(dim, key, n) SELECT 'listing_status', NEW.status, 1{upsert}
END;
INSERT INTO stat_counts(dim, key, n) SELECT 'strike_shop', shop, count(*) FROM strikes
  WHERE voided = 0 GROUP BY shop;
INSERT INTO stat_counts(dim, key, n) SELECT 'strike_account', account, count(*) FROM strikes
  WHERE voided = 0 AND account != 0 GROUP BY account;
INSERT INTO stat_counts(dim, key, n) SELECT iif(shadow, 'penalty_shadow', 'penalty'), action,
  count(*) FROM penalties GROUP BY shadow, action;
CREATE TRIGGER strikes_count_insert AFTER INSERT ON strikes WHEN NEW.voided = 0 BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT 'strike_shop', NEW.shop, 1{upsert}
  INSERT INTO stat_counts(dim, key, n) SELECT 'strike_account', NEW.account, 1
    WHERE NEW.account != 0 ON CONFLICT(dim, key) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER strikes_count_void AFTER UPDATE OF voided ON strikes
  WHEN NEW.voided = 1 AND OLD.voided = 0 BEGIN
  INSERT INTO stat_counts(dim, key, n) SELECT 'strike_shop', NEW.shop, -1{upsert}
  INSERT INTO stat_counts(dim, key, n) SELECT 'strike_account', NEW.account, -1
    WHERE NEW.account != 0 ON CONFLICT(dim, key) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER penalties_count_insert AFTER INSERT ON penalties BEGIN
  INSERT INTO stat_counts(dim, key, n)
    SELECT iif(NEW.shadow, 'penalty_shadow', 'penalty'), NEW.action, 1{upsert}
END;
PRAGMA user_version = 5;
)sql",
                     fmt::arg("backfill", backfill), fmt::arg("new_rows", ContributionRows("NEW")),
                     fmt::arg("old_rows", ContributionRows("OLD")), fmt::arg("upsert", upsert));
}

// Every migration; entry i brings the schema from version i to i + 1. The
// SQL is fixed text (the generated ones splice only the constant tables above).
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> m(std::begin(kBaseMigrations), std::end(kBaseMigrations));
    m.push_back(kMigration4);
    m.push_back(Migration5());
    // 6: gang members from `gang` findings, one row per (gang, member).
    m.push_back(R"sql(
CREATE TABLE IF NOT EXISTS gang_members(gang TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL,
  action TEXT NOT NULL, seeded INTEGER NOT NULL, finding TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY(gang, member));
CREATE INDEX IF NOT EXISTS gang_members_member ON gang_members(member, score);
PRAGMA user_version = 6;
)sql");
    return m;
  }();
  return all;
}
const int kSchemaVersion = static_cast<int>(Migrations().size());

Timestamp NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Space-separated lists of tokens without spaces (hex digests, ids).
std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}
std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// A prepared statement borrowed from the cache; reset when it goes out of scope.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Text(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Int(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Real(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& Null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // Ready to bind and step again.
  void Reset() { sqlite3_reset(s_); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }

  std::string ColText(int c) const {
    const unsigned char* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
  int64_t ColInt(int c) const { return sqlite3_column_int64(s_, c); }
  double ColReal(int c) const { return sqlite3_column_double(s_, c); }
  bool ColNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

 private:
  sqlite3_stmt* s_;
};

constexpr const char* kUserCols = "id, name, role, password_hash, holder, created_at";
User ReadUser(const Stmt& s) {
  User u;
  u.id = s.ColInt(0);
  u.name = s.ColText(1);
  u.role = ParseRole(s.ColText(2)).value_or(Role::kSeller);
  u.password_hash = s.ColText(3);
  u.holder = s.ColText(4);
  u.created_at = s.ColInt(5);
  return u;
}

Asset ReadAsset(const Stmt& s) {
  Asset a;
  a.id = s.ColText(0);
  a.holder = s.ColText(1);
  a.kind = s.ColText(2);
  a.status = s.ColText(3);
  a.record_json = s.ColText(4);
  a.proofs = SplitWords(s.ColText(5));
  if (!s.ColNull(6)) a.expires_at = s.ColInt(6);
  a.created_by = s.ColInt(7);
  a.created_at = s.ColInt(8);
  a.decided_by = s.ColInt(9);
  a.decided_at = s.ColInt(10);
  a.reason = s.ColText(11);
  return a;
}
#define ASSET_COLS                                                                      \
  "id, holder, kind, status, record_json, proofs, expires_at, created_by, created_at, " \
  "decided_by, decided_at, reason"

#define COMPLAINT_COLS                                                                          \
  "id, holder, filed_by, asset, listing, shop, reason, text, evidence, snapshot, batch, lane, " \
  "status, score, triage, filed_at, due_at, decided_by, decided_at, decision_reason, "          \
  "handling_ms, "                                                                               \
  "source, detector, strong, escalated_at"
Complaint ReadComplaint(const Stmt& s) {
  Complaint c;
  c.id = s.ColInt(0);
  c.holder = s.ColText(1);
  c.filed_by = s.ColInt(2);
  c.asset = s.ColText(3);
  c.listing = s.ColText(4);
  c.shop = s.ColText(5);
  c.reason = s.ColText(6);
  c.text = s.ColText(7);
  c.evidence = SplitWords(s.ColText(8));
  c.snapshot_json = s.ColText(9);
  c.batch = s.ColText(10);
  c.lane = s.ColText(11);
  c.status = s.ColText(12);
  c.score = s.ColReal(13);
  c.triage_json = s.ColText(14);
  c.filed_at = s.ColInt(15);
  c.due_at = s.ColInt(16);
  c.decided_by = s.ColInt(17);
  c.decided_at = s.ColInt(18);
  c.decision_reason = s.ColText(19);
  c.handling_ms = s.ColInt(20);
  c.source = s.ColText(21);
  c.detector = s.ColText(22);
  c.strong = s.ColInt(23) != 0;
  c.escalated_at = s.ColInt(24);
  return c;
}

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Status Configure() {
    // Pragmas and migrations are fixed literals (no values are spliced in).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"}) {
      if (Status st = Exec(pragma); !st.ok()) return st;
    }
    int version = 0;
    {
      auto s = Prep("PRAGMA user_version");
      if (!s.ok()) return s.status();
      if (s->Step() == SQLITE_ROW) version = static_cast<int>(s->ColInt(0));
    }
    if (version > kSchemaVersion) {
      return Status::Error(
          fmt::format("the database has schema version {}, newer than this ipguard knows ({}); "
                      "use a newer ipguard",
                      version, kSchemaVersion));
    }
    for (int v = version; v < kSchemaVersion; ++v) {
      Status st = InTx([&] { return Exec(Migrations()[v].c_str()); });
      if (!st.ok())
        return Status::Error(fmt::format("migration to schema {}: {}", v + 1, st.message()));
    }
    return Status::Ok();
  }

  // ---- users ----
  Result<int64_t> CreateUser(const User& user, const Audit& audit) override {
    std::lock_guard lock(mu_);
    int64_t id = 0;
    Status st = InTx([&]() -> Status {
      auto s = Prep(
          "INSERT INTO users(name, role, password_hash, holder, created_at) VALUES(?,?,?,?,?) "
          "ON CONFLICT(name) DO NOTHING");
      if (!s.ok()) return s.status();
      s->Text(1, user.name).Text(2, RoleName(user.role)).Text(3, user.password_hash);
      s->Text(4, user.holder).Int(5, user.created_at);
      if (Status d = Done(*s); !d.ok()) return d;
      if (sqlite3_changes(db_) == 0) return Status::Ok();
      id = sqlite3_last_insert_rowid(db_);
      Audit a = audit;
      a.object = fmt::format("user:{}", id);
      return AppendAudit(a);
    });
    if (!st.ok()) return st;
    return id;
  }

  Result<std::optional<User>> FindUserByName(std::string_view name) override {
    std::lock_guard lock(mu_);
    auto s =
        Prep("SELECT id, name, role, password_hash, holder, created_at FROM users WHERE name = ?");
    if (!s.ok()) return s.status();
    s->Text(1, name);
    return One<User>(*s, ReadUser);
  }

  Result<std::optional<User>> GetUser(int64_t id) override {
    std::lock_guard lock(mu_);
    auto s =
        Prep("SELECT id, name, role, password_hash, holder, created_at FROM users WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Int(1, id);
    return One<User>(*s, ReadUser);
  }

  Result<int64_t> CountUsers() override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT count(*) FROM users");
    if (!s.ok()) return s.status();
    if (s->Step() != SQLITE_ROW) return Error("count users");
    return s->ColInt(0);
  }

  Status AddToken(int64_t user, std::string_view token_hash, Timestamp at,
                  const Audit& audit) override {
    std::lock_guard lock(mu_);
    return InTx([&]() -> Status {
      auto s = Prep("INSERT INTO tokens(hash, user_id, created_at) VALUES(?,?,?)");
      if (!s.ok()) return s.status();
      s->Text(1, token_hash).Int(2, user).Int(3, at);
      if (Status d = Done(*s); !d.ok()) return d;
      return AppendAudit(audit);
    });
  }

  Result<std::optional<User>> UserForToken(std::string_view token_hash,
                                           Timestamp issued_after) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT u.id, u.name, u.role, u.password_hash, u.holder, u.created_at FROM tokens t "
        "JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.created_at >= ?");
    if (!s.ok()) return s.status();
    s->Text(1, token_hash).Int(2, issued_after);
    return One<User>(*s, ReadUser);
  }

  Result<bool> RevokeToken(std::string_view token_hash, const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool revoked = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep("DELETE FROM tokens WHERE hash = ?");
      if (!s.ok()) return s.status();
      s->Text(1, token_hash);
      if (Status d = Done(*s); !d.ok()) return d;
      if (sqlite3_changes(db_) == 0) return Status::Ok();
      revoked = true;
      return AppendAudit(audit);
    });
    if (!st.ok()) return st;
    return revoked;
  }

  // ---- holders ----
  Status PutHolder(const Holder& h, const Audit& audit) override {
    std::lock_guard lock(mu_);
    return InTx([&]() -> Status {
      auto s = Prep(
          "INSERT INTO holders(id, name, verified, trusted, bad_faith) VALUES(?,?,?,?,?) ON "
          "CONFLICT(id) DO UPDATE SET name = excluded.name, verified = excluded.verified, trusted "
          "= "
          "excluded.trusted, bad_faith = excluded.bad_faith");
      if (!s.ok()) return s.status();
      s->Text(1, h.id).Text(2, h.name).Int(3, h.verified).Int(4, h.trusted).Int(5, h.bad_faith);
      if (Status d = Done(*s); !d.ok()) return d;
      return AppendAudit(audit);
    });
  }

  static Holder ReadHolder(const Stmt& s) {
    return Holder{s.ColText(0), s.ColText(1), s.ColInt(2) != 0, s.ColInt(3) != 0, s.ColInt(4) != 0};
  }

  Result<std::optional<Holder>> GetHolder(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, verified, trusted, bad_faith FROM holders WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<Holder>(*s, ReadHolder);
  }

  Result<std::vector<Holder>> ListHolders() override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, verified, trusted, bad_faith FROM holders ORDER BY id");
    if (!s.ok()) return s.status();
    return All<Holder>(*s, ReadHolder);
  }

  // ---- shops and listings ----
  Result<bool> CreateShop(const ShopRow& shop, const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool created = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep("INSERT INTO shops(id, name, owner) VALUES(?,?,?) ON CONFLICT(id) DO NOTHING");
      if (!s.ok()) return s.status();
      s->Text(1, shop.id).Text(2, shop.name).Int(3, shop.owner);
      if (Status d = Done(*s); !d.ok()) return d;
      created = sqlite3_changes(db_) > 0;
      return created ? AppendAudit(audit) : Status::Ok();
    });
    if (!st.ok()) return st;
    return created;
  }

  static ShopRow ReadShop(const Stmt& s) {
    return ShopRow{s.ColText(0), s.ColText(1), s.ColInt(2), s.ColText(3)};
  }

  Result<std::optional<ShopRow>> GetShop(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, owner, status FROM shops WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<ShopRow>(*s, ReadShop);
  }

  Result<std::vector<ShopRow>> ShopsOf(int64_t owner) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, owner, status FROM shops WHERE owner = ? ORDER BY id");
    if (!s.ok()) return s.status();
    s->Int(1, owner);
    return All<ShopRow>(*s, ReadShop);
  }

  Result<bool> SetShopStatus(std::string_view id, std::string_view status,
                             const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool changed = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep("UPDATE shops SET status = ? WHERE id = ?");
      if (!s.ok()) return s.status();
      s->Text(1, status).Text(2, id);
      if (Status d = Done(*s); !d.ok()) return d;
      changed = sqlite3_changes(db_) > 0;
      return changed ? AppendAudit(audit) : Status::Ok();
    });
    if (!st.ok()) return st;
    return changed;
  }

  Status PutListing(const ListingRow& l, const Audit& audit) override {
    std::lock_guard lock(mu_);
    return InTx([&]() -> Status {
      auto s = Prep(
          "INSERT INTO listings(id, shop, json, status, updated_at) VALUES(?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET shop = excluded.shop, json = excluded.json, "
          "updated_at = excluded.updated_at");
      if (!s.ok()) return s.status();
      s->Text(1, l.id).Text(2, l.shop).Text(3, l.json).Text(4, l.status).Int(5, l.updated_at);
      if (Status d = Done(*s); !d.ok()) return d;
      return AppendAudit(audit);
    });
  }

  static ListingRow ReadListing(const Stmt& s) {
    return ListingRow{s.ColText(0), s.ColText(1), s.ColText(2), s.ColText(3), s.ColInt(4)};
  }

  Result<std::optional<ListingRow>> GetListing(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, shop, json, status, updated_at FROM listings WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<ListingRow>(*s, ReadListing);
  }

  // ---- blobs ----
  Status PutBlob(const BlobRow& b) override {
    std::lock_guard lock(mu_);
    return InTx([&]() -> Status {
      auto s = Prep(
          "INSERT INTO blobs(sha256, size, type, uploaded_by, created_at) VALUES(?,?,?,?,?) "
          "ON CONFLICT(sha256) DO NOTHING");
      if (!s.ok()) return s.status();
      s->Text(1, b.sha256)
          .Int(2, b.size)
          .Text(3, b.type)
          .Int(4, b.uploaded_by)
          .Int(5, b.created_at);
      return Done(*s);
    });
  }

  Result<std::optional<BlobRow>> GetBlob(std::string_view sha256) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT sha256, size, type, uploaded_by, created_at FROM blobs WHERE sha256 = ?");
    if (!s.ok()) return s.status();
    s->Text(1, sha256);
    return One<BlobRow>(*s, [](const Stmt& r) {
      return BlobRow{r.ColText(0), r.ColInt(1), r.ColText(2), r.ColInt(3), r.ColInt(4)};
    });
  }

  // ---- assets ----
  Result<bool> CreateAsset(const Asset& a, const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool created = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep("INSERT INTO assets(" ASSET_COLS
                    ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING");
      if (!s.ok()) return s.status();
      s->Text(1, a.id).Text(2, a.holder).Text(3, a.kind).Text(4, a.status).Text(5, a.record_json);
      s->Text(6, JoinWords(a.proofs));
      if (a.expires_at)
        s->Int(7, *a.expires_at);
      else
        s->Null(7);
      s->Int(8, a.created_by).Int(9, a.created_at).Int(10, a.decided_by).Int(11, a.decided_at);
      s->Text(12, a.reason);
      if (Status d = Done(*s); !d.ok()) return d;
      created = sqlite3_changes(db_) > 0;
      return created ? AppendAudit(audit) : Status::Ok();
    });
    if (!st.ok()) return st;
    return created;
  }

  Result<std::optional<Asset>> GetAsset(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT " ASSET_COLS " FROM assets WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<Asset>(*s, ReadAsset);
  }

  Result<std::vector<Asset>> ListAssets(const AssetFilter& f) override {
    std::lock_guard lock(mu_);
    // Empty filter values match everything (`? = ''`), so one statement serves.
    auto s = Prep("SELECT " ASSET_COLS
                  " FROM assets WHERE (?1 = '' OR holder = ?1) AND (?2 = '' OR status = ?2) "
                  "ORDER BY created_at, id LIMIT ?3");
    if (!s.ok()) return s.status();
    s->Text(1, f.holder).Text(2, f.status).Int(3, static_cast<int64_t>(f.limit));
    return All<Asset>(*s, ReadAsset);
  }

  Result<bool> DecideAsset(std::string_view id, std::string_view status, int64_t by, Timestamp at,
                           std::string_view reason, const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool changed = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep(
          "UPDATE assets SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
          "WHERE id = ? AND status = 'pending'");
      if (!s.ok()) return s.status();
      s->Text(1, status).Int(2, by).Int(3, at).Text(4, reason).Text(5, id);
      if (Status d = Done(*s); !d.ok()) return d;
      changed = sqlite3_changes(db_) > 0;
      return changed ? AppendAudit(audit) : Status::Ok();
    });
    if (!st.ok()) return st;
    return changed;
  }

  Result<std::vector<Asset>> ActiveAssets(Timestamp now) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT " ASSET_COLS
                  " FROM assets WHERE status = 'approved' AND (expires_at IS NULL OR "
                  "expires_at > ?) ORDER BY id");
    if (!s.ok()) return s.status();
    s->Int(1, now);
    return All<Asset>(*s, ReadAsset);
  }

  // ---- complaints ----
  Result<FilingOutcome> FileComplaints(Filing& filing) override {
    std::lock_guard lock(mu_);
    FilingOutcome out;
    Status st = InTx([&]() -> Status {
      if (!filing.idempotency_key.empty()) {
        auto s = Prep(
            "SELECT request_hash, complaint_ids FROM idempotency WHERE user_id = ? AND key = ?");
        if (!s.ok()) return s.status();
        s->Int(1, filing.user).Text(2, filing.idempotency_key);
        int rc = s->Step();
        if (rc == SQLITE_ROW) {
          out.replayed = true;
          out.key_conflict = s->ColText(0) != filing.request_hash;
          for (const auto& w : SplitWords(s->ColText(1)))
            out.complaint_ids.push_back(std::stoll(w));
          return Status::Ok();
        }
        if (rc != SQLITE_DONE) return Error("idempotency lookup");
      }
      for (auto& c : filing.complaints) {
        auto s = Prep("INSERT INTO complaints(" COMPLAINT_COLS
                      ") VALUES(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!s.ok()) return s.status();
        s->Text(1, c.holder).Int(2, c.filed_by).Text(3, c.asset).Text(4, c.listing);
        s->Text(5, c.shop).Text(6, c.reason).Text(7, c.text).Text(8, JoinWords(c.evidence));
        s->Text(9, c.snapshot_json).Text(10, c.batch).Text(11, c.lane).Text(12, c.status);
        s->Real(13, c.score).Text(14, c.triage_json).Int(15, c.filed_at).Int(16, c.due_at);
        s->Int(17, c.decided_by).Int(18, c.decided_at).Text(19, c.decision_reason);
        s->Int(20, c.handling_ms).Text(21, c.source).Text(22, c.detector).Int(23, c.strong);
        s->Int(24, c.escalated_at);
        if (Status d = Done(*s); !d.ok()) return d;
        c.id = sqlite3_last_insert_rowid(db_);
        out.complaint_ids.push_back(c.id);
        Audit a{c.filed_by ? fmt::format("user:{}", c.filed_by) : std::string("system"),
                "complaint.file", fmt::format("complaint:{}", c.id), "",
                fmt::format(
                    R"({{"listing":"{}","asset":"{}","lane":"{}","status":"{}","source":"{}"}})",
                    c.listing, c.asset, c.lane, c.status, c.source)};
        if (Status r = AppendAudit(a); !r.ok()) return r;
        if (c.status == "upheld") {
          if (Status r = RemoveListing(c.listing); !r.ok()) return r;
        }
      }
      for (auto& n : filing.notifications) {
        const size_t index = static_cast<size_t>(n.complaint);
        n.complaint = index < filing.complaints.size() ? filing.complaints[index].id : 0;
        if (Status r = InsertNotification(n); !r.ok()) return r;
      }
      // Fast-lane removals are upheld complaints: each writes a strike.
      for (size_t i = 0; i < filing.complaints.size(); ++i) {
        const Complaint& c = filing.complaints[i];
        if (c.status != "upheld") continue;
        Strike strike{0,          c.shop,   0,
                      c.id,       c.reason, i < filing.malicious.size() && filing.malicious[i],
                      c.filed_at, false};
        if (Status r = RecordStrike(strike, filing.planner, "system"); !r.ok()) return r;
      }
      if (!filing.idempotency_key.empty()) {
        std::vector<std::string> ids;
        for (int64_t id : out.complaint_ids) ids.push_back(std::to_string(id));
        auto s = Prep(
            "INSERT INTO idempotency(user_id, key, request_hash, complaint_ids, created_at) "
            "VALUES(?,?,?,?,?)");
        if (!s.ok()) return s.status();
        s->Int(1, filing.user).Text(2, filing.idempotency_key).Text(3, filing.request_hash);
        s->Text(4, JoinWords(ids)).Int(5, NowMs());
        if (Status d = Done(*s); !d.ok()) return d;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::optional<Complaint>> GetComplaint(int64_t id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT " COMPLAINT_COLS " FROM complaints WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Int(1, id);
    return One<Complaint>(*s, ReadComplaint);
  }

  Result<std::vector<Complaint>> ListComplaints(const ComplaintFilter& f) override {
    std::lock_guard lock(mu_);
    const int64_t limit = static_cast<int64_t>(f.limit);
    if (f.shop_owner != 0) {
      auto s = Prep("SELECT " COMPLAINT_COLS
                    " FROM complaints WHERE shop IN (SELECT id FROM shops WHERE owner = ?1) AND "
                    "(?2 = '' OR status = ?2) AND id > ?3 ORDER BY id LIMIT ?4");
      if (!s.ok()) return s.status();
      s->Int(1, f.shop_owner).Text(2, f.status).Int(3, f.after).Int(4, limit);
      return All<Complaint>(*s, ReadComplaint);
    }
    if (f.by_due && f.status == "queue" && f.holder.empty()) {
      // The WHERE clause matches the partial index complaints_queue exactly.
      auto s = Prep("SELECT " COMPLAINT_COLS
                    " FROM complaints WHERE status IN ('in_review', 'countered') "
                    "ORDER BY due_at, id LIMIT ?1");
      if (!s.ok()) return s.status();
      s->Int(1, limit);
      return All<Complaint>(*s, ReadComplaint);
    }
    if (f.by_due) {
      auto s = Prep("SELECT " COMPLAINT_COLS
                    " FROM complaints WHERE (status = ?1 OR (?1 = 'queue' AND status IN "
                    "('in_review', 'countered'))) AND (?2 = '' OR holder = ?2) "
                    "ORDER BY due_at, id LIMIT ?3");
      if (!s.ok()) return s.status();
      s->Text(1, f.status).Text(2, f.holder).Int(3, limit);
      return All<Complaint>(*s, ReadComplaint);
    }
    if (!f.holder.empty()) {
      auto s = Prep("SELECT " COMPLAINT_COLS
                    " FROM complaints WHERE holder = ?1 AND (?2 = '' OR status = ?2) AND id > ?3 "
                    "ORDER BY id LIMIT ?4");
      if (!s.ok()) return s.status();
      s->Text(1, f.holder).Text(2, f.status).Int(3, f.after).Int(4, limit);
      return All<Complaint>(*s, ReadComplaint);
    }
    auto s = Prep("SELECT " COMPLAINT_COLS
                  " FROM complaints WHERE (?1 = '' OR status = ?1) AND id > ?2 ORDER BY id "
                  "LIMIT ?3");
    if (!s.ok()) return s.status();
    s->Text(1, f.status).Int(2, f.after).Int(3, limit);
    return All<Complaint>(*s, ReadComplaint);
  }

  Result<bool> DecideComplaint(const Decision& d, const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool changed = false;
    Status st = InTx([&]() -> Status {
      std::string listing;
      {
        auto s = Prep("SELECT listing FROM complaints WHERE id = ? AND status = ?");
        if (!s.ok()) return s.status();
        s->Int(1, d.complaint).Text(2, d.from_status);
        int rc = s->Step();
        if (rc == SQLITE_DONE) return Status::Ok();
        if (rc != SQLITE_ROW) return Error("read complaint");
        listing = s->ColText(0);
      }
      auto s = Prep(
          "UPDATE complaints SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? "
          "WHERE id = ?");
      if (!s.ok()) return s.status();
      s->Text(1, d.to_status).Int(2, d.by).Int(3, d.at).Text(4, d.reason).Int(5, d.complaint);
      if (Status r = Done(*s); !r.ok()) return r;
      if (d.remove_listing) {
        if (Status r = RemoveListing(listing); !r.ok()) return r;
      }
      if (d.restore_listing) {
        auto r = Prep("UPDATE listings SET status = 'active' WHERE id = ?");
        if (!r.ok()) return r.status();
        r->Text(1, listing);
        if (Status st = Done(*r); !st.ok()) return st;
      }
      if (d.handling_ms >= 0) {
        auto r = Prep("UPDATE complaints SET handling_ms = ? WHERE id = ?");
        if (!r.ok()) return r.status();
        r->Int(1, d.handling_ms).Int(2, d.complaint);
        if (Status st = Done(*r); !st.ok()) return st;
      }
      changed = true;
      if (Status r = NotifyAndAudit(d.complaint, d.notifications, audit); !r.ok()) return r;
      if (d.void_strikes) {
        auto v = Prep("UPDATE strikes SET voided = 1 WHERE complaint = ? AND voided = 0");
        if (!v.ok()) return v.status();
        v->Int(1, d.complaint);
        if (Status r = Done(*v); !r.ok()) return r;
        if (sqlite3_changes(db_) > 0) {
          Audit va{audit.actor, "strike.void", fmt::format("complaint:{}", d.complaint), "", ""};
          if (Status r = AppendAudit(va); !r.ok()) return r;
        }
      }
      if (d.strike) {
        Strike strike = *d.strike;
        strike.complaint = d.complaint;
        if (Status r = RecordStrike(strike, d.planner, audit.actor); !r.ok()) return r;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return changed;
  }

  Result<bool> AddCounterNote(const CounterNote& n, std::string_view from_status,
                              std::string_view to_status,
                              const std::vector<Notification>& notifications,
                              const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool changed = false;
    Status st = InTx([&]() -> Status {
      auto u = Prep("UPDATE complaints SET status = ? WHERE id = ? AND status = ?");
      if (!u.ok()) return u.status();
      u->Text(1, to_status).Int(2, n.complaint).Text(3, from_status);
      if (Status d = Done(*u); !d.ok()) return d;
      if (sqlite3_changes(db_) == 0) return Status::Ok();
      auto s = Prep(
          "INSERT INTO counter_notes(complaint, side, by_user, text, evidence, at) "
          "VALUES(?,?,?,?,?,?)");
      if (!s.ok()) return s.status();
      s->Int(1, n.complaint).Text(2, n.side).Int(3, n.by).Text(4, n.text);
      s->Text(5, JoinWords(n.evidence)).Int(6, n.at);
      if (Status d = Done(*s); !d.ok()) return d;
      changed = true;
      return NotifyAndAudit(n.complaint, notifications, audit);
    });
    if (!st.ok()) return st;
    return changed;
  }

  Result<std::vector<CounterNote>> CounterNotes(int64_t complaint) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT id, complaint, side, by_user, text, evidence, at FROM counter_notes "
        "WHERE complaint = ? ORDER BY id");
    if (!s.ok()) return s.status();
    s->Int(1, complaint);
    return All<CounterNote>(*s, [](const Stmt& r) {
      return CounterNote{r.ColInt(0), r.ColInt(1),  r.ColText(2),
                         r.ColInt(3), r.ColText(4), SplitWords(r.ColText(5)),
                         r.ColInt(6)};
    });
  }

  // ---- strikes and penalties ----
  static Strike ReadStrike(const Stmt& r) {
    return Strike{r.ColInt(0),  r.ColText(1),     r.ColInt(2), r.ColInt(3),
                  r.ColText(4), r.ColInt(5) != 0, r.ColInt(6), r.ColInt(7) != 0};
  }
#define STRIKE_COLS "id, shop, account, complaint, reason, malicious, at, voided"

  Result<std::vector<Strike>> Strikes(std::string_view shop, int64_t account) override {
    std::lock_guard lock(mu_);
    return StrikesLocked(shop, account, true);
  }

  Result<std::vector<Penalty>> Penalties(const PenaltyFilter& f) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT id, shop, account, complaint, strike, action, scope, points, policy, shadow, "
        "text, at FROM penalties WHERE (?1 = '' OR shop = ?1) AND (?2 = 0 OR account = ?2) AND "
        "(?3 < 0 OR shadow = ?3) AND id > ?4 ORDER BY id LIMIT ?5");
    if (!s.ok()) return s.status();
    s->Text(1, f.shop).Int(2, f.account).Int(3, f.shadow).Int(4, f.after);
    s->Int(5, static_cast<int64_t>(f.limit));
    return All<Penalty>(*s, [](const Stmt& r) {
      Penalty p;
      p.id = r.ColInt(0);
      p.shop = r.ColText(1);
      p.account = r.ColInt(2);
      p.complaint = r.ColInt(3);
      p.strike = r.ColInt(4);
      p.action = r.ColText(5);
      p.scope = r.ColText(6);
      p.points = r.ColReal(7);
      p.policy = r.ColText(8);
      p.shadow = r.ColInt(9) != 0;
      p.text = r.ColText(10);
      p.at = r.ColInt(11);
      return p;
    });
  }

  Result<HolderOutcome> HolderOutcomes(std::string_view holder) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT coalesce(sum(n) FILTER (WHERE dim = 'holder_decided'), 0), "
        "coalesce(sum(n) FILTER (WHERE dim = 'holder_rejected'), 0) FROM stat_counts "
        "WHERE dim IN ('holder_decided', 'holder_rejected') AND key = ?");
    if (!s.ok()) return s.status();
    s->Text(1, holder);
    if (s->Step() != SQLITE_ROW) return Error("holder outcomes");
    return HolderOutcome{s->ColInt(0), s->ColInt(1)};
  }

  Result<int64_t> OpenProactive(std::string_view listing, std::string_view asset) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT count(*) FROM complaints WHERE listing = ? AND asset = ? AND source = "
        "'proactive' AND status IN ('in_review', 'upheld', 'countered')");
    if (!s.ok()) return s.status();
    s->Text(1, listing).Text(2, asset);
    if (s->Step() != SQLITE_ROW) return Error("open proactive");
    return s->ColInt(0);
  }

  // ---- gangs ----
  Result<int64_t> PutGangMembers(const std::vector<GangMember>& members,
                                 const Audit& audit) override {
    std::lock_guard lock(mu_);
    int64_t added = 0;
    Status st = InTx([&]() -> Status {
      for (const auto& m : members) {
        auto e = Prep("SELECT 1 FROM gang_members WHERE gang = ? AND member = ?");
        if (!e.ok()) return e.status();
        e->Text(1, m.gang).Text(2, m.member);
        if (e->Step() != SQLITE_ROW) ++added;
        auto s = Prep(
            "INSERT INTO gang_members(gang, member, score, action, seeded, finding, updated_at) "
            "VALUES(?,?,?,?,?,?,?) ON CONFLICT(gang, member) DO UPDATE SET score = "
            "excluded.score, action = excluded.action, seeded = excluded.seeded, finding = "
            "excluded.finding, updated_at = excluded.updated_at");
        if (!s.ok()) return s.status();
        s->Text(1, m.gang).Text(2, m.member).Real(3, m.score).Text(4, m.action);
        s->Int(5, m.seeded).Text(6, m.finding_json).Int(7, m.updated_at);
        if (Status d = Done(*s); !d.ok()) return d;
      }
      return AppendAudit(audit);
    });
    if (!st.ok()) return st;
    return added;
  }

  static GangMember ReadGangMember(const Stmt& s) {
    return GangMember{s.ColText(0),     s.ColText(1), s.ColReal(2), s.ColText(3),
                      s.ColInt(4) != 0, s.ColText(5), s.ColInt(6)};
  }

  Result<std::vector<GangMember>> GangsOf(std::string_view member) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT gang, member, score, action, seeded, finding, updated_at FROM gang_members "
        "WHERE member = ? ORDER BY score DESC, gang");
    if (!s.ok()) return s.status();
    s->Text(1, member);
    return All<GangMember>(*s, ReadGangMember);
  }

  Result<std::vector<GangSummary>> TopGangs(size_t limit) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT g.gang, count(*), count(sh.id), max(g.seeded), max(g.score) FROM gang_members g "
        "LEFT JOIN shops sh ON sh.id = g.member GROUP BY g.gang "
        "ORDER BY max(g.seeded) DESC, count(*) DESC, max(g.score) DESC, g.gang LIMIT ?");
    if (!s.ok()) return s.status();
    s->Int(1, static_cast<int64_t>(limit));
    return All<GangSummary>(*s, [](const Stmt& r) {
      return GangSummary{r.ColText(0), r.ColInt(1), r.ColInt(2), r.ColInt(3) != 0, r.ColReal(4)};
    });
  }

  // ---- overdue escalation ----
  Result<std::vector<Complaint>> OverdueUnescalated(Timestamp now, size_t limit) override {
    std::lock_guard lock(mu_);
    // Matches the partial index complaints_overdue.
    auto s = Prep("SELECT " COMPLAINT_COLS
                  " FROM complaints WHERE status = 'in_review' AND escalated_at = 0 AND "
                  "due_at < ? ORDER BY due_at, id LIMIT ?");
    if (!s.ok()) return s.status();
    s->Int(1, now).Int(2, static_cast<int64_t>(limit));
    return All<Complaint>(*s, ReadComplaint);
  }

  Result<bool> MarkEscalated(int64_t complaint, Timestamp at,
                             const std::vector<Notification>& notifications,
                             const Audit& audit) override {
    std::lock_guard lock(mu_);
    bool changed = false;
    Status st = InTx([&]() -> Status {
      auto s = Prep(
          "UPDATE complaints SET escalated_at = ? WHERE id = ? AND escalated_at = 0 AND "
          "status = 'in_review'");
      if (!s.ok()) return s.status();
      s->Int(1, at).Int(2, complaint);
      if (Status d = Done(*s); !d.ok()) return d;
      if (sqlite3_changes(db_) == 0) return Status::Ok();
      changed = true;
      return NotifyAndAudit(complaint, notifications, audit);
    });
    if (!st.ok()) return st;
    return changed;
  }

  Result<std::vector<User>> UsersWithRole(Role role) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT id, name, role, password_hash, holder, created_at FROM users WHERE role = ? "
        "ORDER BY id");
    if (!s.ok()) return s.status();
    s->Text(1, RoleName(role));
    return All<User>(*s, ReadUser);
  }

  // Statistics from the counters the triggers of migration 5 maintain: a few
  // hundred rows read, whatever the number of complaints.
  Result<ComplaintStats> Stats(Timestamp now, double) override {
    std::lock_guard lock(mu_);
    ComplaintStats out;
    auto s = Prep("SELECT dim, key, n FROM stat_counts WHERE dim = ?1 AND n != 0");
    if (!s.ok()) return s.status();
    auto dim = [&](const char* name) -> Result<std::vector<CountRow>> {
      s->Reset();
      s->Text(1, name);
      auto rows = All<CountRow>(*s, [](const Stmt& q) {
        return CountRow{q.ColText(1), q.ColInt(2)};
      });
      return rows;
    };
    auto by_count = [](std::vector<CountRow>& rows) {
      std::stable_sort(rows.begin(), rows.end(),
                       [](const CountRow& a, const CountRow& b) { return a.count > b.count; });
    };
    auto one = [&](const char* name) -> Result<int64_t> {
      auto rows = dim(name);
      if (!rows.ok()) return rows.status();
      int64_t n = 0;
      for (const auto& r : *rows) n += r.count;
      return n;
    };
    auto load = [&](const char* name, std::vector<CountRow>& rows) -> Status {
      auto r = dim(name);
      if (!r.ok()) return r.status();
      rows = std::move(r).value();
      by_count(rows);
      return Status::Ok();
    };
    for (auto [name, rows] :
         {std::pair{"status", &out.by_status}, std::pair{"reason", &out.by_reason},
          std::pair{"lane", &out.by_lane}, std::pair{"holder", &out.by_holder},
          std::pair{"source", &out.by_source}}) {
      if (Status st = load(name, *rows); !st.ok()) return st;
    }
    if (out.by_holder.size() > 20) out.by_holder.resize(20);
    for (auto [name, field] : {std::pair{"total", &out.total}, std::pair{"decided", &out.decided},
                               std::pair{"on_time", &out.decided_on_time}}) {
      auto n = one(name);
      if (!n.ok()) return n.status();
      *field = *n;
    }
    {
      auto rows = dim("strong");
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) {
        if (r.key == "confirmed") out.strong_confirmed = r.count;
        if (r.key == "overturned") out.strong_overturned = r.count;
      }
    }
    {
      std::vector<CountRow> confirmed, overturned;
      if (Status st = load("det_confirmed", confirmed); !st.ok()) return st;
      if (Status st = load("det_overturned", overturned); !st.ok()) return st;
      std::map<std::string, DetectorOutcome> by;
      for (const auto& r : confirmed) by[r.key].confirmed = r.count;
      for (const auto& r : overturned) by[r.key].overturned = r.count;
      for (auto& [name, o] : by) {
        o.detector = name;
        out.detectors.push_back(o);
      }
      if (Status st = load("src_confirmed", out.source_confirmed); !st.ok()) return st;
      if (Status st = load("src_overturned", out.source_overturned); !st.ok()) return st;
    }
    {
      // Percentiles from the 10-minute handling histogram (keys sort as numbers).
      auto rows = dim("handling");
      if (!rows.ok()) return rows.status();
      std::vector<CountRow> hist = std::move(rows).value();
      std::sort(hist.begin(), hist.end(),
                [](const CountRow& a, const CountRow& b) { return a.key < b.key; });
      int64_t total = 0;
      for (const auto& h : hist) total += h.count;
      for (auto [q, field] :
           {std::pair{0.5, &out.median_handling_ms}, std::pair{0.9, &out.p90_handling_ms}}) {
        if (total == 0) break;
        // The bucket holding the k-th smallest value (k = ceil(q * n)); its midpoint.
        const int64_t k = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q * total)));
        int64_t seen = 0;
        for (const auto& h : hist) {
          seen += h.count;
          if (seen >= k) {
            *field = std::stoll(h.key) * 600000 + 300000;
            break;
          }
        }
      }
    }
    {
      auto q = Prep("SELECT count(*) FROM complaints WHERE status = 'in_review' AND due_at < ?");
      if (!q.ok()) return q.status();
      q->Int(1, now);
      if (q->Step() != SQLITE_ROW) return Error("stats");
      out.open_overdue = q->ColInt(0);
    }
    {
      auto rows = dim("listing_status");
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) {
        if (r.key == "removed") out.listings_removed = r.count;
      }
      auto shops = dim("shop_upheld");
      if (!shops.ok()) return shops.status();
      for (const auto& r : *shops) out.shops_penalized += r.count > 0;
    }
    {
      for (auto [name, field] : {std::pair{"strike_shop", &out.shops_struck},
                                 std::pair{"strike_account", &out.accounts_struck}}) {
        auto rows = dim(name);
        if (!rows.ok()) return rows.status();
        for (const auto& r : *rows) *field += r.count > 0;
      }
      if (Status st = load("penalty", out.penalties_by_action); !st.ok()) return st;
      if (Status st = load("penalty_shadow", out.shadow_penalties_by_action); !st.ok()) return st;
    }
    {
      auto filed = dim("day_filed");
      auto upheld = dim("day_upheld");
      if (!filed.ok()) return filed.status();
      if (!upheld.ok()) return upheld.status();
      const std::string since = DayOf(now - 30LL * 86400000);
      std::map<std::string, DailyRow> days;
      for (const auto& r : *filed) {
        if (r.key >= since) days[r.key].filed = r.count;
      }
      for (const auto& r : *upheld) {
        if (r.key >= since) days[r.key].upheld = r.count;
      }
      for (auto& [day, row] : days) {
        row.day = day;
        out.daily.push_back(row);
      }
    }
    return out;
  }

  Result<std::vector<Notification>> NotificationsFor(int64_t user, int64_t after,
                                                     size_t limit) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT id, user_id, complaint, kind, text, at FROM notifications WHERE user_id = ? AND "
        "id > ? ORDER BY id LIMIT ?");
    if (!s.ok()) return s.status();
    s->Int(1, user).Int(2, after).Int(3, static_cast<int64_t>(limit));
    return All<Notification>(*s, [](const Stmt& r) {
      return Notification{r.ColInt(0),  r.ColInt(1),  r.ColInt(2),
                          r.ColText(3), r.ColText(4), r.ColInt(5)};
    });
  }

  Result<std::vector<AuditEntry>> ReadAudit(int64_t after, size_t limit) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT seq, at, actor, action, object, before, after, prev_hash, hash FROM audit "
        "WHERE seq > ? ORDER BY seq LIMIT ?");
    if (!s.ok()) return s.status();
    s->Int(1, after).Int(2, static_cast<int64_t>(limit));
    return All<AuditEntry>(*s, [](const Stmt& r) {
      return AuditEntry{r.ColInt(0),  r.ColInt(1),  r.ColText(2), r.ColText(3), r.ColText(4),
                        r.ColText(5), r.ColText(6), r.ColText(7), r.ColText(8)};
    });
  }

 private:
  Status Error(std::string_view what) {
    return Status::Error(fmt::format("database: {}: {}", what, sqlite3_errmsg(db_)));
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return Status::Error(fmt::format("database: {}", msg));
    }
    return Status::Ok();
  }

  // The cached prepared statement for a SQL literal.
  Result<std::unique_ptr<Stmt>> PrepPtr(const char* sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
          SQLITE_OK) {
        return Error(fmt::format("prepare \"{}\"", sql));
      }
      it = cache_.emplace(sql, stmt).first;
    }
    return std::make_unique<Stmt>(it->second);
  }
  struct Prepared {
    std::unique_ptr<Stmt> stmt;
    Status error;
    bool ok() const { return stmt != nullptr; }
    Status status() const { return error; }
    Stmt* operator->() { return stmt.get(); }
    Stmt& operator*() { return *stmt; }
  };
  Prepared Prep(const char* sql) {
    auto r = PrepPtr(sql);
    if (!r.ok()) return Prepared{nullptr, r.status()};
    return Prepared{std::move(r).value(), Status::Ok()};
  }

  Status Done(Stmt& s) {
    int rc = s.Step();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error("write");
  }

  template <typename T, typename F>
  Result<std::optional<T>> One(Stmt& s, F read) {
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<T>(read(s));
    if (rc == SQLITE_DONE) return std::optional<T>();
    return Error("read");
  }
  template <typename T, typename F>
  Result<std::vector<T>> All(Stmt& s, F read) {
    std::vector<T> out;
    for (;;) {
      int rc = s.Step();
      if (rc == SQLITE_ROW) {
        out.push_back(read(s));
        continue;
      }
      if (rc == SQLITE_DONE) return out;
      return Error("read");
    }
  }

  // Runs `body` in one transaction: committed when it returns OK, else rolled back.
  Status InTx(const std::function<Status()>& body) {
    if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
    Status st = body();
    if (st.ok()) st = Exec("COMMIT");
    if (!st.ok()) Exec("ROLLBACK");
    return st;
  }

  Status RemoveListing(const std::string& id) {
    auto s = Prep("UPDATE listings SET status = 'removed' WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return Done(*s);
  }

  // The tail of a complaint's state change, inside its transaction: the
  // notifications it sends (each about `complaint`), then its audit entry.
  Status NotifyAndAudit(int64_t complaint, const std::vector<Notification>& notifications,
                        const Audit& audit) {
    for (Notification n : notifications) {
      n.complaint = complaint;
      if (Status r = InsertNotification(n); !r.ok()) return r;
    }
    return AppendAudit(audit);
  }

  Status InsertNotification(const Notification& n) {
    auto s =
        Prep("INSERT INTO notifications(user_id, complaint, kind, text, at) VALUES(?,?,?,?,?)");
    if (!s.ok()) return s.status();
    s->Int(1, n.user).Int(2, n.complaint).Text(3, n.kind).Text(4, n.text).Int(5, n.at);
    return Done(*s);
  }

  // YYYY-MM-DD of a time in Beijing time (UTC+8), as the counters key days.
  static std::string DayOf(Timestamp t) {
    const int64_t days = (t + 28800000) / 86400000;
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
    int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
  }

  Result<std::vector<Strike>> StrikesLocked(std::string_view shop, int64_t account,
                                            bool with_voided) {
    if (!shop.empty()) {
      auto s = Prep("SELECT " STRIKE_COLS
                    " FROM strikes WHERE shop = ?1 AND (?2 OR voided = 0) ORDER BY id DESC");
      if (!s.ok()) return s.status();
      s->Text(1, shop).Int(2, with_voided);
      return All<Strike>(*s, ReadStrike);
    }
    auto s = Prep("SELECT " STRIKE_COLS
                  " FROM strikes WHERE account = ?1 AND (?2 OR voided = 0) ORDER BY id DESC");
    if (!s.ok()) return s.status();
    s->Int(1, account).Int(2, with_voided);
    return All<Strike>(*s, ReadStrike);
  }

  // Writes a strike and the penalties `planner` decides for it, enforcing
  // the live ones; call inside a transaction.
  Status RecordStrike(Strike strike, const PenaltyPlanner& planner, const std::string& actor) {
    {
      auto s = Prep("SELECT owner FROM shops WHERE id = ?");
      if (!s.ok()) return s.status();
      s->Text(1, strike.shop);
      strike.account = s->Step() == SQLITE_ROW ? s->ColInt(0) : 0;
    }
    {
      auto s = Prep(
          "INSERT INTO strikes(shop, account, complaint, reason, malicious, at, voided) "
          "VALUES(?,?,?,?,?,?,0)");
      if (!s.ok()) return s.status();
      s->Text(1, strike.shop).Int(2, strike.account).Int(3, strike.complaint);
      s->Text(4, strike.reason).Int(5, strike.malicious).Int(6, strike.at);
      if (Status d = Done(*s); !d.ok()) return d;
      strike.id = sqlite3_last_insert_rowid(db_);
    }
    Audit a{actor, "strike.record", "shop:" + strike.shop, "",
            fmt::format(R"({{"strike":{},"complaint":{},"account":{},"malicious":{}}})", strike.id,
                        strike.complaint, strike.account, strike.malicious)};
    if (Status r = AppendAudit(a); !r.ok()) return r;
    if (!planner) return Status::Ok();
    auto shop_strikes = StrikesLocked(strike.shop, 0, false);
    if (!shop_strikes.ok()) return shop_strikes.status();
    std::vector<Strike> account_strikes;
    if (strike.account != 0) {
      auto acc = StrikesLocked("", strike.account, false);
      if (!acc.ok()) return acc.status();
      account_strikes = std::move(acc).value();
    }
    for (Penalty p : planner(strike, *shop_strikes, account_strikes)) {
      p.shop = strike.shop;
      p.account = strike.account;
      p.complaint = strike.complaint;
      p.strike = strike.id;
      auto s = Prep(
          "INSERT INTO penalties(shop, account, complaint, strike, action, scope, points, policy, "
          "shadow, text, at) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
      if (!s.ok()) return s.status();
      s->Text(1, p.shop).Int(2, p.account).Int(3, p.complaint).Int(4, p.strike);
      s->Text(5, p.action).Text(6, p.scope).Real(7, p.points).Text(8, p.policy);
      s->Int(9, p.shadow).Text(10, p.text).Int(11, p.at);
      if (Status d = Done(*s); !d.ok()) return d;
      const int64_t pid = sqlite3_last_insert_rowid(db_);
      if (!p.shadow) {
        if (Status r = Enforce(p); !r.ok()) return r;
        if (p.account != 0 && !p.text.empty()) {
          if (Status r = InsertNotification(
                  {0, p.account, p.complaint, "penalty_" + p.action, p.text, p.at});
              !r.ok())
            return r;
        }
      }
      Audit pa{
          actor, p.shadow ? "penalty.shadow" : "penalty.apply", fmt::format("penalty:{}", pid), "",
          fmt::format(
              R"({{"shop":{},"account":{},"action":"{}","scope":"{}","points":{},"policy":{}}})",
              json::Value(p.shop).Dump(), p.account, p.action, p.scope, p.points,
              json::Value(p.policy).Dump())};
      if (Status r = AppendAudit(pa); !r.ok()) return r;
    }
    return Status::Ok();
  }

  // Carries out a live penalty on the shop, or on every shop of the account.
  // remove_listings removes the shop's listings under complaint that a
  // detector flagged for the complained-about right; escalation is
  // cumulative: restrict does that too, close removes every listing.
  Status Enforce(const Penalty& p) {
    std::vector<std::string> shops = {p.shop};
    if (p.scope == "account" && p.account != 0) {
      auto s = Prep("SELECT id FROM shops WHERE owner = ? ORDER BY id");
      if (!s.ok()) return s.status();
      s->Int(1, p.account);
      auto ids = All<std::string>(*s, [](const Stmt& r) { return r.ColText(0); });
      if (!ids.ok()) return ids.status();
      shops = std::move(ids).value();
    }
    for (const auto& shop : shops) {
      if (p.action == "remove_listings" || p.action == "restrict") {
        auto s = Prep(
            "UPDATE listings SET status = 'removed' WHERE shop = ?1 AND status = 'active' AND id "
            "IN (SELECT listing FROM complaints WHERE shop = ?1 AND detector != '' AND status IN "
            "('in_review', 'upheld', 'countered', 'closed_upheld'))");
        if (!s.ok()) return s.status();
        s->Text(1, shop);
        if (Status d = Done(*s); !d.ok()) return d;
      }
      if (p.action == "restrict") {
        auto s = Prep("UPDATE shops SET status = 'restricted' WHERE id = ? AND status = 'active'");
        if (!s.ok()) return s.status();
        s->Text(1, shop);
        if (Status d = Done(*s); !d.ok()) return d;
      }
      if (p.action == "close") {
        auto s = Prep("UPDATE shops SET status = 'closed' WHERE id = ?");
        if (!s.ok()) return s.status();
        s->Text(1, shop);
        if (Status d = Done(*s); !d.ok()) return d;
        auto l =
            Prep("UPDATE listings SET status = 'removed' WHERE shop = ? AND status = 'active'");
        if (!l.ok()) return l.status();
        l->Text(1, shop);
        if (Status d = Done(*l); !d.ok()) return d;
      }
    }
    return Status::Ok();
  }

  // Appends one entry to the hash chain; call inside a transaction.
  Status AppendAudit(const Audit& a) {
    AuditEntry e;
    e.actor = a.actor;
    e.action = a.action;
    e.object = a.object;
    e.before = a.before;
    e.after = a.after;
    e.at = NowMs();
    e.prev_hash = std::string(kAuditGenesis);
    {
      auto s = Prep("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
      if (!s.ok()) return s.status();
      int rc = s->Step();
      if (rc == SQLITE_ROW) {
        e.seq = s->ColInt(0);
        e.prev_hash = s->ColText(1);
      } else if (rc != SQLITE_DONE) {
        return Error("read audit tail");
      }
    }
    e.seq += 1;
    e.hash = AuditHash(e);
    auto s = Prep(
        "INSERT INTO audit(seq, at, actor, action, object, before, after, prev_hash, hash) "
        "VALUES(?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return s.status();
    s->Int(1, e.seq).Int(2, e.at).Text(3, e.actor).Text(4, e.action).Text(5, e.object);
    s->Text(6, e.before).Text(7, e.after).Text(8, e.prev_hash).Text(9, e.hash);
    return Done(*s);
  }

  sqlite3* db_;
  std::mutex mu_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace

int SqliteSchemaVersion() { return kSchemaVersion; }

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Error(fmt::format("cannot open database {}: {}", path, msg));
  }
  auto store = std::make_unique<SqliteStore>(db);
  if (Status st = store->Configure(); !st.ok()) {
    return Status::Error(fmt::format("database {}: {}", path, st.message()));
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ipguard::store
