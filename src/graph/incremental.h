// Gangs kept up to date as shops, accounts and attributes arrive, without
// recomputing the whole graph.
//
// Everything a gang's membership depends on lies inside its linked component
// (gang_finder.h) plus the global degrees of its attributes. A new edge
// (entity, attribute) can only change: the components of the entities that
// carry the attribute (its weight and hub status change), and the components
// one weak hop away from the hard cluster the new edge may grow (new gated
// links can only involve that cluster). Update() recomputes exactly that
// region with FindGangs on the region's subgraph and the global degrees, so
// its gangs equal a full recomputation's (tested), at a cost that depends on
// the region, not on the graph.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/gang_finder.h"
#include "graph/string_pool.h"
#include "ipguard/records.h"

namespace ipguard::graph {

class IncrementalGangs {
 public:
  explicit IncrementalGangs(GangOptions options) : options_(std::move(options)) {}

  // Adds an edge (and the entity and attribute when new). Marks the region.
  void AddEdge(std::string_view entity, EntityKind kind, AttrType type, std::string_view value);
  // Adds a shop or account record as graph_input.h does.
  void AddShop(const Shop& shop);
  void AddAccount(const Account& account);
  void SetSeed(std::string_view entity, float weight);

  // Recomputes the gangs of the region touched since the last call. Returns
  // how many entities were recomputed.
  size_t Update();

  // Reportable gangs as sorted member-name lists, sorted.
  std::vector<std::vector<std::string>> Gangs() const;
  uint32_t num_entities() const { return entities_.size(); }

 private:
  uint32_t Entity(std::string_view name, EntityKind kind, bool set_kind);
  GangOptions options_;
  StringPool entities_, attrs_;
  std::vector<EntityKind> kind_;
  std::vector<AttrType> type_;
  std::vector<std::vector<uint32_t>> entity_attrs_, attr_entities_;
  std::vector<float> seed_;
  std::vector<uint32_t> component_;  // per entity: component label (kNone = never computed)
  std::unordered_map<uint32_t, std::vector<uint32_t>> component_members_;
  uint32_t next_component_ = 0;
  // Reportable gangs by component label: member entity ids.
  std::unordered_map<uint32_t, std::vector<std::vector<uint32_t>>> gangs_;
  std::unordered_set<uint32_t> dirty_entities_, dirty_attrs_;
};

}  // namespace ipguard::graph
