#include "graph/gang_finder.h"

#include <algorithm>
#include <unordered_map>

#include "graph/fraudar.h"
#include "graph/leiden.h"
#include "graph/pagerank.h"
#include "graph/union_find.h"

namespace ipguard::graph {
namespace {

struct PairEvidence {
  double distinct = 0;  // sum of w(a) over distinct shared weak attributes
  double pairs = 0;     // sum of w(a) x owner groups carrying it on each side
};

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

bool Linkable(const GangResult& r, const EntityGraph& g, AttrId a) {
  return r.weights.hub[a] == HubReason::kNone && g.degree(a) >= 2;
}

}  // namespace

bool IsReportable(const Gang& gang, const GangOptions& options) {
  if (gang.members.size() < options.min_members) return false;
  if (gang.owner_groups < 2) return false;
  return gang.strong_cross_link || (gang.owner_groups >= 3 && gang.widest_weak_link >= 3);
}

GangResult FindGangs(const EntityGraph& g, std::span<const float> seeds, const GangOptions& options,
                     std::span<const uint32_t> degree) {
  GangResult r;
  const uint32_t ne = g.num_entities();
  const uint32_t na = g.num_attrs();
  // Step 1: hub control.
  r.weights = ComputeWeights(g, degree, options.hubs);

  // Step 2: hard clusters by strong identifiers; owner groups by ownership.
  UnionFind hard(ne), owner(ne);
  for (AttrId a = 0; a < na; ++a) {
    const AttrType t = g.attr_type(a);
    if (!InfoOf(t).strong || !Linkable(r, g, a)) continue;
    auto es = g.entities_of(a);
    for (size_t i = 1; i < es.size(); ++i) {
      hard.Union(es[0], es[i]);
      if (t == AttrType::kOwner) owner.Union(es[0], es[i]);
    }
  }
  r.hard.resize(ne);
  for (EntityId e = 0; e < ne; ++e) r.hard[e] = hard.Find(e);

  // Step 3a: weak evidence between hard clusters.
  std::unordered_map<uint64_t, PairEvidence> evidence;
  std::vector<std::pair<uint32_t, uint32_t>> roots;  // (root, entities with a)
  for (AttrId a = 0; a < na; ++a) {
    if (InfoOf(g.attr_type(a)).strong || !Linkable(r, g, a)) continue;
    // (hard root, owner group) of every carrier; an operator repeating its
    // own address on its shop and account is one piece of evidence, so a
    // cluster counts the distinct owner groups that carry `a`.
    roots.clear();
    for (EntityId e : g.entities_of(a)) roots.emplace_back(r.hard[e], owner.Find(e));
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    size_t k = 0;
    for (size_t i = 0; i < roots.size(); ++i) {
      if (k > 0 && roots[k - 1].first == roots[i].first) {
        ++roots[k - 1].second;
      } else {
        roots[k++] = {roots[i].first, 1};
      }
    }
    roots.resize(k);
    const double w = r.weights.weight[a];
    for (size_t i = 0; i < k; ++i) {
      for (size_t j = i + 1; j < k; ++j) {
        PairEvidence& p = evidence[PairKey(roots[i].first, roots[j].first)];
        p.distinct += w;
        p.pairs += w * roots[i].second * roots[j].second;
      }
    }
  }

  // Step 3b: linked components over gated pairs.
  UnionFind linked(ne);
  for (EntityId e = 0; e < ne; ++e) linked.Union(e, r.hard[e]);
  std::vector<std::pair<uint64_t, double>> gated;  // (pair key, Leiden weight)
  for (const auto& [key, p] : evidence) {
    if (p.distinct + 1e-9 < options.weak_gate) continue;
    gated.emplace_back(key, p.pairs);
    linked.Union(static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key));
  }
  r.component.resize(ne);
  for (EntityId e = 0; e < ne; ++e) r.component[e] = linked.Find(e);

  // Members of each hard cluster, and hard clusters of each component.
  std::vector<uint32_t> hard_size(ne, 0), comp_size(ne, 0), hard_groups(ne, 0);
  for (EntityId e = 0; e < ne; ++e) {
    ++hard_size[r.hard[e]];
    ++comp_size[r.component[e]];
    if (owner.Find(e) == e) ++hard_groups[r.hard[e]];
  }
  std::vector<uint32_t> hard_begin(ne + 1, 0);
  for (EntityId e = 0; e < ne; ++e) hard_begin[e + 1] = hard_begin[e] + hard_size[e];
  std::vector<EntityId> hard_members(ne);
  {
    std::vector<uint32_t> next(hard_begin.begin(), hard_begin.end() - 1);
    for (EntityId e = 0; e < ne; ++e) hard_members[next[r.hard[e]]++] = e;
  }
  auto members_of = [&](uint32_t root) {
    return std::span<const EntityId>(hard_members.data() + hard_begin[root],
                                     hard_members.data() + hard_begin[root + 1]);
  };
  // Canonical name of a hard cluster: its smallest entity name.
  auto cluster_name = [&](uint32_t root) {
    std::string_view best;
    for (EntityId e : members_of(root)) {
      if (best.empty() || g.entity_name(e) < best) best = g.entity_name(e);
    }
    return best;
  };

