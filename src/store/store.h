// The platform's storage interface (ipguard serve). Domain-level operations,
// each one atomic: a write and the audit entry that records it commit
// together or not at all. The embedded default is SQLite (sqlite_store.h); a
// PostgreSQL backend implements the same interface and passes the same
// conformance tests (tests/store/store_conformance_test.cc).
//
// Contract for every implementation:
//   - every method is thread-safe;
//   - a method that writes appends its `Audit` entries to the hash-chained
//     audit log (audit_chain.h) in the same transaction;
//   - "not found" is an empty optional, a lost race (a row that already
//     exists, a state that already changed) is `false`, and only a failure of
//     the database itself is an error Status.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ipguard/records.h"
#include "ipguard/status.h"

namespace ipguard::store {

enum class Role { kHolder, kAgent, kReviewer, kSeller, kAdmin };
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::kSeller;
  std::string password_hash;  // Argon2id, crypto_pwhash_str format
  std::string holder;         // holder and agent: the rights holder they act for
  Timestamp created_at = 0;
};

struct Holder {
  std::string id;
  std::string name;
  bool verified = false;
  bool trusted = false;    // fast-lane complainant
  bool bad_faith = false;  // flagged: most of its complaints were rejected
};

struct ShopRow {
  std::string id;
  std::string name;
  int64_t owner = 0;              // seller user id
  std::string status = "active";  // active, restricted (no new listings), closed
};

struct ListingRow {
  std::string id;
  std::string shop;
  std::string json;               // the contract listing record (kind, id, shop, title, ...)
  std::string status = "active";  // active or removed
  Timestamp updated_at = 0;
};

// A stored file's metadata; the bytes live in the BlobStore under `sha256`.
struct BlobRow {
  std::string sha256;  // 64 lower-case hex digits
  int64_t size = 0;
  std::string type;  // media type
  int64_t uploaded_by = 0;
  Timestamp created_at = 0;
};

struct Asset {
  std::string id;  // also the registry record's id
  std::string holder;
  std::string kind;                 // brand, work, image, portrait
  std::string status = "pending";   // pending, approved, rejected
  std::string record_json;          // the contract registry record
  std::vector<std::string> proofs;  // sha256 of proof documents
  std::optional<Timestamp> expires_at;
  int64_t created_by = 0;
  Timestamp created_at = 0;
  int64_t decided_by = 0;
  Timestamp decided_at = 0;
  std::string reason;  // why rejected
};

struct AssetFilter {
  std::string holder;  // empty: any
  std::string status;  // empty: any
  size_t limit = 100;
};

struct Complaint {
  int64_t id = 0;
  std::string holder;
  int64_t filed_by = 0;
  std::string asset;
  std::string listing;
  std::string shop;
  std::string reason;  // counterfeit, trademark_misuse, image_theft, piracy, portrait_misuse
  std::string text;
  std::vector<std::string> evidence;  // sha256 of evidence files
  std::string snapshot_json;          // the listing as it was at filing time
  std::string batch;                  // batch id (every complaint has one)
  std::string lane;                   // fast or review
  // in_review, upheld, rejected; after a counter-notice: countered, then
  // closed_upheld or closed_reinstated
  std::string status;
  double score = 0;         // strongest detector score for the asset
  std::string triage_json;  // the detectors' findings (JSON array)
  Timestamp filed_at = 0;
  Timestamp due_at = 0;
  int64_t decided_by = 0;  // 0: decided by the fast lane (system)
  Timestamp decided_at = 0;
  std::string decision_reason;
  int64_t handling_ms = 0;           // working-clock time from filing to first decision
  std::string source = "complaint";  // complaint (filed by a holder) or proactive (a scan)
  std::string detector;              // the detector of the strongest finding on the asset
  bool strong = false;               // that finding's policy action was remove
  Timestamp escalated_at = 0;        // when the overdue escalation notice went out
};

struct ComplaintFilter {
  std::string holder;      // only this holder's complaints
  int64_t shop_owner = 0;  // only complaints against shops of this seller
  std::string status;      // empty: any
  std::string source;      // complaint or proactive; empty: any
  bool by_due = false;     // order by due time (queue); else by id
  int64_t after = 0;       // paging: ids greater than this (id order only)
  size_t limit = 100;
};

