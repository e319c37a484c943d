// Penalties as data: the strike ledger and penalties of shops and accounts
// (read side; strikes are written with the decisions that uphold), the
// rights holders' standing (fast lane lost, bad faith), and the admin's lift
// of a shop restriction.
#include <fmt/format.h>

#include "core/time.h"
#include "service/fields.h"
#include "service/platform.h"

namespace ipguard::service {

using store::Role;

namespace {

bool IsStaff(const User& u) { return u.role == Role::kReviewer || u.role == Role::kAdmin; }

json::Value PenaltyJson(const store::Penalty& p) {
  json::Value v = json::Value::Object();
  v.Set("id", p.id);
  v.Set("shop", p.shop);
  v.Set("account", p.account);
  v.Set("complaint", p.complaint);
  v.Set("strike", p.strike);
  v.Set("action", p.action);
  v.Set("scope", p.scope);
  v.Set("points", p.points);
  v.Set("policy", p.policy);
  v.Set("shadow", p.shadow);
  if (!p.text.empty()) v.Set("notice", p.text);
  v.Set("at", FormatRfc3339(p.at));
  return v;
}

}  // namespace

store::PenaltyPlanner Platform::Planner() const {
  return [this](const store::Strike& strike, const std::vector<store::Strike>& shop,
                const std::vector<store::Strike>& account) {
    auto out = options_.penalties.Decide(strike, shop, account, false);
    if (options_.shadow_penalties) {
      auto shadow = options_.shadow_penalties->Decide(strike, shop, account, true);
      out.insert(out.end(), shadow.begin(), shadow.end());
    }
    return out;
  };
}

void Platform::CheckHolderStanding(const std::string& holder_id) {
  const PenaltyPolicy& policy = options_.penalties;
  auto outcome = store_->HolderOutcomes(holder_id);
  if (!outcome.ok() || outcome->decided < policy.min_decided) return;
  const double share = static_cast<double>(outcome->rejected) / outcome->decided;
  auto h = store_->GetHolder(holder_id);
  if (!h.ok() || !h->has_value()) return;
  store::Holder updated = **h;
  if (share >= policy.untrust_rejected_share) updated.trusted = false;
  if (share >= policy.bad_faith_rejected_share) updated.bad_faith = true;
  if (updated.trusted == (*h)->trusted && updated.bad_faith == (*h)->bad_faith) return;
  auto holder_json = [](const store::Holder& x) {
    json::Value v = json::Value::Object();
    v.Set("id", x.id);
    v.Set("trusted", x.trusted);
    v.Set("bad_faith", x.bad_faith);
    return v;
  };
  json::Value after = holder_json(updated);
  after.Set("decided", outcome->decided);
  after.Set("rejected", outcome->rejected);
  Status st = store_->PutHolder(updated, {"system", "holder.standing", "holder:" + holder_id,
                                          holder_json(**h).Dump(), after.Dump()});
  if (st.ok()) engines_->RequestRebuild();
}

json::Value Platform::ShopJson(const store::ShopRow& s) const {
  json::Value v = json::Value::Object();
  v.Set("id", s.id);
  v.Set("name", s.name);
  v.Set("owner", s.owner);
  v.Set("status", s.status);
  return v;
}

namespace {

// The ledger view shared by the shop and account endpoints.
json::Value Ledger(const PenaltyPolicy& policy, const std::vector<store::Strike>& strikes,
                   const std::vector<store::Penalty>& penalties, Timestamp now, bool staff) {
  json::Value out = json::Value::Object();
  const double points = policy.Points(strikes, now);
  out.Set("active_points", points);
  const PenaltyRung* rung = policy.RungFor(points);
  out.Set("level", rung ? json::Value(rung->action) : json::Value());
  out.Set("policy", policy.name);
  out.Set("window_days", policy.window_days);
  json::Value list = json::Value::Array();
  const Timestamp window = static_cast<int64_t>(policy.window_days) * 86400000;
  for (const auto& s : strikes) {
    json::Value v = json::Value::Object();
    v.Set("id", s.id);
    v.Set("shop", s.shop);
    v.Set("complaint", s.complaint);
    v.Set("reason", s.reason);
    v.Set("malicious", s.malicious);
    v.Set("at", FormatRfc3339(s.at));
    v.Set("expires_at", FormatRfc3339(s.at + window));
    v.Set("voided", s.voided);
    v.Set("active", !s.voided && s.at + window > now);
    list.Append(std::move(v));
  }
  out.Set("strikes", std::move(list));
  json::Value live = json::Value::Array(), shadow = json::Value::Array();
  for (const auto& p : penalties) {
    if (!p.shadow) {
      live.Append(PenaltyJson(p));
    } else if (staff) {
      shadow.Append(PenaltyJson(p));
    }
  }
  out.Set("penalties", std::move(live));
  if (staff) out.Set("shadow_penalties", std::move(shadow));
  return out;
}

}  // namespace

Response Platform::ShopPenalties(const User& actor, std::string_view shop_id) {
  const bool staff = IsStaff(actor);
  if (!staff && actor.role != Role::kSeller) {
    return Forbidden("only the shop's seller, reviewers and admins see its penalties");
  }
  auto shop = store_->GetShop(shop_id);
  if (!shop.ok()) return Internal(shop.status().message());
  // Another seller's shop looks absent.
  if (!shop->has_value() || (!staff && (*shop)->owner != actor.id)) {
    return NotFound(fmt::format("no shop {}", shop_id));
  }
  auto strikes = store_->Strikes(shop_id, 0);
  if (!strikes.ok()) return Internal(strikes.status().message());
  store::PenaltyFilter filter;
  filter.shop = std::string(shop_id);
  filter.shadow = staff ? -1 : 0;
  filter.limit = 1000;
  auto penalties = store_->Penalties(filter);
  if (!penalties.ok()) return Internal(penalties.status().message());
  json::Value out = Ledger(options_.penalties, *strikes, *penalties, Now(), staff);
  out.Set("shop", ShopJson(**shop));
  return Reply{200, std::move(out)};
}

Response Platform::AccountPenalties(const User& actor, int64_t account) {
  const bool staff = IsStaff(actor);
  if (!staff && !(actor.role == Role::kSeller && actor.id == account)) {
    if (actor.role == Role::kSeller) return NotFound(fmt::format("no account {}", account));
    return Forbidden("only the seller itself, reviewers and admins see an account's penalties");
  }
  auto user = store_->GetUser(account);
  if (!user.ok()) return Internal(user.status().message());
  if (!user->has_value() || (*user)->role != Role::kSeller) {
    return NotFound(fmt::format("no seller account {}", account));
  }
  auto strikes = store_->Strikes("", account);
  if (!strikes.ok()) return Internal(strikes.status().message());
  store::PenaltyFilter filter;
  filter.account = account;
  filter.shadow = staff ? -1 : 0;
  filter.limit = 1000;
  auto penalties = store_->Penalties(filter);
  if (!penalties.ok()) return Internal(penalties.status().message());
  auto shops = store_->ShopsOf(account);
  if (!shops.ok()) return Internal(shops.status().message());
  json::Value out = Ledger(options_.penalties, *strikes, *penalties, Now(), staff);
  out.Set("account", account);
  json::Value list = json::Value::Array();
  for (const auto& s : *shops) list.Append(ShopJson(s));
  out.Set("shops", std::move(list));
  return Reply{200, std::move(out)};
}

Response Platform::ListPenalties(const User& actor, std::string_view shadow, int64_t after,
                                 size_t limit) {
  if (!IsStaff(actor)) return Forbidden("only reviewers and admins list every penalty");
  store::PenaltyFilter filter;
  if (shadow == "1" || shadow == "true") {
    filter.shadow = 1;
  } else if (shadow == "0" || shadow == "false") {
    filter.shadow = 0;
  } else if (!shadow.empty()) {
    return Invalid("shadow", "shadow must be 1 (shadow only), 0 (live only) or absent (both)");
  }
  filter.after = after;
  filter.limit = std::clamp<size_t>(limit, 1, 1000);
  auto penalties = store_->Penalties(filter);
  if (!penalties.ok()) return Internal(penalties.status().message());
  json::Value list = json::Value::Array();
  for (const auto& p : *penalties) list.Append(PenaltyJson(p));
  json::Value out = json::Value::Object();
  out.Set("penalties", std::move(list));
  out.Set("policy", options_.penalties.name);
  out.Set("shadow_policy",
          options_.shadow_penalties ? json::Value(options_.shadow_penalties->name) : json::Value());
  if (!penalties->empty() && penalties->size() == filter.limit) {
    out.Set("next_after", penalties->back().id);
  }
  return Reply{200, std::move(out)};
}

Response Platform::SetShopStatus(const User& actor, std::string_view shop_id,
                                 const json::Value& body) {
  if (actor.role != Role::kAdmin) return Forbidden("only an admin can change a shop's status");
  Fields f(body);
  const std::string status = f.Enum("status", true, {"active", "restricted", "closed"});
  const std::string reason = f.String("reason", true, 2000);
  if (!f.ok()) return f.error();
  auto shop = store_->GetShop(shop_id);
  if (!shop.ok()) return Internal(shop.status().message());
  if (!shop->has_value()) return NotFound(fmt::format("no shop {}", shop_id));
  store::ShopRow updated = **shop;
  updated.status = status;
  json::Value after = ShopJson(updated);
  after.Set("reason", reason);
  auto changed = store_->SetShopStatus(
      shop_id, status,
      {ActorOf(actor), "shop.status", "shop:" + updated.id, ShopJson(**shop).Dump(), after.Dump()});
  if (!changed.ok()) return Internal(changed.status().message());
  if (!*changed) return NotFound(fmt::format("no shop {}", shop_id));
  return Reply{200, ShopJson(updated)};
}

Response Platform::ListHolders(const User& actor) {
  if (!IsStaff(actor)) return Forbidden("only reviewers and admins list the rights holders");
  auto holders = store_->ListHolders();
  if (!holders.ok()) return Internal(holders.status().message());
  json::Value list = json::Value::Array();
  for (const auto& h : *holders) {
    json::Value v = json::Value::Object();
    v.Set("id", h.id);
    v.Set("name", h.name);
    v.Set("verified", h.verified);
    v.Set("trusted", h.trusted);
    v.Set("bad_faith", h.bad_faith);
    auto o = store_->HolderOutcomes(h.id);
    if (o.ok()) {
      v.Set("decided", o->decided);
      v.Set("rejected", o->rejected);
      v.Set("rejected_share", o->decided > 0 ? json::Value(static_cast<double>(o->rejected) /
                                                           static_cast<double>(o->decided))
                                             : json::Value());
    }
    list.Append(std::move(v));
  }
  json::Value out = json::Value::Object();
  out.Set("holders", std::move(list));
  return Reply{200, std::move(out)};
}

}  // namespace ipguard::service
