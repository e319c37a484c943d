// The entity graph: shops and accounts (entities) joined to the attributes
// they carry (payment accounts, devices, contacts, addresses, image hashes...),
// a bipartite graph with typed attribute nodes and first/last-seen times on
// every edge.
//
// Memory: entities and attributes have dense 32-bit ids; edges are stored
// twice in compressed sparse rows (entity -> attributes with times, attribute
// -> entities), 20 bytes per edge in all, plus the identifier strings once.
// 100 million edges take ~2 GiB of rows (see docs/gangs.md for the budget).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/attribute_types.h"
#include "graph/string_pool.h"

namespace ipguard::graph {

enum class EntityKind : uint8_t { kShop, kAccount };

using EntityId = uint32_t;
using AttrId = uint32_t;

// Seconds since the Unix epoch (0 = unknown), enough until 2106.
using Seconds = uint32_t;

class EntityGraph {
 public:
  class Builder;

  uint32_t num_entities() const { return static_cast<uint32_t>(entity_kind_.size()); }
  uint32_t num_attrs() const { return static_cast<uint32_t>(attr_type_.size()); }
  uint64_t num_edges() const { return entity_attr_.size(); }

  std::string_view entity_name(EntityId e) const { return entities_.Get(e); }
  EntityKind entity_kind(EntityId e) const { return static_cast<EntityKind>(entity_kind_[e]); }
  // The entity with this name, or StringPool::kNone.
  EntityId FindEntity(std::string_view name) const { return entities_.Find(name); }

  AttrType attr_type(AttrId a) const { return static_cast<AttrType>(attr_type_[a]); }
  // The normalized value (without its type).
  std::string_view attr_value(AttrId a) const { return attrs_.Get(a).substr(1); }
  AttrId FindAttr(AttrType type, std::string_view value) const;

  // Attributes of an entity, ascending ids, no duplicates; and, parallel to
  // them, the first and last time the entity was seen with each.
  std::span<const AttrId> attrs_of(EntityId e) const {
    return {entity_attr_.data() + entity_begin_[e], entity_attr_.data() + entity_begin_[e + 1]};
  }
  std::span<const Seconds> first_seen_of(EntityId e) const {
    return {first_seen_.data() + entity_begin_[e], first_seen_.data() + entity_begin_[e + 1]};
  }
  std::span<const Seconds> last_seen_of(EntityId e) const {
    return {last_seen_.data() + entity_begin_[e], last_seen_.data() + entity_begin_[e + 1]};
  }
  // Entities carrying an attribute, ascending ids.
  std::span<const EntityId> entities_of(AttrId a) const {
    return {attr_entity_.data() + attr_begin_[a], attr_entity_.data() + attr_begin_[a + 1]};
  }
  uint32_t degree(AttrId a) const {
    return static_cast<uint32_t>(attr_begin_[a + 1] - attr_begin_[a]);
  }

  // Bytes held by the graph (rows, names, tables).
  size_t MemoryBytes() const;

 private:
  StringPool entities_;
  StringPool attrs_;  // type byte + normalized value
  std::vector<uint8_t> entity_kind_;
  std::vector<uint8_t> attr_type_;
  std::vector<uint64_t> entity_begin_{0};
  std::vector<AttrId> entity_attr_;
  std::vector<Seconds> first_seen_, last_seen_;
  std::vector<uint64_t> attr_begin_{0};
  std::vector<EntityId> attr_entity_;
};

// Collects entities, attributes and edges in any order, then freezes them.
class EntityGraph::Builder {
 public:
  // The id of the entity, adding it when new. A kind given later for a known
  // entity wins over kShop (entities first seen as a reference are shops
  // until their own record says otherwise).
  EntityId AddEntity(std::string_view name, EntityKind kind);
  // Like AddEntity, but does not change the kind of a known entity.
  EntityId ReferEntity(std::string_view name, EntityKind kind);
  AttrId AddAttr(AttrType type, std::string_view normalized_value);
  // Adds an edge; a repeated (entity, attribute) pair widens the edge's
  // first/last seen to cover both (0 = unknown never narrows a known time).
  void AddEdge(EntityId e, AttrId a, Seconds seen = 0);

  uint32_t num_entities() const { return static_cast<uint32_t>(kind_.size()); }
  uint32_t num_attrs() const { return static_cast<uint32_t>(type_.size()); }
  size_t num_raw_edges() const { return edges_.size(); }

  // Freezes the graph: counting sort by entity, duplicates merged, then the
  // transposed rows. Linear in the number of edges.
  EntityGraph Build() &&;

 private:
  struct RawEdge {
    EntityId e;
    AttrId a;
    Seconds first, last;
  };
  StringPool entities_;
  StringPool attrs_;
  std::vector<uint8_t> kind_;
  std::vector<uint8_t> type_;
  std::vector<RawEdge> edges_;
  std::string key_;  // scratch
};

// Seconds for a Timestamp in milliseconds (0 when absent or out of range).
Seconds ToSeconds(int64_t millis);

}  // namespace ipguard::graph