struct Notification {
  int64_t id = 0;
  int64_t user = 0;
  int64_t complaint = 0;
  std::string kind;  // e.g. complaint_upheld
  std::string text;
  Timestamp at = 0;
};

// What the audit log records about one action (the chain adds seq, time and
// hashes). `actor` is "user:<id>" or "system"; before/after are JSON or "".
struct Audit {
  std::string actor, action, object, before, after;
};

struct AuditEntry {
  int64_t seq = 0;
  Timestamp at = 0;
  std::string actor, action, object, before, after;
  std::string prev_hash, hash;  // hex SHA-256
};

// One upheld complaint against a shop: a fact of the strike ledger. What a
// strike weighs and how long it counts is the penalty policy's business.
struct Strike {
  int64_t id = 0;
  std::string shop;
  int64_t account = 0;  // the shop's owner (filled in by the store)
  int64_t complaint = 0;
  std::string reason;  // the complaint's reason type
  bool malicious = false;
  Timestamp at = 0;
  bool voided = false;  // the complaint was overturned by a counter-notice
};

// A penalty decided by a policy for a strike. Live penalties take effect
// (remove_listings, restrict, close change the shop); shadow penalties are
// only recorded: what a candidate policy would have done.
struct Penalty {
  int64_t id = 0;
  std::string shop;
  int64_t account = 0;
  int64_t complaint = 0;
  int64_t strike = 0;
  std::string action;  // warn, remove_listings, restrict, close
  std::string scope;   // shop (this shop) or account (every shop of the owner)
  double points = 0;   // active strike points that led to it
  std::string policy;  // the policy's name
  bool shadow = false;
  std::string text;  // the notice sent to the seller
  Timestamp at = 0;
};

// Decides the penalties of a new strike, inside the transaction that writes
// it: `shop_strikes` and `account_strikes` are every non-voided strike of the
// shop and of its owner, the new one included.
using PenaltyPlanner = std::function<std::vector<Penalty>(
    const Strike& strike, const std::vector<Strike>& shop_strikes,
    const std::vector<Strike>& account_strikes)>;

struct PenaltyFilter {
  std::string shop;     // empty: any
  int64_t account = 0;  // 0: any
  int shadow = -1;      // -1 any, 0 live only, 1 shadow only
  int64_t after = 0;    // ids greater than this
  size_t limit = 100;
};

// Decided complaints of one rights holder (bad-faith check).
struct HolderOutcome {
  int64_t decided = 0;   // complaints with a first decision
  int64_t rejected = 0;  // rejected, or reinstated after a counter-notice
};

// A complaint filing: every complaint, the notifications it sends and, when
// the client gave one, the idempotency key that makes a retry a replay.
struct Filing {
  int64_t user = 0;
  std::string idempotency_key;  // empty: none
  std::string request_hash;     // hash of the request body, to detect a reused key
  std::vector<Complaint> complaints;
  std::vector<Notification> notifications;  // `complaint` is the index in complaints
  // Complaints filed as upheld (fast lane) record a strike with these
  // penalties; `malicious[i]` for complaint i (missing: false).
  PenaltyPlanner planner;
  std::vector<bool> malicious;
};

struct FilingOutcome {
  bool replayed = false;               // the key was seen: nothing new was written
  bool key_conflict = false;           // the key was seen with a different request
  std::vector<int64_t> complaint_ids;  // new ids, or the first filing's ids
};

struct Decision {
  int64_t complaint = 0;
  std::string from_status;  // the decision applies only in this status
  std::string to_status;
  int64_t by = 0;
  Timestamp at = 0;
  std::string reason;
  bool remove_listing = false;
  bool restore_listing = false;  // a counter-notice succeeded
  int64_t handling_ms = -1;      // set when >= 0 (the first decision)
  std::vector<Notification> notifications;
  // An upheld complaint records a strike (and its penalties from `planner`).
  std::optional<Strike> strike;
  PenaltyPlanner planner;
  bool void_strikes = false;  // the complaint was overturned: its strikes stop counting
};

// A counter-notice by the seller or the holder's answer to one.
struct CounterNote {
  int64_t id = 0;
  int64_t complaint = 0;
  std::string side;  // seller or holder
  int64_t by = 0;
  std::string text;
  std::vector<std::string> evidence;
  Timestamp at = 0;
};

