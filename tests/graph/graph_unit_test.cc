// Unit tests of the entity graph and its algorithms.
#include <gtest/gtest.h>

#include <set>

#include "graph/attribute_types.h"
#include "graph/entity_graph.h"
#include "graph/fraudar.h"
#include "graph/graph_input.h"
#include "graph/hub_control.h"
#include "graph/leiden.h"
#include "graph/pagerank.h"
#include "graph/string_pool.h"
#include "graph/union_find.h"

namespace ipguard::graph {
namespace {

TEST(StringPool, InternsDenseIdsAndFindsThem) {
  StringPool p;
  EXPECT_EQ(p.Intern("a"), 0u);
  EXPECT_EQ(p.Intern("bb"), 1u);
  EXPECT_EQ(p.Intern("a"), 0u);
  for (int i = 0; i < 5000; ++i) p.Intern("k" + std::to_string(i));  // forces growth
  EXPECT_EQ(p.Find("bb"), 1u);
  EXPECT_EQ(p.Find("k4999"), 5001u);
  EXPECT_EQ(p.Find("missing"), StringPool::kNone);
  EXPECT_EQ(p.Get(1), "bb");
  EXPECT_EQ(p.Intern(""), 5002u);  // the empty string is a string too
}

TEST(UnionFind, JoinsAndCounts) {
  UnionFind uf(5);
  EXPECT_TRUE(uf.Union(0, 1));
  EXPECT_TRUE(uf.Union(3, 4));
  EXPECT_FALSE(uf.Union(1, 0));
  EXPECT_EQ(uf.Find(0), uf.Find(1));
  EXPECT_NE(uf.Find(0), uf.Find(3));
  EXPECT_EQ(uf.SetSize(4), 2u);
  EXPECT_EQ(uf.SetSize(2), 1u);
}

TEST(Attributes, ClassifiesAndNormalizes) {
  AttrType t;
  std::string v;
  ASSERT_TRUE(ClassifyAttr("phone", "+86 138-0013-8000", t, v));
  EXPECT_EQ(t, AttrType::kContact);
  EXPECT_EQ(v, "phone:13800138000");
  ASSERT_TRUE(ClassifyAttr("WeChat", " Gang_Boss88 ", t, v));
  EXPECT_EQ(v, "wechat:gang_boss88");
  ASSERT_TRUE(ClassifyAttr("address", "Room 5, 12 Silk Road,  Yiwu", t, v));
  EXPECT_EQ(t, AttrType::kAddress);
  std::string v2;
  ASSERT_TRUE(ClassifyAttr("address", "room 5 12 silk road yiwu", t, v2));
  EXPECT_EQ(v, v2);
  ASSERT_TRUE(ClassifyAttr("favourite_colour", "Blue", t, v));
  EXPECT_EQ(t, AttrType::kOther);
  EXPECT_EQ(v, "favourite_colour:blue");
  EXPECT_FALSE(ClassifyAttr("payment", "   ", t, v));
  // Diversion contacts use the same form as attrs.
  ASSERT_TRUE(NormalizeContact("mobile", "138 0013 8000", v));
  EXPECT_EQ(v, "phone:13800138000");
}

TEST(Attributes, MasksPersonalDataOnly) {
  EXPECT_EQ(MaskValue(AttrType::kPayment, "6222000011112222"), "62************22");
  EXPECT_EQ(MaskValue(AttrType::kContact, "phone:13800138000"), "phone:13*******00");
  EXPECT_EQ(MaskValue(AttrType::kIdNumber, "abc"), "***");
  EXPECT_EQ(MaskValue(AttrType::kAddress, "杭州市余杭区文一西路"), "杭州******西路");
  EXPECT_EQ(MaskValue(AttrType::kDevice, "dev-7f3a"), "dev-7f3a");
}

TEST(EntityGraph, MergesDuplicateEdgesAndWidensTimes) {
  EntityGraph::Builder b;
  const EntityId s = b.AddEntity("shop-1", EntityKind::kShop);
  const AttrId a = b.AddAttr(AttrType::kDevice, "d1");
  b.AddEdge(s, a, 200);
  b.AddEdge(s, a, 100);
  b.AddEdge(s, a, 0);  // unknown time never narrows
  b.AddEdge(b.AddEntity("acc-1", EntityKind::kAccount), a, 50);
  const EntityGraph g = std::move(b).Build();
  ASSERT_EQ(g.attrs_of(s).size(), 1u);
  EXPECT_EQ(g.first_seen_of(s)[0], 100u);
  EXPECT_EQ(g.last_seen_of(s)[0], 200u);
  EXPECT_EQ(g.degree(a), 2u);
  EXPECT_EQ(g.entity_kind(g.FindEntity("acc-1")), EntityKind::kAccount);
  EXPECT_EQ(g.FindAttr(AttrType::kDevice, "d1"), a);
  EXPECT_EQ(g.num_edges(), 2u);
}

TEST(EntityGraph, ShopOwnerAndAccountShopsShareAnOwnerAttribute) {
  EntityGraph::Builder b;
  Shop shop;
  shop.id = "s1";
  shop.account = "a1";
  Account acc;
  acc.id = "a1";
  acc.shops = {"s2"};
  AddShop(b, shop);
  AddAccount(b, acc);
  const EntityGraph g = std::move(b).Build();
  const AttrId owner = g.FindAttr(AttrType::kOwner, "a1");
  ASSERT_NE(owner, StringPool::kNone);
  EXPECT_EQ(g.degree(owner), 3u);  // s1, a1, s2
  EXPECT_EQ(g.entity_kind(g.FindEntity("a1")), EntityKind::kAccount);
}

TEST(HubControl, WeightsFallWithDegreeAndCapsMakeHubs) {
  EXPECT_DOUBLE_EQ(AttrWeight(AttrType::kPayment, 2, 5), 1.0);
  EXPECT_LT(AttrWeight(AttrType::kPayment, 100, 5), AttrWeight(AttrType::kPayment, 10, 5));
  EXPECT_LT(AttrWeight(AttrType::kIp, 2, 5), AttrWeight(AttrType::kPayment, 2, 5));

  EntityGraph::Builder b;
  const AttrId wh = b.AddAttr(AttrType::kAddress, "warehouse");
  const AttrId esc = b.AddAttr(AttrType::kPayment, "platform-escrow");
  for (int i = 0; i < 100; ++i) {
    const EntityId e = b.AddEntity("s" + std::to_string(i), EntityKind::kShop);
    b.AddEdge(e, wh);
    if (i < 5) b.AddEdge(e, esc);
  }
  const EntityGraph g = std::move(b).Build();
  HubPolicy policy;
  AttrWeights w = ComputeWeights(g, {}, policy);
  EXPECT_EQ(w.hub[wh], HubReason::kOverCap);
  EXPECT_EQ(w.hub[esc], HubReason::kNone);
  ASSERT_TRUE(policy.allowlist.Add("payment", "Platform-Escrow"));
  w = ComputeWeights(g, {}, policy);
  EXPECT_EQ(w.hub[esc], HubReason::kAllowlisted);
}

TEST(HubControl, AllowlistFileErrorsNameTheLine) {
  auto bad = Allowlist::Parse("# comment\naddress\tsomewhere\nno tab here\n", "list.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("list.tsv:3"), std::string::npos);
  EXPECT_GT(Allowlist::BuiltIn().size(), 5u);
}

// FRAUDAR: a 10 x 6 dense block whose members also point at many innocent
// attributes (camouflage) is still the densest block found.
TEST(Fraudar, FindsTheDenseBlockDespiteCamouflage) {
  EntityGraph::Builder b;
  std::vector<EntityId> all;
  std::vector<AttrId> block_attrs;
  for (int j = 0; j < 6; ++j)
    block_attrs.push_back(b.AddAttr(AttrType::kDevice, "blk" + std::to_string(j)));
  for (int i = 0; i < 10; ++i) {
    const EntityId e = b.AddEntity("fraud" + std::to_string(i), EntityKind::kShop);
    all.push_back(e);
    for (AttrId a : block_attrs) b.AddEdge(e, a);
    for (int k = 0; k < 6; ++k) {  // camouflage: popular innocent attributes
      b.AddEdge(e, b.AddAttr(AttrType::kIp, "pop" + std::to_string((i * 7 + k) % 40)));
    }
  }
  for (int i = 0; i < 200; ++i) {
    const EntityId e = b.AddEntity("user" + std::to_string(i), EntityKind::kShop);
    all.push_back(e);
    for (int k = 0; k < 3; ++k)
      b.AddEdge(e, b.AddAttr(AttrType::kIp, "pop" + std::to_string((i + k * 13) % 40)));
  }
  const EntityGraph g = std::move(b).Build();
  const AttrWeights w = ComputeWeights(g, {}, HubPolicy());
  const DenseBlock block = PeelDensest(g, all, {}, w);
  std::set<std::string> names;
  for (EntityId e : block.entities) names.insert(std::string(g.entity_name(e)));
  EXPECT_EQ(names.size(), 10u);
  for (const auto& n : names) EXPECT_EQ(n.rfind("fraud", 0), 0u) << n;
  EXPECT_GT(block.density, 1.0);
}

// Leiden/CPM: two cliques joined by one light edge come apart; each stays
// whole.
TEST(Leiden, SplitsTwoCliquesJoinedByABridge) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::vector<double> weights;
  for (uint32_t base : {0u, 5u}) {
    for (uint32_t i = 0; i < 5; ++i) {
      for (uint32_t j = i + 1; j < 5; ++j) {
        edges.emplace_back(base + i, base + j);
        weights.push_back(1.0);
      }
    }
  }
  edges.emplace_back(4, 5);
  weights.push_back(0.2);
  const std::vector<double> node(10, 1.0);
  const auto m = LeidenCpm(10, node, edges, weights, 0.3);
  for (uint32_t i = 1; i < 5; ++i) EXPECT_EQ(m[i], m[0]);
  for (uint32_t i = 6; i < 10; ++i) EXPECT_EQ(m[i], m[5]);
  EXPECT_NE(m[0], m[5]);
  // Deterministic.
  EXPECT_EQ(m, LeidenCpm(10, node, edges, weights, 0.3));
}

TEST(PageRank, MassFallsWithDistanceFromTheSeedAndSkipsHubs) {
  EntityGraph::Builder b;
  // chain s0 - s1 - s2 via devices, s3 only through a hub address.
  const EntityId s0 = b.AddEntity("s0", EntityKind::kShop),
                 s1 = b.AddEntity("s1", EntityKind::kShop),
                 s2 = b.AddEntity("s2", EntityKind::kShop),
                 s3 = b.AddEntity("s3", EntityKind::kShop);
  b.AddEdge(s0, b.AddAttr(AttrType::kDevice, "d01"));
  b.AddEdge(s1, b.AddAttr(AttrType::kDevice, "d01"));
  b.AddEdge(s1, b.AddAttr(AttrType::kDevice, "d12"));
  b.AddEdge(s2, b.AddAttr(AttrType::kDevice, "d12"));
  const AttrId hub = b.AddAttr(AttrType::kAddress, "hub");
  b.AddEdge(s0, hub);
  b.AddEdge(s3, hub);
  const EntityGraph g = std::move(b).Build();
  HubPolicy policy;
  policy.allowlist.Add("address", "hub");
  const AttrWeights w = ComputeWeights(g, {}, policy);
  std::vector<float> seeds(4, 0.0f);
  seeds[s0] = 1.0f;
  const auto p = PersonalizedPageRank(g, seeds, w);
  EXPECT_GT(p[s0], p[s1]);
  EXPECT_GT(p[s1], p[s2]);
  EXPECT_GT(p[s2], 0.0f);
  EXPECT_EQ(p[s3], 0.0f);
}

}  // namespace
}  // namespace ipguard::graph

