// Leiden community detection (Traag, Waltman, van Eck: "From Louvain to
// Leiden: guaranteeing well-connected communities", Sci. Rep. 2019) with the
// Constant Potts Model objective, through igraph 0.10's
// igraph_community_leiden. CPM (not modularity) because modularity's
// resolution limit merges small communities in a large graph; CPM's
// resolution is a density: a community is kept together only when its
// internal edge weight exceeds resolution * (sum of node-weight products).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ipguard::graph {

// Community of each node 0..n-1 (dense labels from 0). Deterministic for the
// same input: igraph's random generator is re-seeded on every call. On an
// igraph error every node is its own community (nothing merges).
// Not thread-safe (igraph's default RNG is global).
std::vector<uint32_t> LeidenCpm(uint32_t n, std::span<const double> node_weight,
                                std::span<const std::pair<uint32_t, uint32_t>> edges,
                                std::span<const double> edge_weight, double resolution);

}  // namespace ipguard::graph
