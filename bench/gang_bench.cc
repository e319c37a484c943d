// Gang detection at scale against plain union-find over every attribute (the
// least work any linker does), on the same planted world in the same run.
//
//   gang_bench [--edges N] [--seed S]      (default 10,000,000 edges)
//
// Both sides start from the same input: entity ids and normalized
// (type, value) attribute strings, as a linker receives them after ingest.
//   baseline: intern attribute strings in a hash map, union every entity
//             with every attribute (plain union-find: no hubs, no weights);
//   gangs:    build the entity graph (CSR), hub control, union-find on strong
//             identifiers, weak-link gating, Leiden/CPM, FRAUDAR, PageRank.
// Prints wall times (median of --runs), the ratio, peak memory of each side
// (VmHWM, reset between sides) and the accuracy of both on the planted truth.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/attribute_types.h"
#include "graph/gang_finder.h"
#include "graph/graph_input.h"
#include "graph/planted.h"
#include "graph/union_find.h"

using namespace ipguard;
using namespace ipguard::graph;

namespace {

struct InputEdge {
  uint32_t entity;
  AttrType type;
  std::string value;
};

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of this (single-threaded) process: not inflated by waiting for a
// core on a shared machine.
double Cpu() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// Peak resident memory (kB) since the last ResetPeak().
long PeakKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}
long CurrentKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace

