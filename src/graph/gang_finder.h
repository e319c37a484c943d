// Gang detection on the entity graph, in four steps (docs/gangs.md):
//
//  1. Hub control (hub_control.h): weights 1/log(d + c), caps, allowlist.
//  2. Hard clusters: union-find over strong identifiers (owner, payment,
//     device, ID number, contact) that are not hubs.
//  3. Soft gangs: two hard clusters are linked when the weak attributes they
//     share (address, IP, image...) add up to `weak_gate` (one weak attribute
//     alone never links); each connected group of linked clusters is split
//     by Leiden/CPM on the weak-link graph, so a thin bridge (a camouflage
//     link, a coincidence) does not glue two groups together.
//  4. For each gang of at least `min_members`: the links (attributes shared
//     by two or more members, hubs included as discounted evidence), FRAUDAR's
//     densest block, and closeness to the seeds by personalized PageRank.
//
// Everything a gang's membership depends on lies inside its "linked
// component" (step 3's groups before splitting), so a component can be
// recomputed alone (incremental.h) with the global attribute degrees.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/entity_graph.h"
#include "graph/hub_control.h"

namespace ipguard::graph {

struct GangOptions {
  HubPolicy hubs;
  // Sum of w(a) over distinct weak attributes two hard clusters must share
  // to be linked (address 0.5 + IP 0.35 at degree 2 = 0.85 passes; any single
  // weak attribute, at most 0.6, does not).
  double weak_gate = 0.75;
  // CPM resolution. Nodes are hard clusters weighing their number of owner
  // groups (distinct operators); an edge weighs sum over shared weak
  // attributes of w(a) x carrying owner groups on each side. A cluster joins a
  // community only when its edge weight into it exceeds resolution x (its
  // groups) x (the community's groups).
  double resolution = 0.1;
  uint32_t min_members = 3;
  double ppr_alpha = 0.15;
  double ppr_epsilon = 1e-6;
};

struct Gang {
  std::vector<EntityId> members;  // sorted by entity name
  // Per member, in [0, 1]: 1 when in the gang's largest hard cluster (tied by
  // strong identifiers), else the weak evidence tying its cluster to the rest.
  std::vector<float> tie;
  std::vector<float> ppr;             // per member: personalized PageRank from the seeds
  std::vector<AttrId> links;          // attributes shared by >= 2 members
  std::vector<uint32_t> link_shared;  // per link: how many members share it
  std::vector<uint32_t> link_groups;  // per link: how many owner groups carry it
  // Most owner groups carrying one weak (non-hub) link: a gang's own photos
  // or return address recur across its operators; a household's address
  // ties two.
  uint32_t widest_weak_link = 0;
  uint32_t owner_groups = 0;       // distinct operators by ownership alone
  uint32_t hard_clusters = 0;      // strong-identifier clusters merged
  bool strong_cross_link = false;  // a strong non-owner link spans owner groups
  std::vector<EntityId> core;      // FRAUDAR's densest block (entities)
  double density = 0;              // its density g(S)
  double seed_weight = 0;          // sum of members' seed weights
  double closeness = 0;            // sum of members' PPR
  uint32_t component = 0;          // linked component (step 3) it came from
};

struct GangResult {
  std::vector<Gang> gangs;
  AttrWeights weights;
  std::vector<uint32_t> hard;       // per entity: its hard cluster's root
  std::vector<uint32_t> component;  // per entity: its linked component's root
};

// A gang worth reporting: at least `min_members`, run by several operators
// (owner groups) tied by a strong identifier across them, or by weak
// attributes only when one of them recurs across three or more operators.
// One account with its own shops is a merchant, not a gang; households
// sharing a home address and IP, pair by pair, are families.
bool IsReportable(const Gang& gang, const GangOptions& options);

// Finds the gangs of `g`. `seeds` (empty or one weight per entity, >= 0)
// marks known or detected infringers. `degree` (empty or one per attribute)
// overrides attribute degrees when `g` is part of a larger graph.
// Deterministic: the same graph gives the same gangs, whatever its id order.
GangResult FindGangs(const EntityGraph& g, std::span<const float> seeds, const GangOptions& options,
                     std::span<const uint32_t> degree = {});

}  // namespace ipguard::graph
