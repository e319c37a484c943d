// The rights-protection platform: identities and roles, the marketplace's
// shops and listings, rights (assets) and their approval, complaints with
// triage by the scanning engine, the reviewer queue and decisions. Every
// method checks the caller's role itself (the HTTP layer only authenticates)
// and returns the JSON reply or an ApiError naming the field at fault.
//
// Role matrix (enforced here, tested in tests/service/role_matrix_test.cc):
//   holder, agent  register assets for their holder; file complaints with
//                  their holder's approved assets; see only their holder's
//                  assets and complaints
//   seller         creates shops and listings; sees only complaints against
//                  its own shops
//   reviewer       sees every complaint and the queue; the only role that
//                  decides complaints
//   admin          creates reviewer, agent and admin accounts; approves or
//                  rejects assets; sets holders' trusted status; reads the
//                  audit log; sees every complaint but does not decide them
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ipguard/json.h"
#include "ipguard/policy.h"
#include "service/api_error.h"
#include "service/auth.h"
#include "service/calendar.h"
#include "service/engine_holder.h"
#include "service/penalty_policy.h"
#include "store/blob_store.h"
#include "store/store.h"

namespace ipguard::service {

struct PlatformOptions {
  std::string data_dir;       // holds ipguard.db and blobs/
  std::string calendar_file;  // empty: weekends only
  Policy policy = Policy::Defaults();
  PasswordCost password_cost = PasswordCost::kInteractive;
  size_t max_file_bytes = 10u << 20;  // proof documents, evidence, images
  int due_working_days = 3;
  // A seller may file a counter-notice this many working days after the
  // decision; the holder may answer it this many working days after it.
  int counter_notice_working_days = 5;
  int answer_working_days = 3;
  // The penalty escalation policy, and an optional candidate run in shadow
  // mode (its penalties recorded, never applied).
  PenaltyPolicy penalties = PenaltyPolicy::Defaults();
  std::optional<PenaltyPolicy> shadow_penalties;
  // API tokens (and browser sessions) expire this long after sign-in.
  int64_t token_ttl_ms = 30LL * 86400000;
  // The clock (milliseconds since the epoch); the system clock when empty.
  std::function<Timestamp()> now;
};

using store::User;

class Platform {
 public:
  // Opens (or creates) the data folder and builds the first engine.
  static Expected<std::unique_ptr<Platform>> Open(PlatformOptions options);
  ~Platform();

  // ---- identities ----
  // The user a bearer token belongs to (401 when unknown, expired or
  // signed out).
  Expected<User> Authenticate(std::string_view token);
  // Signs `token` out: it stops working at once (401 when it was not live).
  Response Logout(std::string_view token);
  // Creates an admin with `password` when the store has no users yet; false
  // when users exist already.
  Expected<bool> BootstrapAdmin(std::string_view name, std::string_view password);
  // `actor` is null for self-registration (holder and seller only).
  Response Register(const User* actor, const json::Value& body);
  Response Login(const json::Value& body);
  Response Me(const User& actor);
  Response SetHolder(const User& actor, std::string_view holder_id, const json::Value& body);

  // ---- marketplace ----
  Response CreateShop(const User& actor, const json::Value& body);
  Response ListShops(const User& actor);
  Response PutListing(const User& actor, std::string_view id, const json::Value& body);
  Response GetListing(const User& actor, std::string_view id);

  // ---- files ----
  Response UploadFile(const User& actor, std::string_view type, std::string_view bytes);
  // The stored bytes' path for reviewers, admins and the uploader.
  Expected<std::pair<std::string, std::string>> FilePath(const User& actor, std::string_view sha);

  // ---- rights ----
  Response CreateAsset(const User& actor, const json::Value& body);
  Response ListAssets(const User& actor, std::string_view status);
  Response GetAsset(const User& actor, std::string_view id);
  Response DecideAsset(const User& actor, std::string_view id, const json::Value& body);

  // ---- complaints ----
  // `raw_body` is hashed to detect an idempotency key reused for another request.
  Response FileComplaints(const User& actor, const json::Value& body, std::string_view raw_body,
                          std::string_view idempotency_key);
  Response ListComplaints(const User& actor, std::string_view status, int64_t after, size_t limit);
  Response GetComplaint(const User& actor, int64_t id);
  Response Queue(const User& actor, size_t limit);
  Response DecideComplaint(const User& actor, int64_t id, const json::Value& body);
  Response Notifications(const User& actor, int64_t after);
  // The seller's counter-notice against an upheld complaint (one per
  // complaint: the round limit), and the holder's answer to it; a reviewer
  // then makes the final decision (DecideComplaint).
  Response CounterNotice(const User& actor, int64_t id, const json::Value& body);
  Response AnswerCounterNotice(const User& actor, int64_t id, const json::Value& body);
  // Complaint statistics (reviewers and admins).
  Response Stats(const User& actor);

  // ---- penalties (platform_penalties.cc) ----
  // A shop's strike ledger and penalties: its owner, reviewers and admins.
  Response ShopPenalties(const User& actor, std::string_view shop);
  // An account's strikes and penalties over all its shops: the seller
  // itself, reviewers and admins.
  Response AccountPenalties(const User& actor, int64_t account);
  // Every penalty, live or shadow (reviewers and admins): `shadow` is
  // "" (both), "0" or "1".
  Response ListPenalties(const User& actor, std::string_view shadow, int64_t after, size_t limit);
  // Admin: lifts or sets a shop's status (active, restricted, closed).
  Response SetShopStatus(const User& actor, std::string_view shop, const json::Value& body);
  // Rights holders with their standing (reviewers and admins).
  Response ListHolders(const User& actor);

  // ---- proactive findings (platform_findings.cc) ----
  // Files findings of a proactive scan (NDJSON, contract §1.3) as proactive
  // complaints in the review queue (reviewers and admins; `actor` null: the
  // system, for `ipguard serve --load-findings`).
  Response LoadFindings(const User* actor, std::string_view ndjson);

  // ---- overdue escalation ----
  // Notifies every reviewer and admin of each complaint in review past its
  // due time, once per complaint; the number escalated.
  Expected<int64_t> EscalateOverdue();
  Response RunEscalation(const User& actor);

  // ---- operations ----
  Response Health();
  Response ReadAudit(const User& actor, int64_t after, size_t limit);

  EngineHolder& engines() { return *engines_; }
  store::Store& store() { return *store_; }
  const store::BlobStore& blobs() const { return *blobs_; }
  const WorkCalendar& calendar() const { return calendar_; }
  Timestamp Now() const;

 private:
  Platform() = default;
  Result<std::shared_ptr<const Registry>> LoadRegistry();
  json::Value ComplaintJson(const store::Complaint& c, bool full);
  // Staff views only: appends the stored `gang` finding(s) of the complaint's
  // shop to a full complaint's `findings` (the gang's members and links).
  void AddGangFindings(json::Value& v, const store::Complaint& c);
  json::Value AssetJson(const store::Asset& a) const;
  bool CanSeeComplaint(const User& actor, const store::Complaint& c);
  std::string HolderOf(const User& actor) const;
  store::PenaltyPlanner Planner() const;
  // Re-checks a rights holder's rejected share against the policy: may end
  // its fast lane and flag it for bad faith.
  void CheckHolderStanding(const std::string& holder);
  json::Value ShopJson(const store::ShopRow& shop) const;

  PlatformOptions options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BlobStore> blobs_;
  WorkCalendar calendar_;
  std::unique_ptr<EngineHolder> engines_;
};

// "user:<id>", the audit log's actor for a user.
std::string ActorOf(const User& user);

}  // namespace ipguard::service
