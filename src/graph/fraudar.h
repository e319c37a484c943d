// FRAUDAR's greedy peeling (Hooi, Song, Beutel, Shah, Shin, Faloutsos:
// "FRAUDAR: Bounding Graph Fraud in the Face of Camouflage", KDD 2016) on the
// bipartite entity-attribute graph.
//
// Density g(S) = f(S) / |S| over a node set S of entities and attributes,
// with f(S) = sum over edges (i, j) inside S of c_j = 1 / log(d_j + c)
// (column weighting, §4.2: popular attributes count little). Algorithm 1:
// repeatedly delete the node whose deletion lowers f least (its weighted
// degree in S), remember the densest S seen. Camouflage edges from a block to
// innocent nodes do not lower the block's density (Theorem 2), so the block
// is found whatever camouflage is added.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/entity_graph.h"
#include "graph/hub_control.h"

namespace ipguard::graph {

struct DenseBlock {
  std::vector<EntityId> entities;  // ascending ids
  std::vector<AttrId> attrs;       // ascending ids
  double density = 0;              // g(S)
};

// Peels the subgraph induced by `entities` and their attributes for which
// `include_attr` (size num_attrs, nonzero = include; empty = every attribute)
// holds. Column weights use `weights.degree` (global degrees).
// O(E log E) in the subgraph's edges.
DenseBlock PeelDensest(const EntityGraph& g, std::span<const EntityId> entities,
                       std::span<const uint8_t> include_attr, const AttrWeights& weights,
                       double c = 5.0);

}  // namespace ipguard::graph
