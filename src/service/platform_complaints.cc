// Complaints: filing (single or batch, idempotent), triage by the scanning
// engine (trusted holder + strong match -> fast lane), the reviewer queue
// ordered by due time, and decisions.
#include <fmt/format.h>

#include <set>

#include "core/time.h"
#include "io/record_parser.h"
#include "service/fields.h"
#include "service/json_parse.h"
#include "service/platform.h"
#include "store/audit_chain.h"

namespace ipguard::service {

using store::Role;

namespace {

constexpr size_t kMaxBatch = 300;
constexpr size_t kMaxEvidence = 20;

bool IsHolderSide(const User& u) { return u.role == Role::kHolder || u.role == Role::kAgent; }

// The detectors' view of a complaint: findings about the listing, and the
// strongest one that concerns the complained-about asset.
struct Triage {
  json::Value findings = json::Value::Array();
  double score = 0;
  bool strong = false;  // the policy would remove on the asset's finding
  std::string detector;
};

}  // namespace

json::Value Platform::ComplaintJson(const store::Complaint& c, bool full) {
  json::Value v = json::Value::Object();
  v.Set("id", c.id);
  v.Set("batch", c.batch);
  v.Set("holder", c.holder);
  v.Set("filed_by", c.filed_by);
  v.Set("asset", c.asset);
  v.Set("listing", c.listing);
  v.Set("shop", c.shop);
  v.Set("reason", c.reason);
  if (!c.text.empty()) v.Set("text", c.text);
  v.Set("evidence", json::Value::ArrayOf(c.evidence));
  v.Set("lane", c.lane);
  v.Set("source", c.source);
  if (!c.detector.empty()) v.Set("detector", c.detector);
  v.Set("status", c.status);
  v.Set("score", c.score);
  v.Set("filed_at", FormatRfc3339(c.filed_at));
  v.Set("due_at", FormatRfc3339(c.due_at));
  v.Set("overdue", c.status == "in_review" && Now() > c.due_at);
  if (c.escalated_at) v.Set("escalated_at", FormatRfc3339(c.escalated_at));
  if (c.decided_at) {
    v.Set("decided_at", FormatRfc3339(c.decided_at));
    v.Set("decided_by", c.decided_by == 0 ? json::Value("fast_lane") : json::Value(c.decided_by));
    if (!c.decision_reason.empty()) v.Set("decision_reason", c.decision_reason);
    // Handling time on the working clock, in working days.
    v.Set("handling_working_days",
          static_cast<double>(calendar_.WorkingMillis(c.filed_at, c.decided_at)) / 86400000.0);
  }
  if (full) {
    auto snapshot = ParseJson(c.snapshot_json);
    v.Set("listing_snapshot", snapshot.ok() ? std::move(snapshot).value() : json::Value());
    auto findings = ParseJson(c.triage_json);
    v.Set("findings", findings.ok() ? std::move(findings).value() : json::Value::Array());
    json::Value notes = json::Value::Array();
    auto stored = store_->CounterNotes(c.id);
    if (stored.ok()) {
      for (const auto& n : *stored) {
        json::Value note = json::Value::Object();
        note.Set("side", n.side);
        note.Set("by", n.by);
        note.Set("text", n.text);
        note.Set("evidence", json::Value::ArrayOf(n.evidence));
        note.Set("at", FormatRfc3339(n.at));
        notes.Append(std::move(note));
      }
    }
    v.Set("counter_notes", std::move(notes));
  }
  if (c.status == "upheld") {
    v.Set("counter_notice_due_at", FormatRfc3339(calendar_.AddWorkingDays(
                                       c.decided_at, options_.counter_notice_working_days)));
  }
  return v;
}

bool Platform::CanSeeComplaint(const User& actor, const store::Complaint& c) {
  switch (actor.role) {
    case Role::kReviewer:
    case Role::kAdmin:
      return true;
    case Role::kHolder:
    case Role::kAgent:
      return c.holder == actor.holder;
    case Role::kSeller: {
      auto shop = store_->GetShop(c.shop);
      return shop.ok() && shop->has_value() && (*shop)->owner == actor.id;
    }
  }
  return false;
}

Response Platform::FileComplaints(const User& actor, const json::Value& body,
                                  std::string_view raw_body, std::string_view idempotency_key) {
  if (!IsHolderSide(actor))
    return Forbidden("only a rights holder or its agent can file complaints");
  if (idempotency_key.size() > 200) {
    return Invalid("Idempotency-Key", "the Idempotency-Key header is longer than 200 bytes");
  }
  Fields f(body);
  const std::string asset_id = f.String("asset", true, 64);
  const std::string reason =
      f.Enum("reason", true,
             {"counterfeit", "trademark_misuse", "image_theft", "piracy", "portrait_misuse"});
  const std::string text = f.String("text", false, 5000);
  auto evidence = f.Strings("evidence", false, kMaxEvidence, 64);
  std::vector<std::string> listings;
  std::string listings_field = "listings";
  if (f.Get("listing") && f.Get("listings")) {
    f.Fail("listing", "send either listing (one) or listings (a batch), not both");
  } else if (f.Get("listing")) {
    listings_field = "listing";
    const std::string one = f.String("listing", true, 64);
    if (f.ok()) listings.push_back(one);
  } else if (f.Get("listings")) {
    listings = f.Strings("listings", true, kMaxBatch, 64);
  } else {
    f.Fail("listings", "listing (one id) or listings (up to 300 ids) is required");
  }
  if (!f.ok()) return f.error();
  const auto field_of = [&](size_t i) {
    return listings_field == "listing" ? std::string("listing") : fmt::format("listings[{}]", i);
  };
  {
    std::set<std::string> seen;
    for (size_t i = 0; i < listings.size(); ++i) {
      if (!seen.insert(listings[i]).second) {
        return Invalid(field_of(i),
                       fmt::format("listing {} appears twice in the batch", listings[i]));
      }
    }
  }
  auto asset = store_->GetAsset(asset_id);
  if (!asset.ok()) return Internal(asset.status().message());
  if (!asset->has_value() || (*asset)->holder != actor.holder) {
    return Unprocessable("asset", fmt::format("no asset {} of your rights holder", asset_id));
  }
  const Timestamp now = Now();
  if ((*asset)->status != "approved") {
    return Unprocessable("asset", fmt::format("asset {} is {}; complaints need an approved asset",
                                              asset_id, (*asset)->status));
  }
  if ((*asset)->expires_at && *(*asset)->expires_at <= now) {
    return Unprocessable("asset", fmt::format("asset {} expired on {}", asset_id,
                                              FormatRfc3339(*(*asset)->expires_at)));
  }
  for (size_t i = 0; i < evidence.size(); ++i) {
    auto blob = store_->GetBlob(evidence[i]);
    if (!blob.ok()) return Internal(blob.status().message());
    if (!blob->has_value()) {
      return Unprocessable(fmt::format("evidence[{}]", i),
                           "unknown evidence file: upload it first (POST /api/v1/files)");
    }
  }
  auto holder = store_->GetHolder(actor.holder);
  if (!holder.ok()) return Internal(holder.status().message());
  const bool trusted = holder->has_value() && (*holder)->trusted;

  const std::shared_ptr<const Engine> engine = engines_->Current();
  auto scratch = engine->NewScratch();
  RecordParser parser("");
  store::Filing filing;
  filing.user = actor.id;
  filing.idempotency_key = std::string(idempotency_key);
  filing.request_hash = store::Sha256Hex(raw_body);
  filing.planner = Planner();
  const std::string batch = "batch-" + RandomHex(6);
  const Timestamp due = calendar_.AddWorkingDays(now, options_.due_working_days);
  for (size_t i = 0; i < listings.size(); ++i) {
    auto row = store_->GetListing(listings[i]);
    if (!row.ok()) return Internal(row.status().message());
    if (!row->has_value()) {
      return Unprocessable(field_of(i), fmt::format("no listing {}", listings[i]));
    }
    // Triage: the detectors on the listing as it is now (the snapshot).
    Triage triage;
    auto record = parser.ParseCopy((*row)->json);
    if (record.ok() && std::holds_alternative<Item>(*record)) {
      Item item = std::get<Item>(std::move(record).value());
      if (auto* l = std::get_if<Listing>(&item)) {
        for (auto& p : l->images) {
          if (store::BlobStore::IsSha256(p)) p = blobs_->PathOf(p);
        }
      }
      PreparedItem prepared = Engine::Prepare(item);
      std::vector<Finding> findings;
      engine->ScanAlone(prepared, scratch, findings);
      for (const Finding& finding : findings) {
        auto parsed = ParseJson(finding.ToJson());
        if (parsed.ok()) triage.findings.Append(std::move(parsed).value());
        if (finding.target == asset_id && finding.score >= triage.score) {
          triage.score = finding.score;
          triage.detector = finding.detector;
          triage.strong = triage.strong || finding.action == Action::kRemove;
        }
      }
    }
    store::Complaint c;
    c.holder = actor.holder;
    c.filed_by = actor.id;
    c.asset = asset_id;
    c.listing = listings[i];
    c.shop = (*row)->shop;
    c.reason = reason;
    c.text = text;
    c.evidence = evidence;
    c.snapshot_json = (*row)->json;
    c.batch = batch;
    c.score = triage.score;
    c.triage_json = triage.findings.Dump();
    c.detector = triage.detector;
    c.strong = triage.strong;
    c.filed_at = now;
    c.due_at = due;
    if (trusted && triage.strong) {
      c.lane = "fast";
      c.status = "upheld";
      c.decided_at = now;
      c.decision_reason =
          fmt::format("fast lane: trusted rights holder and a strong {} match (score {:.2f})",
                      triage.detector, triage.score);
      auto shop = store_->GetShop(c.shop);
      if (shop.ok() && shop->has_value()) {
        filing.notifications.push_back(
            {0, (*shop)->owner, static_cast<int64_t>(i), "listing_removed",
             fmt::format("Your listing {} was removed: a complaint of {} ({}) against it was "
                         "upheld. You may file a counter-notice with evidence.",
                         c.listing, holder->has_value() ? (*holder)->name : c.holder, reason),
             now});
      }
    } else {
      c.lane = "review";
      c.status = "in_review";
    }
    filing.malicious.push_back(options_.penalties.IsMaliciousReason(reason));
    filing.complaints.push_back(std::move(c));
  }

  auto outcome = store_->FileComplaints(filing);
  if (!outcome.ok()) return Internal(outcome.status().message());
  if (outcome->key_conflict) {
    return Unprocessable("Idempotency-Key",
                         "this Idempotency-Key was used for a different request; use a new key");
  }
  json::Value list = json::Value::Array();
  std::string batch_id = batch;
  if (outcome->replayed) {
    for (int64_t id : outcome->complaint_ids) {
      auto c = store_->GetComplaint(id);
      if (c.ok() && c->has_value()) {
        batch_id = (*c)->batch;
        list.Append(ComplaintJson(**c, false));
      }
    }
  } else {
    for (const auto& c : filing.complaints) list.Append(ComplaintJson(c, false));
  }
  json::Value out = json::Value::Object();
  out.Set("batch", batch_id);
  out.Set("replayed", outcome->replayed);
  out.Set("complaints", std::move(list));
  return Reply{outcome->replayed ? 200 : 201, std::move(out)};
}

Response Platform::ListComplaints(const User& actor, std::string_view status, int64_t after,
                                  size_t limit) {
  store::ComplaintFilter filter;
  if (IsHolderSide(actor)) {
    filter.holder = actor.holder;
  } else if (actor.role == Role::kSeller) {
    filter.shop_owner = actor.id;
  }
  if (!status.empty() && status != "in_review" && status != "upheld" && status != "rejected" &&
      status != "countered" && status != "closed_upheld" && status != "closed_reinstated") {
    return Invalid("status",
                   "status must be in_review, upheld, rejected, countered, closed_upheld or "
                   "closed_reinstated");
  }
  filter.status = std::string(status);
  filter.after = after;
  filter.limit = std::clamp<size_t>(limit, 1, 500);
  auto complaints = store_->ListComplaints(filter);
  if (!complaints.ok()) return Internal(complaints.status().message());
  json::Value list = json::Value::Array();
  for (const auto& c : *complaints) list.Append(ComplaintJson(c, false));
  json::Value out = json::Value::Object();
  out.Set("complaints", std::move(list));
  if (!complaints->empty() && complaints->size() == filter.limit) {
    out.Set("next_after", complaints->back().id);
  }
  return Reply{200, std::move(out)};
}

void Platform::AddGangFindings(json::Value& v, const store::Complaint& c) {
  const json::Value* findings = v.Find("findings");
  if (!findings || !findings->is_array()) return;
  auto gangs = store_->GangsOf(c.shop);
  if (!gangs.ok() || gangs->empty()) return;
  json::Value all = *findings;
  for (const auto& g : *gangs) {
    auto f = ParseJson(g.finding_json);
    if (f.ok()) all.Append(std::move(f).value());
  }
  v.Set("findings", std::move(all));
}

Response Platform::GetComplaint(const User& actor, int64_t id) {
  auto c = store_->GetComplaint(id);
  if (!c.ok()) return Internal(c.status().message());
  // Invisible and absent look alike, so ids reveal nothing.
  if (!c->has_value() || !CanSeeComplaint(actor, **c)) {
    return NotFound(fmt::format("no complaint {}", id));
  }
  json::Value v = ComplaintJson(**c, true);
  // Gang links name other shops: staff only, never the parties.
  if (actor.role == Role::kReviewer || actor.role == Role::kAdmin) AddGangFindings(v, **c);
  return Reply{200, std::move(v)};
}

Response Platform::Queue(const User& actor, size_t limit) {
  if (actor.role != Role::kReviewer && actor.role != Role::kAdmin) {
    return Forbidden("only reviewers and admins see the review queue");
  }
  store::ComplaintFilter filter;
  filter.status = "queue";  // in review, and countered awaiting the final decision
  filter.by_due = true;
  filter.limit = std::clamp<size_t>(limit, 1, 500);
  auto complaints = store_->ListComplaints(filter);
  if (!complaints.ok()) return Internal(complaints.status().message());
  json::Value list = json::Value::Array();
  for (const auto& c : *complaints) {
    // Evidence side by side: the listing as filed, the findings, the asset.
    json::Value v = ComplaintJson(c, true);
    AddGangFindings(v, c);
    auto asset = store_->GetAsset(c.asset);
    if (asset.ok() && asset->has_value()) {
      auto rec = ParseJson((*asset)->record_json);
      if (rec.ok()) v.Set("asset_record", std::move(rec).value());
    }
    list.Append(std::move(v));
  }
  json::Value out = json::Value::Object();
  out.Set("queue", std::move(list));
  return Reply{200, std::move(out)};
}

Response Platform::DecideComplaint(const User& actor, int64_t id, const json::Value& body) {
  if (actor.role != Role::kReviewer) return Forbidden("only a reviewer can decide complaints");
  Fields f(body);
  const std::string decision = f.Enum("decision", true, {"uphold", "reject"});
  const std::string reason = f.String("reason", decision == "reject", 2000);
  // Whether the infringement was malicious (weighs more in the strike
  // ledger); by default the policy's list of malicious reason types decides.
  const std::optional<bool> malicious = f.Bool("malicious");
  if (!f.ok()) return f.error();
  auto c = store_->GetComplaint(id);
  if (!c.ok()) return Internal(c.status().message());
  if (!c->has_value()) return NotFound(fmt::format("no complaint {}", id));
  const bool final_round = (*c)->status == "countered";
  if ((*c)->status != "in_review" && !final_round) {
    return Conflict("", fmt::format("complaint {} is {} already", id, (*c)->status));
  }
  store::Complaint after = **c;
  if (final_round) {
    after.status = decision == "uphold" ? "closed_upheld" : "closed_reinstated";
  } else {
    after.status = decision == "uphold" ? "upheld" : "rejected";
  }
  after.decided_by = actor.id;
  after.decided_at = Now();
  after.decision_reason = reason;
  store::Decision d;
  d.complaint = id;
  d.from_status = (*c)->status;
  d.to_status = after.status;
  d.by = actor.id;
  d.at = after.decided_at;
  d.reason = reason;
  d.remove_listing = decision == "uphold" && !final_round;
  d.restore_listing = decision == "reject" && final_round;
  d.void_strikes = decision == "reject" && final_round;
  if (decision == "uphold" && !final_round) {
    store::Strike strike;
    strike.shop = after.shop;
    strike.complaint = id;
    strike.reason = after.reason;
    strike.malicious = malicious.value_or(options_.penalties.IsMaliciousReason(after.reason));
    strike.at = d.at;
    d.strike = strike;
    d.planner = Planner();
  }
  if (!final_round) {
    after.handling_ms = calendar_.WorkingMillis(after.filed_at, after.decided_at);
    d.handling_ms = after.handling_ms;
  }
  const Timestamp now = after.decided_at;
  const std::string outcome =
      final_round ? (decision == "uphold"
                         ? "finally upheld after the counter-notice: the listing stays removed"
                         : "overturned by the counter-notice: the listing is restored")
                  : (decision == "uphold" ? "upheld: the listing was removed" : "rejected");
  d.notifications.push_back(
      {0, after.filed_by, id, "complaint_" + after.status,
       fmt::format("Your complaint {} against listing {} was {}.{}", id, after.listing, outcome,
                   reason.empty() ? "" : " Reason: " + reason),
       d.at});
  auto shop = store_->GetShop(after.shop);
  if (shop.ok() && shop->has_value()) {
    d.notifications.push_back({0, (*shop)->owner, id, "complaint_" + after.status,
                               fmt::format("A complaint ({}) against your listing {} was {}.{}",
                                           after.reason, after.listing, outcome,
                                           decision == "uphold" && !final_round
                                               ? " You may file a counter-notice with evidence."
                                               : ""),
                               now});
  }
  if (final_round) {
    // The row keeps the first decision's time and reviewer (handling time and
    // on-time rate measure it); the audit log records the final one.
    d.at = after.decided_at = (*c)->decided_at;
    d.by = after.decided_by = (*c)->decided_by;
  }
  auto changed = store_->DecideComplaint(
      d, {ActorOf(actor), std::string(final_round ? "complaint.final_" : "complaint.") + decision,
          fmt::format("complaint:{}", id), ComplaintJson(**c, false).Dump(),
          ComplaintJson(after, false).Dump()});
  if (!changed.ok()) return Internal(changed.status().message());
  if (!*changed) return Conflict("", fmt::format("complaint {} was decided meanwhile", id));
  CheckHolderStanding(after.holder);
  return Reply{200, ComplaintJson(after, true)};
}

Response Platform::Notifications(const User& actor, int64_t after) {
  auto list = store_->NotificationsFor(actor.id, after, 200);
  if (!list.ok()) return Internal(list.status().message());
  json::Value items = json::Value::Array();
  for (const auto& n : *list) {
    json::Value v = json::Value::Object();
    v.Set("id", n.id);
    v.Set("complaint", n.complaint);
    v.Set("kind", n.kind);
    v.Set("text", n.text);
    v.Set("at", FormatRfc3339(n.at));
    items.Append(std::move(v));
  }
  json::Value out = json::Value::Object();
  out.Set("notifications", std::move(items));
  return Reply{200, std::move(out)};
}

}  // namespace ipguard::service
