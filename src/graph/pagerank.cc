#include "graph/pagerank.h"

#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace ipguard::graph {

std::vector<float> PersonalizedPageRank(const EntityGraph& g, std::span<const float> seeds,
                                        const AttrWeights& weights, double alpha, double epsilon) {
  const uint32_t ne = g.num_entities();
  std::vector<float> result(ne, 0.0f);
  double total = 0;
  for (float s : seeds) total += s > 0 ? s : 0;
  if (total <= 0) return result;

  auto usable = [&](AttrId a) { return weights.hub[a] == HubReason::kNone && g.degree(a) >= 2; };
  auto entity_degree = [&](EntityId e) {
    double d = 0;
    for (AttrId a : g.attrs_of(e)) {
      if (usable(a)) d += weights.weight[a];
    }
    return d;
  };
  // Nodes: entity e as e, attribute a as ne + a. Only touched nodes get state.
  std::unordered_map<uint64_t, double> residual, estimate;
  std::deque<uint64_t> queue;
  std::unordered_set<uint64_t> queued;
  for (EntityId e = 0; e < seeds.size() && e < ne; ++e) {
    if (seeds[e] > 0) {
      residual[e] = seeds[e] / total;
      queue.push_back(e);
      queued.insert(e);
    }
  }
  // Push step: keep alpha of the residual, spread the rest to neighbours in
  // proportion to edge weight; repeat while some r(u) >= epsilon * d(u).
  while (!queue.empty()) {
    const uint64_t u = queue.front();
    queue.pop_front();
    queued.erase(u);
    const double r = residual[u];
    double deg;
    if (u < ne) {
      deg = entity_degree(static_cast<EntityId>(u));
    } else {
      const AttrId a = static_cast<AttrId>(u - ne);
      deg = weights.weight[a] * g.degree(a);
    }
    if (r <= 0 || (deg > 0 && r < epsilon * deg)) continue;
    residual[u] = 0;
    if (deg <= 0) {
      estimate[u] += r;
      continue;
    }
    estimate[u] += alpha * r;
    const double spread = (1 - alpha) * r;
    auto give = [&](uint64_t v, double amount) {
      residual[v] += amount;
      if (queued.insert(v).second) queue.push_back(v);
    };
    if (u < ne) {
      for (AttrId a : g.attrs_of(static_cast<EntityId>(u))) {
        if (usable(a)) give(ne + a, spread * weights.weight[a] / deg);
      }
    } else {
      const AttrId a = static_cast<AttrId>(u - ne);
      const double share = spread / g.degree(a);
      for (EntityId e : g.entities_of(a)) give(e, share);
    }
  }
  for (const auto& [u, p] : estimate) {
    if (u < ne) result[u] = static_cast<float>(p);
  }
  return result;
}

}  // namespace ipguard::graph
