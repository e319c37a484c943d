#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

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
const char* const kMigrations[] = {
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
constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

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
  "status, score, triage, filed_at, due_at, decided_by, decided_at, decision_reason, handling_ms"
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
      Status st = InTx([&] { return Exec(kMigrations[v]); });
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

  Result<std::optional<User>> UserForToken(std::string_view token_hash) override {
    std::lock_guard lock(mu_);
    auto s = Prep(
        "SELECT u.id, u.name, u.role, u.password_hash, u.holder, u.created_at FROM tokens t "
        "JOIN users u ON u.id = t.user_id WHERE t.hash = ?");
    if (!s.ok()) return s.status();
    s->Text(1, token_hash);
    return One<User>(*s, ReadUser);
  }

  // ---- holders ----
  Status PutHolder(const Holder& h, const Audit& audit) override {
    std::lock_guard lock(mu_);
    return InTx([&]() -> Status {
      auto s = Prep(
          "INSERT INTO holders(id, name, verified, trusted) VALUES(?,?,?,?) ON CONFLICT(id) DO "
          "UPDATE SET name = excluded.name, verified = excluded.verified, trusted = "
          "excluded.trusted");
      if (!s.ok()) return s.status();
      s->Text(1, h.id).Text(2, h.name).Int(3, h.verified).Int(4, h.trusted);
      if (Status d = Done(*s); !d.ok()) return d;
      return AppendAudit(audit);
    });
  }

  static Holder ReadHolder(const Stmt& s) {
    return Holder{s.ColText(0), s.ColText(1), s.ColInt(2) != 0, s.ColInt(3) != 0};
  }

  Result<std::optional<Holder>> GetHolder(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, verified, trusted FROM holders WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<Holder>(*s, ReadHolder);
  }

  Result<std::vector<Holder>> ListHolders() override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, verified, trusted FROM holders ORDER BY id");
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
    return ShopRow{s.ColText(0), s.ColText(1), s.ColInt(2)};
  }

  Result<std::optional<ShopRow>> GetShop(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, owner FROM shops WHERE id = ?");
    if (!s.ok()) return s.status();
    s->Text(1, id);
    return One<ShopRow>(*s, ReadShop);
  }

  Result<std::vector<ShopRow>> ShopsOf(int64_t owner) override {
    std::lock_guard lock(mu_);
    auto s = Prep("SELECT id, name, owner FROM shops WHERE owner = ? ORDER BY id");
    if (!s.ok()) return s.status();
    s->Int(1, owner);
    return All<ShopRow>(*s, ReadShop);
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
                      ") VALUES(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!s.ok()) return s.status();
        s->Text(1, c.holder).Int(2, c.filed_by).Text(3, c.asset).Text(4, c.listing);
        s->Text(5, c.shop).Text(6, c.reason).Text(7, c.text).Text(8, JoinWords(c.evidence));
        s->Text(9, c.snapshot_json).Text(10, c.batch).Text(11, c.lane).Text(12, c.status);
        s->Real(13, c.score).Text(14, c.triage_json).Int(15, c.filed_at).Int(16, c.due_at);
        s->Int(17, c.decided_by).Int(18, c.decided_at).Text(19, c.decision_reason);
        s->Int(20, c.handling_ms);
        if (Status d = Done(*s); !d.ok()) return d;
        c.id = sqlite3_last_insert_rowid(db_);
        out.complaint_ids.push_back(c.id);
        if (c.status == "upheld") {
          if (Status r = RemoveListing(c.listing); !r.ok()) return r;
        }
        Audit a{fmt::format("user:{}", c.filed_by), "complaint.file",
                fmt::format("complaint:{}", c.id), "",
                fmt::format(R"({{"listing":"{}","asset":"{}","lane":"{}","status":"{}"}})",
                            c.listing, c.asset, c.lane, c.status)};
        if (Status r = AppendAudit(a); !r.ok()) return r;
      }
      for (auto& n : filing.notifications) {
        const size_t index = static_cast<size_t>(n.complaint);
        n.complaint = index < filing.complaints.size() ? filing.complaints[index].id : 0;
        if (Status r = InsertNotification(n); !r.ok()) return r;
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
      for (Notification n : d.notifications) {
        n.complaint = d.complaint;
        if (Status r = InsertNotification(n); !r.ok()) return r;
      }
      changed = true;
      return AppendAudit(audit);
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
      for (Notification note : notifications) {
        note.complaint = n.complaint;
        if (Status r = InsertNotification(note); !r.ok()) return r;
      }
      changed = true;
      return AppendAudit(audit);
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

  Result<ComplaintStats> Stats(Timestamp now, double strong_score) override {
    std::lock_guard lock(mu_);
    ComplaintStats out;
    auto counts = [&](const char* sql, std::vector<CountRow>& rows) -> Status {
      auto s = Prep(sql);
      if (!s.ok()) return s.status();
      auto r = All<CountRow>(*s, [](const Stmt& q) { return CountRow{q.ColText(0), q.ColInt(1)}; });
      if (!r.ok()) return r.status();
      rows = std::move(r).value();
      return Status::Ok();
    };
    for (auto [sql, rows] :
         {std::pair{"SELECT status, count(*) FROM complaints GROUP BY status ORDER BY 2 DESC",
                    &out.by_status},
          std::pair{"SELECT reason, count(*) FROM complaints GROUP BY reason ORDER BY 2 DESC",
                    &out.by_reason},
          std::pair{"SELECT lane, count(*) FROM complaints GROUP BY lane ORDER BY 2 DESC",
                    &out.by_lane},
          std::pair{
              "SELECT holder, count(*) FROM complaints GROUP BY holder ORDER BY 2 DESC LIMIT 20",
              &out.by_holder}}) {
      if (Status st = counts(sql, *rows); !st.ok()) return st;
    }
    for (const auto& row : out.by_status) out.total += row.count;
    {
      auto s = Prep(
          "SELECT count(*), coalesce(sum(decided_at <= due_at), 0), "
          "coalesce(sum(score >= ?1 AND status IN ('upheld', 'closed_upheld', 'countered') AND "
          "decided_by != 0), 0), "
          "coalesce(sum(score >= ?1 AND status IN ('rejected', 'closed_reinstated') AND decided_by "
          "!= 0), 0) "
          "FROM complaints WHERE decided_at > 0");
      if (!s.ok()) return s.status();
      s->Real(1, strong_score);
      if (s->Step() != SQLITE_ROW) return Error("stats");
      out.decided = s->ColInt(0);
      out.decided_on_time = s->ColInt(1);
      out.strong_confirmed = s->ColInt(2);
      out.strong_overturned = s->ColInt(3);
    }
    {
      auto s = Prep("SELECT count(*) FROM complaints WHERE status = 'in_review' AND due_at < ?");
      if (!s.ok()) return s.status();
      s->Int(1, now);
      if (s->Step() != SQLITE_ROW) return Error("stats");
      out.open_overdue = s->ColInt(0);
    }
    // Percentiles of handling time: the k-th smallest through the index.
    for (auto [q, field] :
         {std::pair{0.5, &out.median_handling_ms}, std::pair{0.9, &out.p90_handling_ms}}) {
      if (out.decided == 0) break;
      auto s = Prep(
          "SELECT handling_ms FROM complaints WHERE decided_at > 0 ORDER BY handling_ms LIMIT 1 "
          "OFFSET ?");
      if (!s.ok()) return s.status();
      s->Int(1, static_cast<int64_t>(q * static_cast<double>(out.decided - 1)));
      if (s->Step() == SQLITE_ROW) *field = s->ColInt(0);
    }
    {
      auto s = Prep(
          "SELECT (SELECT count(*) FROM listings WHERE status = 'removed'), "
          "(SELECT count(DISTINCT shop) FROM complaints WHERE status IN ('upheld', "
          "'closed_upheld', 'countered'))");
      if (!s.ok()) return s.status();
      if (s->Step() != SQLITE_ROW) return Error("stats");
      out.listings_removed = s->ColInt(0);
      out.shops_penalized = s->ColInt(1);
    }
    {
      // Days in Beijing time (UTC+8).
      auto s = Prep(
          "SELECT date((filed_at + 28800000) / 1000, 'unixepoch') AS day, count(*), "
          "sum(status IN ('upheld', 'closed_upheld', 'countered')) FROM complaints "
          "WHERE filed_at >= ? GROUP BY day ORDER BY day");
      if (!s.ok()) return s.status();
      s->Int(1, now - 30LL * 86400000);
      auto rows = All<DailyRow>(*s, [](const Stmt& q) {
        return DailyRow{q.ColText(0), q.ColInt(1), q.ColInt(2)};
      });
      if (!rows.ok()) return rows.status();
      out.daily = std::move(rows).value();
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

  Status InsertNotification(const Notification& n) {
    auto s =
        Prep("INSERT INTO notifications(user_id, complaint, kind, text, at) VALUES(?,?,?,?,?)");
    if (!s.ok()) return s.status();
    s->Int(1, n.user).Int(2, n.complaint).Text(3, n.kind).Text(4, n.text).Int(5, n.at);
    return Done(*s);
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