  std::unordered_map<uint32_t, std::vector<uint32_t>> comp_clusters;
  for (EntityId e = 0; e < ne; ++e) {
    if (r.hard[e] == e && comp_size[r.component[e]] >= options.min_members) {
      comp_clusters[r.component[e]].push_back(e);
    }
  }
  std::unordered_map<uint32_t, std::vector<std::pair<uint64_t, double>>> comp_edges;
  for (const auto& ge : gated) {
    const uint32_t c = r.component[static_cast<uint32_t>(ge.first >> 32)];
    if (comp_size[c] >= options.min_members) comp_edges[c].push_back(ge);
  }

  // Step 3c: Leiden/CPM inside each component, in canonical order so that a
  // component gives the same communities wherever it is computed.
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> communities;  // (component, roots)
  std::vector<uint32_t> components;
  for (auto& [c, list] : comp_clusters) components.push_back(c);
  std::vector<std::pair<std::string_view, uint32_t>> named;
  for (uint32_t c : components) {
    auto& clusters = comp_clusters[c];
    if (clusters.size() == 1) {
      communities.push_back({c, clusters});
      continue;
    }
    named.clear();
    for (uint32_t root : clusters) named.emplace_back(cluster_name(root), root);
    std::sort(named.begin(), named.end());
    std::unordered_map<uint32_t, uint32_t> index;
    std::vector<double> node_weight;
    for (uint32_t i = 0; i < named.size(); ++i) {
      index[named[i].second] = i;
      node_weight.push_back(hard_groups[named[i].second]);
    }
    auto& edges = comp_edges[c];
    std::vector<std::tuple<uint32_t, uint32_t, double>> local;
    for (const auto& [key, w] : edges) {
      uint32_t x = index.at(static_cast<uint32_t>(key >> 32));
      uint32_t y = index.at(static_cast<uint32_t>(key));
      if (x > y) std::swap(x, y);
      local.emplace_back(x, y, w);
    }
    std::sort(local.begin(), local.end());
    std::vector<std::pair<uint32_t, uint32_t>> le;
    std::vector<double> lw;
    for (const auto& [x, y, w] : local) {
      le.emplace_back(x, y);
      lw.push_back(w);
    }
    const auto membership =
        LeidenCpm(static_cast<uint32_t>(named.size()), node_weight, le, lw, options.resolution);
    uint32_t labels = 0;
    for (uint32_t m : membership) labels = std::max(labels, m + 1);
    std::vector<std::vector<uint32_t>> groups(labels);
    for (uint32_t i = 0; i < membership.size(); ++i) {
      groups[membership[i]].push_back(named[i].second);
    }
    for (auto& grp : groups) {
      if (!grp.empty()) communities.push_back({c, std::move(grp)});
    }
  }

  // Step 3d: personal ties are not common control. A cluster whose weak ties
  // into its community all lead to one operator (owner group), e.g. the
  // household of an account a gang hijacked, is detached unless those ties
  // are overwhelming (2 x weak_gate). Repeated until nothing changes, since a
  // detached cluster may have been another's only anchor.
  {
    std::vector<std::pair<uint32_t, std::vector<uint32_t>>> detached;
    std::unordered_map<uint32_t, uint32_t> in_community;  // root -> index
    std::unordered_map<AttrId, char> seen_attr;
    std::vector<uint32_t> anchors;
    for (size_t ci = 0; ci < communities.size(); ++ci) {
      auto& roots = communities[ci].second;
      if (roots.size() < 2) continue;
      uint32_t core = roots[0];
      for (uint32_t root : roots) {
        if (hard_groups[root] > hard_groups[core] ||
            (hard_groups[root] == hard_groups[core] && hard_size[root] > hard_size[core])) {
          core = root;
        }
      }
      for (bool changed = true; changed && roots.size() > 1;) {
        changed = false;
        in_community.clear();
        for (uint32_t root : roots) in_community[root] = 1;
        for (size_t k = 0; k < roots.size(); ++k) {
          const uint32_t root = roots[k];
          if (root == core) continue;
          anchors.clear();
          seen_attr.clear();
          double distinct = 0;
          for (EntityId e : members_of(root)) {
            for (AttrId a : g.attrs_of(e)) {
              if (InfoOf(g.attr_type(a)).strong || !Linkable(r, g, a)) continue;
              bool shared_out = false;
              for (EntityId x : g.entities_of(a)) {
                if (r.hard[x] != root && in_community.count(r.hard[x])) {
                  anchors.push_back(owner.Find(x));
                  shared_out = true;
                }
              }
              if (shared_out && seen_attr.emplace(a, 1).second) distinct += r.weights.weight[a];
            }
          }
          std::sort(anchors.begin(), anchors.end());
          const size_t n_anchors = std::unique(anchors.begin(), anchors.end()) - anchors.begin();
          if (n_anchors <= 1 && distinct < 2 * options.weak_gate) {
            detached.push_back({communities[ci].first, {root}});
            roots.erase(roots.begin() + static_cast<std::ptrdiff_t>(k));
            changed = true;
            break;
          }
        }
      }
    }
    for (auto& d : detached) communities.push_back(std::move(d));
  }

