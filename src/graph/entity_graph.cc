#include "graph/entity_graph.h"

#include <algorithm>

namespace ipguard::graph {

Seconds ToSeconds(int64_t millis) {
  if (millis <= 0) return 0;
  const int64_t s = millis / 1000;
  return s > static_cast<int64_t>(UINT32_MAX) ? 0 : static_cast<Seconds>(s);
}

AttrId EntityGraph::FindAttr(AttrType type, std::string_view value) const {
  std::string key(1, static_cast<char>(type));
  key.append(value);
  return attrs_.Find(key);
}

size_t EntityGraph::MemoryBytes() const {
  return entities_.MemoryBytes() + attrs_.MemoryBytes() + entity_kind_.capacity() +
         attr_type_.capacity() + entity_begin_.capacity() * 8 + attr_begin_.capacity() * 8 +
         (entity_attr_.capacity() + first_seen_.capacity() + last_seen_.capacity() +
          attr_entity_.capacity()) *
             4;
}

EntityId EntityGraph::Builder::AddEntity(std::string_view name, EntityKind kind) {
  const EntityId id = entities_.Intern(name);
  if (id == kind_.size()) {
    kind_.push_back(static_cast<uint8_t>(kind));
  } else if (kind != EntityKind::kShop) {
    kind_[id] = static_cast<uint8_t>(kind);
  }
  return id;
}

EntityId EntityGraph::Builder::ReferEntity(std::string_view name, EntityKind kind) {
  const EntityId id = entities_.Intern(name);
  if (id == kind_.size()) kind_.push_back(static_cast<uint8_t>(kind));
  return id;
}

AttrId EntityGraph::Builder::AddAttr(AttrType type, std::string_view normalized_value) {
  key_.assign(1, static_cast<char>(type));
  key_.append(normalized_value);
  const AttrId id = attrs_.Intern(key_);
  if (id == type_.size()) type_.push_back(static_cast<uint8_t>(type));
  return id;
}

void EntityGraph::Builder::AddEdge(EntityId e, AttrId a, Seconds seen) {
  edges_.push_back({e, a, seen, seen});
}

EntityGraph EntityGraph::Builder::Build() && {
  EntityGraph g;
  const uint32_t ne = num_entities();
  const uint32_t na = num_attrs();
  g.entities_ = std::move(entities_);
  g.attrs_ = std::move(attrs_);
  g.entity_kind_ = std::move(kind_);
  g.attr_type_ = std::move(type_);

  // Counting sort of the raw edges by entity.
  std::vector<uint64_t> begin(ne + 1, 0);
  for (const RawEdge& r : edges_) ++begin[r.e + 1];
  for (uint32_t e = 0; e < ne; ++e) begin[e + 1] += begin[e];
  std::vector<RawEdge> sorted(edges_.size());
  {
    std::vector<uint64_t> next(begin.begin(), begin.end() - 1);
    for (const RawEdge& r : edges_) sorted[next[r.e]++] = r;
  }
  std::vector<RawEdge>().swap(edges_);

  // Within each entity's row: sort by attribute, merge duplicates.
  g.entity_begin_.assign(ne + 1, 0);
  g.entity_attr_.reserve(sorted.size());
  g.first_seen_.reserve(sorted.size());
  g.last_seen_.reserve(sorted.size());
  for (uint32_t e = 0; e < ne; ++e) {
    auto* lo = sorted.data() + begin[e];
    auto* hi = sorted.data() + begin[e + 1];
    std::sort(lo, hi, [](const RawEdge& x, const RawEdge& y) { return x.a < y.a; });
    for (auto* r = lo; r < hi; ++r) {
      if (!g.entity_attr_.empty() && g.entity_attr_.size() > g.entity_begin_[e] &&
          g.entity_attr_.back() == r->a) {
        Seconds& f = g.first_seen_.back();
        Seconds& l = g.last_seen_.back();
        if (r->first && (!f || r->first < f)) f = r->first;
        if (r->last > l) l = r->last;
        continue;
      }
      g.entity_attr_.push_back(r->a);
      g.first_seen_.push_back(r->first);
      g.last_seen_.push_back(r->last);
    }
    g.entity_begin_[e + 1] = g.entity_attr_.size();
  }
  std::vector<RawEdge>().swap(sorted);

  // Transpose: attribute -> entities (ascending, since entities are visited
  // in order).
  g.attr_begin_.assign(na + 1, 0);
  for (AttrId a : g.entity_attr_) ++g.attr_begin_[a + 1];
  for (uint32_t a = 0; a < na; ++a) g.attr_begin_[a + 1] += g.attr_begin_[a];
  g.attr_entity_.resize(g.entity_attr_.size());
  std::vector<uint64_t> next(g.attr_begin_.begin(), g.attr_begin_.end() - 1);
  for (uint32_t e = 0; e < ne; ++e) {
    for (uint64_t i = g.entity_begin_[e]; i < g.entity_begin_[e + 1]; ++i) {
      g.attr_entity_[next[g.entity_attr_[i]]++] = e;
    }
  }
  return g;
}

}  // namespace ipguard::graph
