#include "detect/gang/gang_analysis.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/graph_input.h"

namespace ipguard {
namespace {

using graph::AttrId;
using graph::AttrType;
using graph::EntityGraph;
using graph::EntityId;
using graph::StringPool;

const std::string* SellerOf(const GangInputs& in, const std::string& item) {
  if (auto it = in.listing_shop.find(item); it != in.listing_shop.end()) return &it->second;
  if (auto it = in.content_account.find(item); it != in.content_account.end()) {
    return &it->second;
  }
  return nullptr;
}

const char* HubName(graph::HubReason r) {
  switch (r) {
    case graph::HubReason::kOverCap:
      return "over_cap";
    case graph::HubReason::kAllowlisted:
      return "allowlisted";
    default:
      return "";
  }
}

}  // namespace

std::string GangId(std::string_view smallest_member) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : smallest_member) h = (h ^ c) * 1099511628211ull;
  return fmt::format("gang-{:010x}", h & 0xffffffffffull);
}

void GangInputs::Observe(const Item& item, std::span<const Finding> findings) {
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, Shop>) {
          shops.push_back(r);
        } else if constexpr (std::is_same_v<T, Account>) {
          accounts.push_back(r);
        } else if constexpr (std::is_same_v<T, Listing>) {
          listing_shop[r.id] = r.shop;
          if (r.published_at) listing_time[r.id] = *r.published_at;
        } else if constexpr (std::is_same_v<T, Content>) {
          content_account[r.id] = r.account;
        } else if constexpr (std::is_same_v<T, Verdict>) {
          if (r.label == "infringing") {
            Seed& s = seeds[r.item];
            s.weight = 1.0;
            s.why = r.detector.empty() ? "verdict: infringing"
                                       : "verdict: infringing (" + r.detector + ")";
          } else if (r.label == "clean") {
            clean[r.item] = 1;
          }
        }
      },
      item);
  const std::string& id = IdOf(item);
  for (const Finding& f : findings) {
    if (f.detector == "gang") continue;
    if (f.detector == "diversion") {
      const json::Value* ch = f.evidence.Find("channel");
      const json::Value* v = f.evidence.Find("value");
      if (ch && v && ch->type() == json::Value::Type::kString &&
          v->type() == json::Value::Type::kString) {
        contacts.push_back({id, ch->as_string(), v->as_string()});
      }
    }
    for (const char* key : {"hash", "pdq"}) {
      const json::Value* h = f.evidence.Find(key);
      if (h && h->type() == json::Value::Type::kString && !h->as_string().empty()) {
        images.push_back({id, h->as_string()});
      }
    }
    const double w = f.action == Action::kRemove ? 0.8 : f.action == Action::kReview ? 0.4 : 0;
    if (w <= 0) continue;
    Seed& s = seeds[id];
    if (w > s.weight) {
      s.weight = w;
      s.why =
          fmt::format("{} finding ({}, score {:.2f})", f.detector, ActionName(f.action), f.score);
    }
  }
}

