#include "graph/incremental.h"

#include <algorithm>

#include "graph/entity_graph.h"

namespace ipguard::graph {

uint32_t IncrementalGangs::Entity(std::string_view name, EntityKind kind, bool set_kind) {
  const uint32_t e = entities_.Intern(name);
  if (e == kind_.size()) {
    kind_.push_back(kind);
    entity_attrs_.emplace_back();
    seed_.push_back(0);
    component_.push_back(StringPool::kNone);
  } else if (set_kind && kind != EntityKind::kShop) {
    kind_[e] = kind;
  }
  return e;
}

void IncrementalGangs::AddEdge(std::string_view entity, EntityKind kind, AttrType type,
                               std::string_view value) {
  const uint32_t e = Entity(entity, kind, true);
  std::string key(1, static_cast<char>(type));
  key.append(value);
  const uint32_t a = attrs_.Intern(key);
  if (a == type_.size()) {
    type_.push_back(type);
    attr_entities_.emplace_back();
  }
  auto& row = entity_attrs_[e];
  if (std::find(row.begin(), row.end(), a) != row.end()) return;
  row.push_back(a);
  attr_entities_[a].push_back(e);
  dirty_entities_.insert(e);
  dirty_attrs_.insert(a);
}

void IncrementalGangs::AddShop(const Shop& shop) {
  Entity(shop.id, EntityKind::kShop, true);
  dirty_entities_.insert(entities_.Find(shop.id));
  for (const auto& [k, v] : shop.attrs) {
    AttrType t;
    std::string n;
    if (ClassifyAttr(k, v, t, n)) AddEdge(shop.id, EntityKind::kShop, t, n);
  }
  if (!shop.account.empty()) {
    AddEdge(shop.id, EntityKind::kShop, AttrType::kOwner, shop.account);
    Entity(shop.account, EntityKind::kAccount, false);
    AddEdge(shop.account, kind_[entities_.Find(shop.account)], AttrType::kOwner, shop.account);
  }
}

void IncrementalGangs::AddAccount(const Account& account) {
  Entity(account.id, EntityKind::kAccount, true);
  for (const auto& [k, v] : account.attrs) {
    AttrType t;
    std::string n;
    if (ClassifyAttr(k, v, t, n)) AddEdge(account.id, EntityKind::kAccount, t, n);
  }
  AddEdge(account.id, EntityKind::kAccount, AttrType::kOwner, account.id);
  for (const auto& s : account.shops) {
    Entity(s, EntityKind::kShop, false);
    AddEdge(s, kind_[entities_.Find(s)], AttrType::kOwner, account.id);
  }
}

void IncrementalGangs::SetSeed(std::string_view entity, float weight) {
  const uint32_t e = Entity(entity, EntityKind::kShop, false);
  seed_[e] = weight;
  dirty_entities_.insert(e);
}

size_t IncrementalGangs::Update() {
  if (dirty_entities_.empty() && dirty_attrs_.empty()) return 0;
  auto degree = [&](uint32_t a) { return static_cast<uint32_t>(attr_entities_[a].size()); };
  auto is_hub = [&](uint32_t a) {
    return options_.hubs.allowlist.Contains(type_[a], attrs_.Get(a).substr(1)) ||
           degree(a) > options_.hubs.cap[static_cast<int>(type_[a])];
  };

  // The region: touched entities and the carriers of touched attributes
  // with their old components (R1); every entity one linkable hop from R1
  // (the hard cluster an edge grows is inside R1, and new gated links can
  // only involve it), with their old components.
  std::unordered_set<uint32_t> region;
  std::unordered_set<uint32_t> old_components;
  auto add_with_component = [&](uint32_t e) {
    if (!region.insert(e).second) return;
    const uint32_t c = component_[e];
    if (c == StringPool::kNone || !old_components.insert(c).second) return;
    for (uint32_t x : component_members_[c]) region.insert(x);
  };
  for (uint32_t e : dirty_entities_) add_with_component(e);
  for (uint32_t a : dirty_attrs_) {
    for (uint32_t e : attr_entities_[a]) add_with_component(e);
  }
  const std::vector<uint32_t> r1(region.begin(), region.end());
  for (uint32_t e : r1) {
    for (uint32_t a : entity_attrs_[e]) {
      if (is_hub(a)) continue;
      for (uint32_t x : attr_entities_[a]) add_with_component(x);
    }
  }
  // The region's subgraph, entities in name order, with global degrees.
  std::vector<uint32_t> members(region.begin(), region.end());
  std::sort(members.begin(), members.end(),
            [&](uint32_t x, uint32_t y) { return entities_.Get(x) < entities_.Get(y); });
  EntityGraph::Builder b;
  std::vector<uint32_t> global_of_local_attr;
  std::unordered_map<uint32_t, uint32_t> local_attr;
  std::vector<float> seeds;
  for (uint32_t e : members) {
    const EntityId le = b.AddEntity(entities_.Get(e), kind_[e]);
    seeds.push_back(seed_[e]);
    for (uint32_t a : entity_attrs_[e]) {
      const AttrId la = b.AddAttr(type_[a], attrs_.Get(a).substr(1));
      if (la == global_of_local_attr.size()) global_of_local_attr.push_back(a);
      b.AddEdge(le, la);
    }
  }
  const EntityGraph g = std::move(b).Build();
  std::vector<uint32_t> global_degree(g.num_attrs());
  for (AttrId la = 0; la < g.num_attrs(); ++la) {
    global_degree[la] = degree(global_of_local_attr[la]);
  }
  const GangResult r = FindGangs(g, seeds, options_, global_degree);

  // Replace the old components' state by the new.
  for (uint32_t c : old_components) {
    component_members_.erase(c);
    gangs_.erase(c);
  }
  std::unordered_map<uint32_t, uint32_t> label_of_root;
  for (EntityId le = 0; le < g.num_entities(); ++le) {
    auto [it, fresh] = label_of_root.try_emplace(r.component[le], next_component_);
    if (fresh) ++next_component_;
    const uint32_t e = entities_.Find(g.entity_name(le));
    component_[e] = it->second;
    component_members_[it->second].push_back(e);
  }
  for (const Gang& gang : r.gangs) {
    if (!IsReportable(gang, options_)) continue;
    std::vector<uint32_t> ids;
    for (EntityId le : gang.members) ids.push_back(entities_.Find(g.entity_name(le)));
    gangs_[component_[ids[0]]].push_back(std::move(ids));
  }
  dirty_entities_.clear();
  dirty_attrs_.clear();
  return members.size();
}

std::vector<std::vector<std::string>> IncrementalGangs::Gangs() const {
  std::vector<std::vector<std::string>> out;
  for (const auto& [c, list] : gangs_) {
    for (const auto& ids : list) {
      std::vector<std::string> names;
      for (uint32_t e : ids) names.emplace_back(entities_.Get(e));
      std::sort(names.begin(), names.end());
      out.push_back(std::move(names));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ipguard::graph
