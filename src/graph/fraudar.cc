#include "graph/fraudar.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

namespace ipguard::graph {

DenseBlock PeelDensest(const EntityGraph& g, std::span<const EntityId> entities,
                       std::span<const uint8_t> include_attr, const AttrWeights& weights,
                       double c) {
  DenseBlock best;
  const uint32_t ne = static_cast<uint32_t>(entities.size());
  if (ne == 0) return best;

  // Local ids: entities 0..ne-1, attributes ne.. in first-seen order.
  std::unordered_map<AttrId, uint32_t> local;
  std::vector<AttrId> attr_ids;
  std::vector<std::vector<uint32_t>> adj(ne);
  for (uint32_t i = 0; i < ne; ++i) {
    for (AttrId a : g.attrs_of(entities[i])) {
      if (!include_attr.empty() && !include_attr[a]) continue;
      auto [it, fresh] = local.try_emplace(a, ne + static_cast<uint32_t>(attr_ids.size()));
      if (fresh) {
        attr_ids.push_back(a);
        adj.emplace_back();
      }
      adj[i].push_back(it->second);
      adj[it->second].push_back(i);
    }
  }
  const uint32_t n = static_cast<uint32_t>(adj.size());
  std::vector<double> col(attr_ids.size());
  for (size_t j = 0; j < attr_ids.size(); ++j) {
    col[j] = 1.0 / std::log(static_cast<double>(weights.degree[attr_ids[j]]) + c);
  }
  auto edge_weight = [&](uint32_t u, uint32_t v) { return col[(u < ne ? v : u) - ne]; };

  // Weighted degree of each node inside S, and f(S).
  std::vector<double> prio(n, 0);
  double f = 0;
  for (uint32_t i = 0; i < ne; ++i) {
    for (uint32_t v : adj[i]) {
      const double w = edge_weight(i, v);
      prio[i] += w;
      prio[v] += w;
      f += w;
    }
  }

  // Algorithm 1: peel the node of least priority (lazy-deletion heap).
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (uint32_t u = 0; u < n; ++u) heap.emplace(prio[u], u);
  std::vector<uint8_t> removed(n, 0);
  std::vector<uint32_t> order;
  order.reserve(n);
  uint32_t alive = n;
  double best_g = f / n;
  size_t best_step = 0;  // nodes removed before the densest S
  while (!heap.empty()) {
    auto [p, u] = heap.top();
    heap.pop();
    if (removed[u] || p != prio[u]) continue;
    removed[u] = 1;
    order.push_back(u);
    --alive;
    f -= prio[u];
    for (uint32_t v : adj[u]) {
      if (removed[v]) continue;
      prio[v] -= edge_weight(u, v);
      heap.emplace(prio[v], v);
    }
    if (alive > 0 && f / alive > best_g + 1e-12) {
      best_g = f / alive;
      best_step = order.size();
    }
  }
  std::vector<uint8_t> out(n, 0);
  for (size_t k = 0; k < best_step; ++k) out[order[k]] = 1;
  for (uint32_t u = 0; u < n; ++u) {
    if (out[u]) continue;
    if (u < ne) {
      best.entities.push_back(entities[u]);
    } else {
      best.attrs.push_back(attr_ids[u - ne]);
    }
  }
  std::sort(best.entities.begin(), best.entities.end());
  std::sort(best.attrs.begin(), best.attrs.end());
  best.density = best_g;
  return best;
}

}  // namespace ipguard::graph