struct CountRow {
  std::string key;
  int64_t count = 0;
};
struct DetectorOutcome {
  std::string detector;
  int64_t confirmed = 0, overturned = 0;  // reviewer upheld / rejected
};
struct DailyRow {
  std::string day;  // YYYY-MM-DD, UTC+8
  int64_t filed = 0, upheld = 0;
};

// Aggregates over every complaint, for the statistics API.
struct ComplaintStats {
  int64_t total = 0;
  std::vector<CountRow> by_status, by_reason, by_holder, by_lane;
  int64_t decided = 0;          // with a first decision
  int64_t decided_on_time = 0;  // first decision at or before the due time
  int64_t open_overdue = 0;     // in review past the due time now
  int64_t median_handling_ms = 0, p90_handling_ms = 0;
  int64_t listings_removed = 0;
  int64_t shops_penalized = 0;  // shops with at least one upheld complaint
  // Reviewer outcomes of complaints the detectors scored >= the threshold.
  int64_t strong_confirmed = 0, strong_overturned = 0;
  std::vector<DailyRow> daily;      // the last 30 days with filings
  std::vector<CountRow> by_source;  // complaint, proactive
  // Reviewer outcomes per detector (the strongest finding on the asset) and
  // per source.
  std::vector<DetectorOutcome> detectors;
  std::vector<CountRow> source_confirmed, source_overturned;
  int64_t shops_struck = 0, accounts_struck = 0;  // with a strike that counts
  std::vector<CountRow> penalties_by_action, shadow_penalties_by_action;
};

// One member of a gang, from a `gang` finding (contract §1.3): the member
// shop or account, the gang id, and the finding as loaded.
struct GangMember {
  std::string gang;
  std::string member;  // shop or account id
  double score = 0;
  std::string action;
  bool seeded = false;       // evidence.seeded: linked to a known infringer
  std::string finding_json;  // the whole finding line
  Timestamp updated_at = 0;
};
// A gang's summary for the statistics: members stored, those that are shops
// of the platform, and its highest member score.
struct GangSummary {
  std::string gang;
  int64_t members = 0, shops = 0;
  bool seeded = false;
  double max_score = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- users and API tokens ----
  // Creates a user; the new id, or 0 when the name is taken.
  virtual Result<int64_t> CreateUser(const User& user, const Audit& audit) = 0;
  virtual Result<std::optional<User>> FindUserByName(std::string_view name) = 0;
  virtual Result<std::optional<User>> GetUser(int64_t id) = 0;
  virtual Result<int64_t> CountUsers() = 0;
  // Stores the SHA-256 of a new API token (never the token itself).
  virtual Status AddToken(int64_t user, std::string_view token_hash, Timestamp at,
                          const Audit& audit) = 0;
  // The user of a live token: stored, not revoked, created at or after
  // `issued_after` (older tokens have expired).
  virtual Result<std::optional<User>> UserForToken(std::string_view token_hash,
                                                   Timestamp issued_after) = 0;
  // Revokes a token (sign-out); false when no such token was stored.
  virtual Result<bool> RevokeToken(std::string_view token_hash, const Audit& audit) = 0;

  // ---- rights holders ----
  // Inserts or replaces a holder.
  virtual Status PutHolder(const Holder& holder, const Audit& audit) = 0;
  virtual Result<std::optional<Holder>> GetHolder(std::string_view id) = 0;
  virtual Result<std::vector<Holder>> ListHolders() = 0;

  // ---- marketplace: shops and listings ----
  // false when a shop with that id exists.
  virtual Result<bool> CreateShop(const ShopRow& shop, const Audit& audit) = 0;
  virtual Result<std::optional<ShopRow>> GetShop(std::string_view id) = 0;
  virtual Result<std::vector<ShopRow>> ShopsOf(int64_t owner) = 0;
  // Sets a shop's status (an admin lifting a restriction); false when absent.
  virtual Result<bool> SetShopStatus(std::string_view id, std::string_view status,
                                     const Audit& audit) = 0;
  // Inserts or replaces a listing (a removed listing stays removed).
  virtual Status PutListing(const ListingRow& listing, const Audit& audit) = 0;
  virtual Result<std::optional<ListingRow>> GetListing(std::string_view id) = 0;

