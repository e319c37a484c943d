// Counter-notices (the seller answers an upheld complaint with evidence, the
// holder may reply, a reviewer decides finally) and complaint statistics.
#include <fmt/format.h>

#include "core/time.h"
#include "service/fields.h"
#include "service/platform.h"

namespace ipguard::service {

using store::Role;

namespace {
constexpr size_t kMaxEvidence = 20;
}

Response Platform::CounterNotice(const User& actor, int64_t id, const json::Value& body) {
  if (actor.role != Role::kSeller) {
    return Forbidden("only the seller whose listing was removed can file a counter-notice");
  }
  Fields f(body);
  const std::string text = f.String("text", true, 5000);
  auto evidence = f.Strings("evidence", true, kMaxEvidence, 64);
  if (!f.ok()) return f.error();
  auto c = store_->GetComplaint(id);
  if (!c.ok()) return Internal(c.status().message());
  if (!c->has_value() || !CanSeeComplaint(actor, **c)) {
    return NotFound(fmt::format("no complaint {}", id));
  }
  auto notes = store_->CounterNotes(id);
  if (!notes.ok()) return Internal(notes.status().message());
  for (const auto& n : *notes) {
    if (n.side == "seller") {
      return Conflict(
          "", fmt::format("complaint {} has had its counter-notice (one per complaint)", id));
    }
  }
  if ((*c)->status != "upheld") {
    return Conflict(
        "", fmt::format("a counter-notice answers an upheld complaint; complaint {} is {}", id,
                        (*c)->status));
  }
  const Timestamp now = Now();
  const Timestamp window =
      calendar_.AddWorkingDays((*c)->decided_at, options_.counter_notice_working_days);
  if (now > window) {
    return Unprocessable(
        "", fmt::format("the counter-notice window closed at {}", FormatRfc3339(window)));
  }
  for (size_t i = 0; i < evidence.size(); ++i) {
    auto blob = store_->GetBlob(evidence[i]);
    if (!blob.ok()) return Internal(blob.status().message());
    if (!blob->has_value()) {
      return Unprocessable(fmt::format("evidence[{}]", i),
                           "unknown evidence file: upload it first (POST /api/v1/files)");
    }
  }
  store::CounterNote note{0, id, "seller", actor.id, text, evidence, now};
  std::vector<store::Notification> notify = {
      {0, (*c)->filed_by, id, "counter_notice",
       fmt::format("The seller filed a counter-notice against complaint {} (listing {}). You may "
                   "answer it within {} working days.",
                   id, (*c)->listing, options_.answer_working_days),
       now}};
  auto changed =
      store_->AddCounterNote(note, "upheld", "countered", notify,
                             {ActorOf(actor), "complaint.counter_notice",
                              fmt::format("complaint:{}", id), "", json::Value(text).Dump()});
  if (!changed.ok()) return Internal(changed.status().message());
  if (!*changed) return Conflict("", fmt::format("complaint {} changed meanwhile; reload it", id));
  auto updated = store_->GetComplaint(id);
  if (!updated.ok() || !updated->has_value()) return Internal("complaint vanished");
  return Reply{201, ComplaintJson(**updated, true)};
}

Response Platform::AnswerCounterNotice(const User& actor, int64_t id, const json::Value& body) {
  if (actor.role != Role::kHolder && actor.role != Role::kAgent) {
    return Forbidden("only the rights holder (or its agent) answers a counter-notice");
  }
  Fields f(body);
  const std::string text = f.String("text", true, 5000);
  auto evidence = f.Strings("evidence", false, kMaxEvidence, 64);
  if (!f.ok()) return f.error();
  auto c = store_->GetComplaint(id);
  if (!c.ok()) return Internal(c.status().message());
  if (!c->has_value() || !CanSeeComplaint(actor, **c)) {
    return NotFound(fmt::format("no complaint {}", id));
  }
  if ((*c)->status != "countered") {
    return Conflict("", fmt::format("complaint {} has no counter-notice to answer (it is {})", id,
                                    (*c)->status));
  }
  auto notes = store_->CounterNotes(id);
  if (!notes.ok()) return Internal(notes.status().message());
  Timestamp countered_at = 0;
  for (const auto& n : *notes) {
    if (n.side == "holder")
      return Conflict("", fmt::format("complaint {} was answered already", id));
    countered_at = n.at;
  }
  const Timestamp now = Now();
  const Timestamp window = calendar_.AddWorkingDays(countered_at, options_.answer_working_days);
  if (now > window) {
    return Unprocessable("", fmt::format("the answer window closed at {}", FormatRfc3339(window)));
  }
  for (size_t i = 0; i < evidence.size(); ++i) {
    auto blob = store_->GetBlob(evidence[i]);
    if (!blob.ok()) return Internal(blob.status().message());
    if (!blob->has_value()) {
      return Unprocessable(fmt::format("evidence[{}]", i), "unknown evidence file");
    }
  }
  std::vector<store::Notification> notify;
  if (auto shop = store_->GetShop((*c)->shop); shop.ok() && shop->has_value()) {
    notify.push_back({0, (*shop)->owner, id, "counter_notice_answered",
                      fmt::format("The rights holder answered your counter-notice on complaint {}; "
                                  "a reviewer decides next.",
                                  id),
                      now});
  }
  store::CounterNote note{0, id, "holder", actor.id, text, evidence, now};
  auto changed =
      store_->AddCounterNote(note, "countered", "countered", notify,
                             {ActorOf(actor), "complaint.answer", fmt::format("complaint:{}", id),
                              "", json::Value(text).Dump()});
  if (!changed.ok()) return Internal(changed.status().message());
  if (!*changed) return Conflict("", fmt::format("complaint {} changed meanwhile; reload it", id));
  auto updated = store_->GetComplaint(id);
  if (!updated.ok() || !updated->has_value()) return Internal("complaint vanished");
  return Reply{201, ComplaintJson(**updated, true)};
}

Response Platform::Stats(const User& actor) {
  if (actor.role != Role::kReviewer && actor.role != Role::kAdmin) {
    return Forbidden("only reviewers and admins read the statistics");
  }
  const double strong = options_.policy.For("brand_variant").remove;
  auto s = store_->Stats(Now(), strong);
  if (!s.ok()) return Internal(s.status().message());
  auto counts = [](const std::vector<store::CountRow>& rows) {
    json::Value v = json::Value::Object();
    for (const auto& r : rows) v.Set(r.key, r.count);
    return v;
  };
  auto ratio = [](int64_t a, int64_t b) {
    return b > 0 ? json::Value(static_cast<double>(a) / b) : json::Value();
  };
  json::Value out = json::Value::Object();
  out.Set("complaints", s->total);
  out.Set("by_status", counts(s->by_status));
  out.Set("by_reason", counts(s->by_reason));
  out.Set("by_lane", counts(s->by_lane));
  out.Set("by_holder", counts(s->by_holder));
  out.Set("decided", s->decided);
  out.Set("on_time_rate", ratio(s->decided_on_time, s->decided + s->open_overdue));
  out.Set("open_overdue", s->open_overdue);
  json::Value handling = json::Value::Object();
  handling.Set("median", static_cast<double>(s->median_handling_ms) / 86400000.0);
  handling.Set("p90", static_cast<double>(s->p90_handling_ms) / 86400000.0);
  out.Set("handling_working_days", std::move(handling));
  out.Set("listings_removed", s->listings_removed);
  out.Set("shops_penalized", s->shops_penalized);
  int64_t fast = 0;
  for (const auto& r : s->by_lane) {
    if (r.key == "fast") fast = r.count;
  }
  out.Set("fast_lane_share", ratio(fast, s->total));
  // Gangs from the loaded `gang` findings: seeded first, then size, score.
  auto gangs = store_->TopGangs(10);
  if (!gangs.ok()) return Internal(gangs.status().message());
  json::Value top_gangs = json::Value::Array();
  for (const auto& g : *gangs) {
    json::Value row = json::Value::Object();
    row.Set("gang", g.gang);
    row.Set("members", g.members);
    row.Set("shops", g.shops);
    row.Set("seeded", g.seeded);
    row.Set("max_score", g.max_score);
    top_gangs.Append(std::move(row));
  }
  out.Set("top_gangs", std::move(top_gangs));
  json::Value precision = json::Value::Object();
  precision.Set("threshold", strong);
  precision.Set("confirmed", s->strong_confirmed);
  precision.Set("overturned", s->strong_overturned);
  precision.Set("precision",
                ratio(s->strong_confirmed, s->strong_confirmed + s->strong_overturned));
  out.Set("detector_precision", std::move(precision));
  json::Value daily = json::Value::Array();
  for (const auto& d : s->daily) {
    json::Value v = json::Value::Object();
    v.Set("day", d.day);
    v.Set("filed", d.filed);
    v.Set("upheld", d.upheld);
    daily.Append(std::move(v));
  }
  out.Set("daily", std::move(daily));
  // Proactive (scan findings) vs complaints, and reviewer outcomes.
  out.Set("by_source", counts(s->by_source));
  int64_t proactive = 0;
  for (const auto& r : s->by_source) {
    if (r.key == "proactive") proactive = r.count;
  }
  out.Set("proactive_share", ratio(proactive, s->total));
  json::Value by_source_outcome = json::Value::Object();
  for (const char* source : {"complaint", "proactive"}) {
    int64_t confirmed = 0, overturned = 0;
    for (const auto& r : s->source_confirmed) {
      if (r.key == source) confirmed = r.count;
    }
    for (const auto& r : s->source_overturned) {
      if (r.key == source) overturned = r.count;
    }
    json::Value v = json::Value::Object();
    v.Set("confirmed", confirmed);
    v.Set("overturned", overturned);
    v.Set("precision", ratio(confirmed, confirmed + overturned));
    by_source_outcome.Set(source, std::move(v));
  }
  out.Set("review_outcomes_by_source", std::move(by_source_outcome));
  json::Value detectors = json::Value::Object();
  for (const auto& d : s->detectors) {
    json::Value v = json::Value::Object();
    v.Set("confirmed", d.confirmed);
    v.Set("overturned", d.overturned);
    v.Set("precision", ratio(d.confirmed, d.confirmed + d.overturned));
    detectors.Set(d.detector, std::move(v));
  }
  out.Set("detector_precision_by_detector", std::move(detectors));
  out.Set("shops_with_strikes", s->shops_struck);
  out.Set("accounts_with_strikes", s->accounts_struck);
  out.Set("penalties_by_action", counts(s->penalties_by_action));
  out.Set("shadow_penalties_by_action", counts(s->shadow_penalties_by_action));
  return Reply{200, std::move(out)};
}

}  // namespace ipguard::service