std::vector<Finding> AnalyzeGangs(const GangInputs& in, const GangSettings& settings) {
  std::vector<Finding> out;
  if (in.shops.empty() && in.accounts.empty()) return out;

  EntityGraph::Builder b;
  for (const auto& a : in.accounts) graph::AddAccount(b, a);
  for (const auto& s : in.shops) graph::AddShop(b, s);
  // Contacts and image hashes attach to the seller of the item they were
  // found in, first seen when the listing was published.
  auto seller_entity = [&](const std::string& item, graph::Seconds& seen) -> EntityId {
    seen = 0;
    if (auto t = in.listing_time.find(item); t != in.listing_time.end()) {
      seen = graph::ToSeconds(t->second);
    }
    if (in.listing_shop.count(item)) {
      return b.ReferEntity(in.listing_shop.at(item), graph::EntityKind::kShop);
    }
    if (in.content_account.count(item)) {
      return b.ReferEntity(in.content_account.at(item), graph::EntityKind::kAccount);
    }
    return StringPool::kNone;
  };
  for (const auto& c : in.contacts) {
    graph::Seconds seen;
    const EntityId e = seller_entity(c.item, seen);
    if (e != StringPool::kNone) graph::AddContact(b, e, c.channel, c.value, seen);
  }
  for (const auto& im : in.images) {
    graph::Seconds seen;
    const EntityId e = seller_entity(im.item, seen);
    if (e != StringPool::kNone) graph::AddImageHash(b, e, im.hash, seen);
  }
  const EntityGraph g = std::move(b).Build();

  // Seeds land on the seller: a finding on a listing seeds its shop.
  std::vector<float> seeds(g.num_entities(), 0.0f);
  std::vector<std::vector<std::string>> seed_why(g.num_entities());
  for (const auto& [item, seed] : in.seeds) {
    const std::string* seller = SellerOf(in, item);
    const EntityId e = g.FindEntity(seller ? *seller : item);
    if (e == StringPool::kNone) continue;
    seeds[e] = std::max(seeds[e], static_cast<float>(seed.weight));
    seed_why[e].push_back(item == g.entity_name(e) ? seed.why : item + ": " + seed.why);
  }
  for (auto& w : seed_why) std::sort(w.begin(), w.end());

  const graph::GangResult r = graph::FindGangs(g, seeds, settings.graph);

  // Rank: gangs tied to seeds first, then by closeness and size.
  std::vector<const graph::Gang*> ranked;
  for (const auto& gang : r.gangs) {
    if (graph::IsReportable(gang, settings.graph)) ranked.push_back(&gang);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const graph::Gang* x, const graph::Gang* y) {
    if ((x->seed_weight > 0) != (y->seed_weight > 0)) return x->seed_weight > 0;
    if (x->closeness != y->closeness) return x->closeness > y->closeness;
    return x->members.size() > y->members.size();
  });

  for (const graph::Gang* gang : ranked) {
    const std::string id = GangId(g.entity_name(gang->members[0]));
    const bool seeded = gang->seed_weight > 0;
    // An account with no identifier of its own (only its shops) is the
    // shops' owner of record: the gang operates through it, so it is a
    // member with a finding like its shops, and is also listed in
    // `owner_accounts` so a reviewer sees why it has no links of its own.
    auto owner_only = [&](EntityId e) {
      if (g.entity_kind(e) != graph::EntityKind::kAccount) return false;
      for (AttrId a : g.attrs_of(e)) {
        if (g.attr_type(a) != AttrType::kOwner) return false;
      }
      return true;
    };
    json::Value members = json::Value::Array();
    json::Value owners = json::Value::Array();
    for (EntityId e : gang->members) {
      members.Append(g.entity_name(e));
      if (owner_only(e)) owners.Append(g.entity_name(e));
    }
    json::Value links = json::Value::Array();
    for (size_t i = 0; i < gang->links.size(); ++i) {
      const AttrId a = gang->links[i];
      const AttrType t = g.attr_type(a);
      json::Value link = json::Value::Object();
      link.Set("type", graph::NameOf(t));
      link.Set("value", graph::MaskValue(t, g.attr_value(a)));
      json::Value by = json::Value::Array();
      for (EntityId e : g.entities_of(a)) {
        if (std::binary_search(
                gang->members.begin(), gang->members.end(), e,
                [&](EntityId x, EntityId y) { return g.entity_name(x) < g.entity_name(y); })) {
          by.Append(g.entity_name(e));
        }
      }
      link.Set("members", std::move(by));
      link.Set("operators", gang->link_groups[i]);
      link.Set("shared_by", r.weights.degree[a]);  // how common, in the whole input
      link.Set("weight", std::round(static_cast<double>(r.weights.weight[a]) * 1000) / 1000);
      link.Set("strong", graph::InfoOf(t).strong);
      if (r.weights.hub[a] != graph::HubReason::kNone) {
        link.Set("hub", HubName(r.weights.hub[a]));
      }
      links.Append(std::move(link));
    }
    json::Value seed_list = json::Value::Array();
    for (EntityId e : gang->members) {
      for (const auto& why : seed_why[e]) {
        json::Value s = json::Value::Object();
        s.Set("member", g.entity_name(e));
        s.Set("why", why);
        seed_list.Append(std::move(s));
      }
    }
    json::Value core = json::Value::Array();
    for (EntityId e : gang->core) core.Append(g.entity_name(e));

    for (size_t i = 0; i < gang->members.size(); ++i) {
      const EntityId e = gang->members[i];
      Finding f;
      f.item = std::string(g.entity_name(e));
      f.detector = "gang";
      f.target = id;
      const double tie = gang->tie[i];
      // Seeded gangs: strongly tied members reach the remove threshold (0.95
      // by default), weakly tied ones stay below it. Unseeded gangs: review
      // at most, whatever the score.
      if (seeded) {
        f.score = std::min(1.0, 0.90 + 0.08 * tie + (seeds[e] > 0 ? 0.02 : 0.0));
      } else {
        f.score = 0.60 + 0.30 * tie;
        f.max_action = Action::kReview;
      }
      const bool known_clean = in.clean.count(f.item) > 0;
      if (known_clean) f.max_action = Action::kReview;
      f.score = std::round(f.score * 1000) / 1000;
      f.evidence.Set("members", members);
      if (!owners.items().empty()) f.evidence.Set("owner_accounts", owners);
      f.evidence.Set("links", links);
      f.evidence.Set("role", g.entity_kind(e) == graph::EntityKind::kShop ? "shop" : "account");
      f.evidence.Set("tie", tie >= 1 ? "strong" : "weak");
      f.evidence.Set("seeds", seed_list);
      f.evidence.Set("seeded", seeded);
      if (known_clean) f.evidence.Set("note", "this member has a clean verdict: review only");
      f.evidence.Set("operators", gang->owner_groups);
      f.evidence.Set("core", core);
      f.evidence.Set("density", std::round(gang->density * 1000) / 1000);
      f.evidence.Set("closeness", std::round(static_cast<double>(gang->ppr[i]) * 1e6) / 1e6);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace ipguard