  // ---- files (metadata; bytes in the BlobStore) ----
  // Records a blob; an existing sha256 is left as it is.
  virtual Status PutBlob(const BlobRow& blob) = 0;
  virtual Result<std::optional<BlobRow>> GetBlob(std::string_view sha256) = 0;

  // ---- rights (assets) ----
  // false when an asset with that id exists.
  virtual Result<bool> CreateAsset(const Asset& asset, const Audit& audit) = 0;
  virtual Result<std::optional<Asset>> GetAsset(std::string_view id) = 0;
  virtual Result<std::vector<Asset>> ListAssets(const AssetFilter& filter) = 0;
  // pending -> approved or rejected; false when the asset is not pending.
  virtual Result<bool> DecideAsset(std::string_view id, std::string_view status, int64_t by,
                                   Timestamp at, std::string_view reason, const Audit& audit) = 0;
  // Approved assets not expired at `now`: what the scanning registry holds.
  virtual Result<std::vector<Asset>> ActiveAssets(Timestamp now) = 0;

  // ---- complaints ----
  // Files every complaint of `filing` atomically (ids assigned in order),
  // removes the listings of complaints filed as upheld (fast lane), and
  // records the idempotency key. A key seen before writes nothing.
  virtual Result<FilingOutcome> FileComplaints(Filing& filing) = 0;
  virtual Result<std::optional<Complaint>> GetComplaint(int64_t id) = 0;
  virtual Result<std::vector<Complaint>> ListComplaints(const ComplaintFilter& filter) = 0;
  // Applies a decision; false when the complaint is not in from_status.
  virtual Result<bool> DecideComplaint(const Decision& decision, const Audit& audit) = 0;

  // ---- counter-notices ----
  // Adds a note and moves the complaint from from_status to to_status (may
  // be equal); false when the complaint is not in from_status.
  virtual Result<bool> AddCounterNote(const CounterNote& note, std::string_view from_status,
                                      std::string_view to_status,
                                      const std::vector<Notification>& notifications,
                                      const Audit& audit) = 0;
  virtual Result<std::vector<CounterNote>> CounterNotes(int64_t complaint) = 0;

  // ---- strikes and penalties ----
  // Strikes of a shop (shop non-empty) or of an account, newest first.
  virtual Result<std::vector<Strike>> Strikes(std::string_view shop, int64_t account) = 0;
  virtual Result<std::vector<Penalty>> Penalties(const PenaltyFilter& filter) = 0;
  virtual Result<HolderOutcome> HolderOutcomes(std::string_view holder) = 0;
  // Open proactive complaints about this listing and asset (deduplication).
  virtual Result<int64_t> OpenProactive(std::string_view listing, std::string_view asset) = 0;

  // ---- overdue escalation ----
  // Complaints in review past their due time at `now` that were not
  // escalated yet, soonest due first.
  virtual Result<std::vector<Complaint>> OverdueUnescalated(Timestamp now, size_t limit) = 0;
  // Marks a complaint escalated and sends the notices; false when it was already.
  virtual Result<bool> MarkEscalated(int64_t complaint, Timestamp at,
                                     const std::vector<Notification>& notifications,
                                     const Audit& audit) = 0;
  // Users with a role (notice recipients).
  virtual Result<std::vector<User>> UsersWithRole(Role role) = 0;

  // ---- gangs ----
  // Inserts or replaces one row per (gang, member); returns how many rows were
  // new (reloading the same findings stores nothing twice).
  virtual Result<int64_t> PutGangMembers(const std::vector<GangMember>& members,
                                         const Audit& audit) = 0;
  // The member's gang rows, highest score first (empty when not a member).
  virtual Result<std::vector<GangMember>> GangsOf(std::string_view member) = 0;
  // At most `limit` gangs: seeded first, then more members, then higher score.
  virtual Result<std::vector<GangSummary>> TopGangs(size_t limit) = 0;

  // ---- statistics ----
  // `strong_score`: the score from which a detector finding counts as a
  // removal recommendation (for detector precision).
  virtual Result<ComplaintStats> Stats(Timestamp now, double strong_score) = 0;

  // ---- notifications ----
  virtual Result<std::vector<Notification>> NotificationsFor(int64_t user, int64_t after,
                                                             size_t limit) = 0;

  // ---- audit log ----
  // Entries with seq > after, in order, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ReadAudit(int64_t after, size_t limit) = 0;
};

}  // namespace ipguard::store