int main(int argc, char** argv) {
  uint64_t target_edges = 10'000'000;
  uint64_t seed = 7;
  int runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--edges")) target_edges = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  }
  // ~14.3 edges per innocent account (its shops, hubs, families), plus gangs.
  PlantedOptions po;
  po.seed = seed;
  po.innocent_accounts = static_cast<uint32_t>(target_edges / 14.3);
  po.gangs = std::max<uint32_t>(30, po.innocent_accounts / 250);
  po.hub_users = std::max<uint32_t>(2000, po.innocent_accounts / 50);
  std::fprintf(stderr, "generating a planted world of ~%llu edges...\n",
               static_cast<unsigned long long>(target_edges));
  PlantedWorld w = GeneratePlanted(po);

  // The common input.
  std::vector<std::string> names;
  std::unordered_map<std::string, uint32_t> id_of;
  auto entity = [&](const std::string& name) {
    auto [it, fresh] = id_of.try_emplace(name, static_cast<uint32_t>(names.size()));
    if (fresh) names.push_back(name);
    return it->second;
  };
  std::vector<InputEdge> edges;
  std::vector<uint8_t> is_account;
  auto add_attrs = [&](uint32_t e, const Attributes& attrs) {
    for (const auto& [k, v] : attrs) {
      InputEdge ie{e, AttrType::kOther, {}};
      if (ClassifyAttr(k, v, ie.type, ie.value)) edges.push_back(std::move(ie));
    }
  };
  for (const auto& a : w.accounts) {
    const uint32_t e = entity(a.id);
    add_attrs(e, a.attrs);
    edges.push_back({e, AttrType::kOwner, a.id});
    for (const auto& s : a.shops) edges.push_back({entity(s), AttrType::kOwner, a.id});
  }
  for (const auto& s : w.shops) {
    const uint32_t e = entity(s.id);
    add_attrs(e, s.attrs);
    if (!s.account.empty()) {
      edges.push_back({e, AttrType::kOwner, s.account});
      edges.push_back({entity(s.account), AttrType::kOwner, s.account});
    }
  }
  std::vector<float> seeds(names.size(), 0.0f);
  for (const auto& v : w.verdicts) seeds[entity(v.item)] = 1.0f;
  Allowlist allow;
  for (const auto& [k, v] : w.allowlist) allow.Add(k, v);
  const uint32_t ne = static_cast<uint32_t>(names.size());
  std::printf("input: %u entities, %zu edges (with duplicates), %u planted gangs, %zu hub users\n",
              ne, edges.size(), po.gangs, w.hub_users.size());

  // --- baseline: plain union-find over all attributes ---
  std::vector<double> base_t, gang_t, base_c, gang_c;
  long base_peak = 0, gang_peak = 0;
  size_t base_largest = 0;
  size_t base_hub_swallowed = 0;
  const long input_kb = CurrentKb();
  for (int r = 0; r < runs; ++r) {
    ResetPeak();
    const double t0 = Now(), c0 = Cpu();
    std::unordered_map<std::string, uint32_t> attr_id;
    attr_id.reserve(edges.size() / 2);
    std::string key;
    std::vector<uint32_t> first_entity;
    UnionFind uf(ne);
    for (const auto& ie : edges) {
      key.assign(1, static_cast<char>(ie.type));
      key += ie.value;
      auto [it, fresh] = attr_id.try_emplace(key, static_cast<uint32_t>(first_entity.size()));
      if (fresh) {
        first_entity.push_back(ie.entity);
      } else {
        uf.Union(first_entity[it->second], ie.entity);
      }
    }
    base_t.push_back(Now() - t0);
    base_c.push_back(Cpu() - c0);
    base_peak = std::max(base_peak, PeakKb() - input_kb);
    if (r == 0) {
      std::unordered_map<uint32_t, size_t> size;
      for (uint32_t e = 0; e < ne; ++e) base_largest = std::max(base_largest, ++size[uf.Find(e)]);
      std::unordered_map<std::string, int> hub;
      for (const auto& h : w.hub_users) hub[h] = 1;
      // Hub users in a set with at least 3 members and a gang member.
      std::unordered_map<uint32_t, int> has_gang;
      for (const auto& [name, g] : w.truth) has_gang[uf.Find(id_of[name])] = 1;
      for (const auto& h : w.hub_users) {
        if (has_gang.count(uf.Find(id_of[h]))) ++base_hub_swallowed;
      }
    }
  }

  // --- gang detection ---
  GangOptions go;
  go.hubs.allowlist = allow;
  GangResult result;
  uint64_t graph_edges = 0;
  size_t graph_bytes = 0;
  double build_s = 0;
  for (int r = 0; r < runs; ++r) {
    result = GangResult();
    ResetPeak();
    const double t0 = Now(), c0 = Cpu();
    EntityGraph::Builder b;
    for (uint32_t e = 0; e < ne; ++e) b.AddEntity(names[e], EntityKind::kShop);
    for (const auto& ie : edges) b.AddEdge(ie.entity, b.AddAttr(ie.type, ie.value));
    EntityGraph g = std::move(b).Build();
    const double c1 = Cpu();
    result = FindGangs(g, seeds, go);
    gang_t.push_back(Now() - t0);
    gang_c.push_back(Cpu() - c0);
    build_s = c1 - c0;
    gang_peak = std::max(gang_peak, PeakKb() - input_kb);
    graph_edges = g.num_edges();
    graph_bytes = g.MemoryBytes();
    if (r + 1 == runs) {
      // Accuracy on the planted truth (entity kinds do not matter here).
      size_t reported = 0, correct = 0, planted = 0, hub_in = 0;
      std::unordered_map<std::string, int> hub;
      for (const auto& h : w.hub_users) hub[h] = 1;
      std::unordered_map<uint32_t, size_t> found;
      for (const Gang& gang : result.gangs) {
        if (!IsReportable(gang, go)) continue;
        std::unordered_map<uint32_t, size_t> votes;
        for (EntityId e : gang.members) {
          const std::string n(g.entity_name(e));
          auto it = w.truth.find(n);
          if (it != w.truth.end())
            ++votes[it->second];
          else if (hub.count(n))
            ++hub_in;
        }
        size_t best = 0;
        uint32_t best_g = 0;
        for (auto [gid, n] : votes) {
          if (n > best) best = n, best_g = gid;
        }
        reported += gang.members.size();
        correct += best;
        if (best) found[best_g] += best;
      }
      for (uint32_t n : w.gang_size) planted += n;
      size_t recalled = 0;
      for (auto [gid, n] : found) recalled += std::min<size_t>(n, w.gang_size[gid]);
      std::printf("gang accuracy: precision %.4f recall %.4f, innocent hub users in gangs %zu\n",
                  reported ? double(correct) / reported : 1.0,
                  planted ? double(recalled) / planted : 1.0, hub_in);
    }
  }
  for (auto* v : {&base_t, &gang_t, &base_c, &gang_c}) std::sort(v->begin(), v->end());
  auto med = [](const std::vector<double>& v) { return v[v.size() / 2]; };
  std::printf("graph: %llu edges after merging duplicates, %.1f MiB (%.1f bytes/edge)\n",
              static_cast<unsigned long long>(graph_edges), graph_bytes / 1048576.0,
              double(graph_bytes) / graph_edges);
  std::printf(
      "baseline union-find over all attributes: %.2f s CPU, %.2f s wall (median of %d), "
      "peak +%.0f MiB; largest set %zu entities, %zu innocent hub users glued to a gang\n",
      med(base_c), med(base_t), runs, base_peak / 1024.0, base_largest, base_hub_swallowed);
  std::printf(
      "gang detection: %.2f s CPU (graph build %.2f s), %.2f s wall (median of %d), "
      "peak +%.0f MiB\n",
      med(gang_c), build_s, med(gang_t), runs, gang_peak / 1024.0);
  std::printf("ratio gang/baseline (CPU): %.2fx (limit 20x); under 2 minutes CPU: %s\n",
              med(gang_c) / med(base_c), med(gang_c) < 120 ? "yes" : "NO");
  return 0;
}