namespace ipguard::graph {
namespace {
TEST(Attributes, AddressAbbreviationsCompareEqual) {
  AttrType t;
  std::string a, b;
  ASSERT_TRUE(ClassifyAttr("address", "Room 501, 88 Jinhua Road, Yiwu", t, a));
  ASSERT_TRUE(ClassifyAttr("address", "RM 501 88 Jinhua Rd. Yiwu", t, b));
  EXPECT_EQ(a, b);
}
}  // namespace
}  // namespace ipguard::graph

#include "graph/incremental.h"
#include "graph/planted.h"
#include "graph/planted_eval.h"

namespace ipguard::graph {
namespace {

std::vector<std::vector<std::string>> FullGangs(const std::vector<Account>& accounts,
                                                const std::vector<Shop>& shops,
                                                const GangOptions& go) {
  EntityGraph::Builder b;
  for (const auto& a : accounts) AddAccount(b, a);
  for (const auto& s : shops) AddShop(b, s);
  const EntityGraph g = std::move(b).Build();
  const GangResult r = FindGangs(g, {}, go);
  std::vector<std::vector<std::string>> out;
  for (const Gang& gang : r.gangs) {
    if (!IsReportable(gang, go)) continue;
    std::vector<std::string> names;
    for (EntityId e : gang.members) names.emplace_back(g.entity_name(e));
    std::sort(names.begin(), names.end());
    out.push_back(std::move(names));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Records arriving one by one, updated after each small batch, give the same
// gangs as one full computation over all of them; and an update touches a
// small region, not the graph.
TEST(Incremental, MatchesFullRecomputationAndStaysLocal) {
  PlantedOptions po;
  po.seed = 21;
  po.innocent_accounts = 800;
  po.hub_users = 300;
  po.gangs = 12;
  const PlantedWorld w = GeneratePlanted(po);
  GangOptions go;
  for (const auto& [k, v] : w.allowlist) go.hubs.allowlist.Add(k, v);

  IncrementalGangs inc(go);
  // Accounts first, then shops in batches of 25 with an update after each.
  for (const auto& a : w.accounts) inc.AddAccount(a);
  inc.Update();
  size_t largest_region = 0;
  for (size_t i = 0; i < w.shops.size(); ++i) {
    inc.AddShop(w.shops[i]);
    if (i % 25 == 24 || i + 1 == w.shops.size()) {
      largest_region = std::max(largest_region, inc.Update());
    }
  }
  const auto expected = FullGangs(w.accounts, w.shops, go);
  EXPECT_EQ(inc.Gangs(), expected);
  EXPECT_GE(expected.size(), 8u);
  // One more shop joining a gang through its payment account recomputes its
  // neighbourhood only.
  Shop extra;
  extra.id = "shop-newcomer";
  extra.name = "newcomer";
  std::unordered_map<std::string, const Attributes*> attrs_of;
  for (const auto& s : w.shops) attrs_of[s.id] = &s.attrs;
  for (const auto& a : w.accounts) attrs_of[a.id] = &a.attrs;
  std::string key, payment;
  for (const auto& gang : expected) {
    for (const auto& m : gang) {
      for (const auto& [k, v] : *attrs_of[m]) {
        if ((k == "device" || k == "payment") && v.find("processor") == std::string::npos &&
            v.find("escrow") == std::string::npos && payment.empty()) {
          key = k;
          payment = v;
        }
      }
    }
  }
  ASSERT_FALSE(payment.empty());
  if (!payment.empty()) {
    extra.attrs.emplace_back(key, payment);
    inc.AddShop(extra);
    const size_t touched = inc.Update();
    EXPECT_LT(touched, inc.num_entities() / 4);
    auto shops = w.shops;
    shops.push_back(extra);
    const auto after = FullGangs(w.accounts, shops, go);
    EXPECT_EQ(inc.Gangs(), after);
    bool joined = false;
    for (const auto& gang : after) {
      joined = joined || std::count(gang.begin(), gang.end(), "shop-newcomer") > 0;
    }
    EXPECT_TRUE(joined);
  }
}

}  // namespace
}  // namespace ipguard::graph