  // Step 4: describe each gang.
  std::vector<float> ppr;
  if (!seeds.empty()) {
    ppr = PersonalizedPageRank(g, seeds, r.weights, options.ppr_alpha, options.ppr_epsilon);
  }
  std::vector<uint32_t> gang_of(ne, UINT32_MAX);
  std::vector<uint8_t> include(na, 0);
  std::unordered_map<AttrId, uint32_t> shared;
  for (auto& [c, roots] : communities) {
    uint32_t size = 0;
    for (uint32_t root : roots) size += hard_size[root];
    if (size < options.min_members) continue;
    Gang gang;
    gang.component = c;
    gang.hard_clusters = static_cast<uint32_t>(roots.size());
    uint32_t largest = roots[0];
    for (uint32_t root : roots) {
      if (hard_size[root] > hard_size[largest] ||
          (hard_size[root] == hard_size[largest] && cluster_name(root) < cluster_name(largest))) {
        largest = root;
      }
      for (EntityId e : members_of(root)) gang.members.push_back(e);
    }
    std::sort(gang.members.begin(), gang.members.end(),
              [&](EntityId x, EntityId y) { return g.entity_name(x) < g.entity_name(y); });
    const uint32_t gid = static_cast<uint32_t>(r.gangs.size());
    for (EntityId e : gang.members) gang_of[e] = gid;

    // Links: attributes shared by two or more members.
    shared.clear();
    for (EntityId e : gang.members) {
      for (AttrId a : g.attrs_of(e)) ++shared[a];
    }
    for (const auto& [a, n] : shared) {
      if (n >= 2) gang.links.push_back(a);
    }
    std::sort(gang.links.begin(), gang.links.end(), [&](AttrId x, AttrId y) {
      if (g.attr_type(x) != g.attr_type(y)) return g.attr_type(x) < g.attr_type(y);
      return g.attr_value(x) < g.attr_value(y);
    });
    std::vector<uint32_t> groups_seen;
    for (AttrId a : gang.links) {
      gang.link_shared.push_back(shared[a]);
      groups_seen.clear();
      for (EntityId e : g.entities_of(a)) {
        if (gang_of[e] == gid) groups_seen.push_back(owner.Find(e));
      }
      std::sort(groups_seen.begin(), groups_seen.end());
      const auto groups = static_cast<uint32_t>(
          std::unique(groups_seen.begin(), groups_seen.end()) - groups_seen.begin());
      gang.link_groups.push_back(groups);
      const AttrType t = g.attr_type(a);
      if (r.weights.hub[a] != HubReason::kNone || t == AttrType::kOwner || groups < 2) continue;
      if (InfoOf(t).strong) {
        gang.strong_cross_link = true;
      } else {
        gang.widest_weak_link = std::max(gang.widest_weak_link, groups);
      }
    }
    groups_seen.clear();
    for (EntityId e : gang.members) groups_seen.push_back(owner.Find(e));
    std::sort(groups_seen.begin(), groups_seen.end());
    gang.owner_groups = static_cast<uint32_t>(std::unique(groups_seen.begin(), groups_seen.end()) -
                                              groups_seen.begin());

    // Tie of each member: strong when in the largest hard cluster; otherwise
    // the weak evidence between its cluster and the rest of the gang.
    std::unordered_map<uint32_t, double> cluster_tie;
    for (uint32_t root : roots) {
      if (root == largest) {
        cluster_tie[root] = 1.0;
        continue;
      }
      double w = 0;
      for (uint32_t other : roots) {
        if (other == root) continue;
        auto it = evidence.find(PairKey(root, other));
        if (it != evidence.end()) w += it->second.distinct;
      }
      cluster_tie[root] = std::min(1.0, w / (2 * options.weak_gate));
    }
    for (EntityId e : gang.members) {
      gang.tie.push_back(static_cast<float>(cluster_tie[r.hard[e]]));
      gang.ppr.push_back(ppr.empty() ? 0.0f : ppr[e]);
      gang.closeness += gang.ppr.back();
      if (!seeds.empty()) gang.seed_weight += seeds[e];
    }

    // FRAUDAR's densest block over the gang's links.
    for (AttrId a : gang.links) include[a] = 1;
    DenseBlock block = PeelDensest(g, gang.members, include, r.weights, options.hubs.c);
    for (AttrId a : gang.links) include[a] = 0;
    gang.core = std::move(block.entities);
    gang.density = block.density;
    r.gangs.push_back(std::move(gang));
  }

  // Stable order: by smallest member name.
  std::sort(r.gangs.begin(), r.gangs.end(), [&](const Gang& x, const Gang& y) {
    return g.entity_name(x.members[0]) < g.entity_name(y.members[0]);
  });
  return r;
}

}  // namespace ipguard::graph
