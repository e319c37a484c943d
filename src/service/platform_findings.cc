// Proactive findings: the NDJSON that `ipguard scan` writes (contract §1.3)
// enters the same review queue as complaints, as complaints with source
// "proactive" filed for the holder of the infringed asset. They follow the
// same decisions, counter-notices and penalties.
#include <fmt/format.h>

#include <map>

#include "core/time.h"
#include "service/json_parse.h"
#include "service/platform.h"

namespace ipguard::service {

using store::Role;

namespace {

// The complaint reason a detector's finding stands for ("" when the finding
// is not about a registered right: diversion, gang; gang findings are stored
// as gang members instead).
std::string_view ReasonFor(std::string_view detector) {
  if (detector == "brand_variant" || detector == "brand_mismatch") return "trademark_misuse";
  if (detector == "image_copy") return "image_theft";
  if (detector == "piracy") return "piracy";
  if (detector == "portrait") return "portrait_misuse";
  return "";
}

struct Group {
  std::string listing, asset, detector;
  double score = -1;
  bool strong = false;
  json::Value findings = json::Value::Array();
  int first_line = 0;
};

constexpr size_t kMaxFindingLines = 100000;

}  // namespace

Response Platform::LoadFindings(const User* actor, std::string_view ndjson) {
  if (actor && actor->role != Role::kReviewer && actor->role != Role::kAdmin) {
    return Forbidden("only reviewers and admins load proactive findings");
  }
  json::Value rejected = json::Value::Array(), skipped = json::Value::Array();
  auto reject = [&](json::Value& list, int line, std::string_view item, std::string message) {
    json::Value v = json::Value::Object();
    v.Set("line", line);
    if (!item.empty()) v.Set("item", item);
    v.Set("reason", std::move(message));
    list.Append(std::move(v));
  };
  std::vector<Group> groups;
  std::vector<store::GangMember> gang_members;
  std::map<std::pair<std::string, std::string>, size_t> index;
  int line_no = 0;
  size_t pos = 0;
  while (pos < ndjson.size()) {
    size_t end = ndjson.find('\n', pos);
    if (end == std::string_view::npos) end = ndjson.size();
    std::string_view line = ndjson.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (static_cast<size_t>(line_no) > kMaxFindingLines) {
      return Invalid("body", fmt::format("at most {} lines per request", kMaxFindingLines));
    }
    auto parsed = ParseJson(line);
    if (!parsed.ok() || !parsed->is_object()) {
      reject(rejected, line_no, "", "not a JSON object (one finding per line)");
      continue;
    }
    const json::Value& f = *parsed;
    auto str = [&](std::string_view key) -> std::string {
      const json::Value* v = f.Find(key);
      return v && v->type() == json::Value::Type::kString ? v->as_string() : std::string();
    };
    const std::string item = str("item"), detector = str("detector"), target = str("target"),
                      action = str("action");
    const json::Value* score = f.Find("score");
    if (item.empty()) {
      reject(rejected, line_no, "", "field \"item\" missing or not a string");
      continue;
    }
    if (detector.empty()) {
      reject(rejected, line_no, item, "field \"detector\" missing or not a string");
      continue;
    }
    if (!score || (score->type() != json::Value::Type::kNumber &&
                   score->type() != json::Value::Type::kInteger)) {
      reject(rejected, line_no, item, "field \"score\" missing or not a number");
      continue;
    }
    if (action == "none") {
      reject(skipped, line_no, item, "the policy recommends no action");
      continue;
    }
    if (detector == "gang") {
      // A gang member (contract §1.3): stored for the statistics and the
      // review console, not a complaint (no registered right is infringed).
      if (target.empty()) {
        reject(rejected, line_no, item, "gang finding without \"target\" (the gang id)");
        continue;
      }
      store::GangMember m;
      m.gang = target;
      m.member = item;
      m.score = score->as_number();
      m.action = action;
      const json::Value* ev = f.Find("evidence");
      const json::Value* seeded = ev && ev->is_object() ? ev->Find("seeded") : nullptr;
      m.seeded = seeded && seeded->type() == json::Value::Type::kBool && seeded->as_bool();
      m.finding_json = f.Dump();
      gang_members.push_back(std::move(m));
      continue;
    }
    if (ReasonFor(detector).empty() || target.empty()) {
      reject(
          skipped, line_no, item,
          fmt::format("{} findings are not about a registered right; not a complaint", detector));
      continue;
    }
    auto key = std::make_pair(item, target);
    auto [it, inserted] = index.emplace(key, groups.size());
    if (inserted)
      groups.push_back(Group{item, target, "", -1, false, json::Value::Array(), line_no});
    Group& g = groups[it->second];
    g.findings.Append(f);
    if (score->as_number() > g.score) {
      g.score = score->as_number();
      g.detector = detector;
    }
    g.strong = g.strong || action == "remove";
  }

  const Timestamp now = Now();
  int64_t gangs_added = 0;
  if (!gang_members.empty()) {
    for (auto& m : gang_members) m.updated_at = now;
    auto added = store_->PutGangMembers(
        gang_members, {actor ? ActorOf(*actor) : "system", "gang.load",
                       fmt::format("gang_members:{}", gang_members.size()), "", ""});
    if (!added.ok()) return Internal(added.status().message());
    gangs_added = *added;
  }
  const Timestamp due = calendar_.AddWorkingDays(now, options_.due_working_days);
  store::Filing filing;
  filing.user = actor ? actor->id : 0;
  const std::string batch = "proactive-" + RandomHex(6);
  for (const Group& g : groups) {
    auto asset = store_->GetAsset(g.asset);
    if (!asset.ok()) return Internal(asset.status().message());
    if (!asset->has_value() || (*asset)->status != "approved") {
      reject(skipped, g.first_line, g.listing,
             fmt::format("target {} is not an approved asset of the platform", g.asset));
      continue;
    }
    auto listing = store_->GetListing(g.listing);
    if (!listing.ok()) return Internal(listing.status().message());
    if (!listing->has_value()) {
      reject(skipped, g.first_line, g.listing,
             fmt::format("no listing {} on the platform", g.listing));
      continue;
    }
    if ((*listing)->status != "active") {
      reject(skipped, g.first_line, g.listing, "the listing was removed already");
      continue;
    }
    auto open = store_->OpenProactive(g.listing, g.asset);
    if (!open.ok()) return Internal(open.status().message());
    if (*open > 0) {
      reject(
          skipped, g.first_line, g.listing,
          fmt::format("a proactive complaint about {} and {} is open already", g.listing, g.asset));
      continue;
    }
    store::Complaint c;
    c.holder = (*asset)->holder;
    c.filed_by = filing.user;
    c.asset = g.asset;
    c.listing = g.listing;
    c.shop = (*listing)->shop;
    c.reason = std::string(ReasonFor(g.detector));
    c.text = fmt::format("Proactive finding: {} scored {:.2f}", g.detector, g.score);
    c.snapshot_json = (*listing)->json;
    c.batch = batch;
    c.lane = "review";
    c.status = "in_review";
    c.score = g.score;
    c.triage_json = g.findings.Dump();
    c.filed_at = now;
    c.due_at = due;
    c.source = "proactive";
    c.detector = g.detector;
    c.strong = g.strong;
    filing.complaints.push_back(std::move(c));
  }
  json::Value ids = json::Value::Array();
  if (!filing.complaints.empty()) {
    auto outcome = store_->FileComplaints(filing);
    if (!outcome.ok()) return Internal(outcome.status().message());
    for (int64_t id : outcome->complaint_ids) ids.Append(id);
  }
  json::Value out = json::Value::Object();
  out.Set("batch", batch);
  out.Set("filed", static_cast<int64_t>(filing.complaints.size()));
  out.Set("complaints", std::move(ids));
  out.Set("gang_members", static_cast<int64_t>(gang_members.size()));
  out.Set("gang_members_new", gangs_added);
  out.Set("skipped", std::move(skipped));
  out.Set("rejected", std::move(rejected));
  return Reply{filing.complaints.empty() && gangs_added == 0 ? 200 : 201, std::move(out)};
}

// ---- overdue escalation ----

Expected<int64_t> Platform::EscalateOverdue() {
  std::vector<store::User> staff;
  for (Role role : {Role::kReviewer, Role::kAdmin}) {
    auto users = store_->UsersWithRole(role);
    if (!users.ok()) return Internal(users.status().message());
    staff.insert(staff.end(), users->begin(), users->end());
  }
  int64_t escalated = 0;
  for (int round = 0; round < 100; ++round) {
    const Timestamp now = Now();
    auto overdue = store_->OverdueUnescalated(now, 500);
    if (!overdue.ok()) return Internal(overdue.status().message());
    if (overdue->empty()) break;
    for (const auto& c : *overdue) {
      std::vector<store::Notification> notify;
      const std::string text = fmt::format(
          "Overdue: complaint {} ({} against listing {} of shop {}) was due {} and is still in "
          "review.",
          c.id, c.reason, c.listing, c.shop, FormatRfc3339(c.due_at));
      for (const auto& u : staff) notify.push_back({0, u.id, c.id, "complaint_overdue", text, now});
      if (c.filed_by != 0) {
        notify.push_back({0, c.filed_by, c.id, "complaint_overdue",
                          fmt::format("Your complaint {} passed its due time ({}); it has been "
                                      "escalated to the review supervisors.",
                                      c.id, FormatRfc3339(c.due_at)),
                          now});
      }
      auto changed =
          store_->MarkEscalated(c.id, now, notify,
                                {"system", "complaint.escalate", fmt::format("complaint:{}", c.id),
                                 "", fmt::format(R"({{"due_at":"{}"}})", FormatRfc3339(c.due_at))});
      if (!changed.ok()) return Internal(changed.status().message());
      escalated += *changed;
    }
  }
  return escalated;
}

Response Platform::RunEscalation(const User& actor) {
  if (actor.role != Role::kReviewer && actor.role != Role::kAdmin) {
    return Forbidden("only reviewers and admins run the overdue escalation");
  }
  auto n = EscalateOverdue();
  if (!n.ok()) return n.error();
  json::Value out = json::Value::Object();
  out.Set("escalated", *n);
  return Reply{200, std::move(out)};
}

}  // namespace ipguard::service
