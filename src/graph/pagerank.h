// Personalized PageRank from seed entities over the entity-attribute graph,
// by the local "push" algorithm (Andersen, Chung, Lang: "Local graph
// partitioning using PageRank vectors", FOCS 2006). Cost depends on the seeds'
// neighbourhood and epsilon, not on the graph's size. Hubs are left out: a
// warehouse address shared by thousands says nothing about who is close to a
// known infringer.
#pragma once

#include <span>
#include <vector>

#include "graph/entity_graph.h"
#include "graph/hub_control.h"

namespace ipguard::graph {

// `seeds[e]` >= 0 is the restart mass of entity e (normalized to sum 1).
// Edge (e, a) weighs weights.weight[a]; attributes that are hubs or shared by
// fewer than two entities are skipped. Returns the PPR estimate per entity
// (attribute mass is not returned); every entry is within epsilon times its
// weighted degree of the exact value.
std::vector<float> PersonalizedPageRank(const EntityGraph& g, std::span<const float> seeds,
                                        const AttrWeights& weights, double alpha = 0.15,
                                        double epsilon = 1e-6);

}  // namespace ipguard::graph
