// Scores gang detection on a planted world: member precision and recall
// (each reported gang is matched to the planted gang most of its members
// belong to), and how many innocent hub users ended up in a reported gang.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "graph/gang_finder.h"
#include "graph/graph_input.h"
#include "graph/planted.h"

namespace ipguard::graph::eval {

struct Score {
  double precision = 0, recall = 0;
  size_t reported_gangs = 0, reported_members = 0, planted_members = 0;
  size_t hub_users_swallowed = 0;
  size_t innocents_reported = 0;
};

inline EntityGraph BuildPlantedGraph(const PlantedWorld& w) {
  EntityGraph::Builder b;
  for (const auto& a : w.accounts) AddAccount(b, a);
  for (const auto& s : w.shops) AddShop(b, s);
  return std::move(b).Build();
}

inline std::vector<float> PlantedSeeds(const EntityGraph& g, const PlantedWorld& w) {
  std::vector<float> seeds(g.num_entities(), 0.0f);
  for (const auto& v : w.verdicts) {
    const EntityId e = g.FindEntity(v.item);
    if (e != StringPool::kNone && v.label == "infringing") seeds[e] = 1.0f;
  }
  return seeds;
}

inline Score Evaluate(const EntityGraph& g, const GangResult& r, const PlantedWorld& w,
                      const GangOptions& options) {
  Score s;
  std::unordered_map<uint32_t, size_t> found;  // planted gang -> members found
  std::unordered_map<std::string, int> hub;
  for (const auto& h : w.hub_users) hub[h] = 1;
  size_t correct = 0;
  for (const Gang& gang : r.gangs) {
    if (!IsReportable(gang, options)) continue;
    ++s.reported_gangs;
    std::unordered_map<uint32_t, size_t> votes;
    for (EntityId e : gang.members) {
      auto it = w.truth.find(std::string(g.entity_name(e)));
      if (it != w.truth.end()) ++votes[it->second];
      if (hub.count(std::string(g.entity_name(e))) &&
          !w.truth.count(std::string(g.entity_name(e)))) {
        ++s.hub_users_swallowed;
      }
      if (it == w.truth.end()) ++s.innocents_reported;
    }
    uint32_t best = UINT32_MAX;
    size_t best_n = 0;
    for (const auto& [gid, n] : votes) {
      if (n > best_n || (n == best_n && gid < best)) best = gid, best_n = n;
    }
    s.reported_members += gang.members.size();
    correct += best_n;
    if (best != UINT32_MAX) found[best] += best_n;
  }
  for (uint32_t n : w.gang_size) s.planted_members += n;
  size_t recalled = 0;
  for (const auto& [gid, n] : found) recalled += std::min<size_t>(n, w.gang_size[gid]);
  s.precision = s.reported_members ? static_cast<double>(correct) / s.reported_members : 1.0;
  s.recall = s.planted_members ? static_cast<double>(recalled) / s.planted_members : 1.0;
  return s;
}

}  // namespace ipguard::graph::eval
