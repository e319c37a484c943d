#include "graph/planted.h"

#include <algorithm>
#include <random>
#include <unordered_set>

#include <fmt/format.h>

namespace ipguard::graph {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : gen_() % n; }
  double Unit() { return static_cast<double>(gen_() >> 11) / 9007199254740992.0; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  std::mt19937_64& gen() { return gen_; }

 private:
  std::mt19937_64 gen_;
};

class World {
 public:
  World(const PlantedOptions& o) : o_(o), rng_(o.seed) {}

  PlantedWorld Build() {
    MakeHubs();
    MakeInnocents();
    MakeFamilies();
    for (uint32_t g = 0; g < o_.gangs; ++g) MakeGang(g);
    for (uint32_t i = 0; i < o_.lone_infringers && !innocent_shops_.empty(); ++i) {
      const size_t s = Shop(rng_.Pick(innocent_shops_));
      if (!w_.truth.count(w_.shops[s].id)) w_.verdicts.push_back({w_.shops[s].id, "infringing"});
    }
    for (const auto& [id, shop] : hub_user_set_) {
      if (!w_.truth.count(id)) w_.hub_users.push_back(id);
    }
    std::sort(w_.hub_users.begin(), w_.hub_users.end());
    // Input order must not give gangs away.
    std::shuffle(w_.accounts.begin(), w_.accounts.end(), rng_.gen());
    std::shuffle(w_.shops.begin(), w_.shops.end(), rng_.gen());
    return std::move(w_);
  }

 private:
  std::string Id(const char* prefix) {
    for (;;) {
      std::string id = fmt::format("{}{:08x}", prefix, rng_.Below(1ull << 32));
      if (ids_.insert(id).second) return id;
    }
  }
  std::string Value(const char* kind) {
    return fmt::format("{}-{:012x}", kind, rng_.Below(1ull << 48));
  }
  std::string Phone() { return fmt::format("+86 1{:010d}", rng_.Below(10000000000ull)); }
  std::string Ip() {
    return fmt::format("10.{}.{}.{}", rng_.Below(256), rng_.Below(256), 1 + rng_.Below(254));
  }
  std::string Address() {
    return fmt::format("{} Lane {}, District {}, City {}", rng_.Below(900) + 1, rng_.Below(100000),
                       rng_.Below(50), rng_.Below(300));
  }
  std::string Image() {
    return fmt::format("{:016x}{:016x}", rng_.Below(~0ull), rng_.Below(~0ull));
  }

  size_t NewAccount() {
    Account a;
    a.id = Id("acct-");
    a.name = "account " + a.id;
    a.attrs.emplace_back("phone", Phone());
    a.attrs.emplace_back("id_number", Value("id"));
    a.attrs.emplace_back("device", Value("dev"));
    a.attrs.emplace_back("address", Address());
    w_.accounts.push_back(std::move(a));
    return w_.accounts.size() - 1;
  }
  size_t NewShop(const std::string& owner) {
    ipguard::Shop s;
    s.id = Id("shop-");
    s.name = "shop " + s.id;
    s.account = owner;
    w_.shops.push_back(std::move(s));
    return w_.shops.size() - 1;
  }
  size_t Shop(const std::string& id) { return shop_index_.at(id); }
  void IndexShop(size_t s) { shop_index_[w_.shops[s].id] = s; }

  void MakeHubs() {
    for (int i = 0; i < 3; ++i) warehouses_.push_back(Address() + " Logistics Park");
    for (int i = 0; i < 2; ++i) nat_ips_.push_back(Ip());
    processor_ = Value("pay-processor");
    stock_photo_ = Image();
    escrow_ = Value("pay-escrow");
    w_.allowlist.emplace_back("payment", escrow_);
    w_.allowlist.emplace_back("address", warehouses_[0]);
  }

  // Innocent merchants: one account, 1-3 shops, own identifiers; some shops
  // use the popular hubs.
  void MakeInnocents() {
    for (uint32_t i = 0; i < o_.innocent_accounts; ++i) {
      const size_t a = NewAccount();
      const uint32_t shops = 1 + (rng_.Chance(0.3) ? 1 : 0) + (rng_.Chance(0.1) ? 1 : 0);
      const std::string payment = Value("pay");
      for (uint32_t k = 0; k < shops; ++k) {
        const size_t s = NewShop(w_.accounts[a].id);
        auto& attrs = w_.shops[s].attrs;
        attrs.emplace_back("payment", payment);
        attrs.emplace_back("ip", Ip());
        attrs.emplace_back("address", Address());
        for (int m = 0, n = 1 + static_cast<int>(rng_.Below(3)); m < n; ++m) {
          attrs.emplace_back("image", Image());
        }
        w_.accounts[a].shops.push_back(w_.shops[s].id);
        IndexShop(s);
        innocent_shops_.push_back(w_.shops[s].id);
        innocent_account_of_[w_.shops[s].id] = a;
      }
      innocent_accounts_.push_back(a);
    }
    // Hubs, each shared by hub_users innocent shops.
    auto spread = [&](const char* key, const std::string& value, uint32_t n) {
      for (uint32_t k = 0; k < n; ++k) {
        const std::string& id = rng_.Pick(innocent_shops_);
        w_.shops[Shop(id)].attrs.emplace_back(key, value);
        hub_user_set_.emplace(id, 0);
      }
    };
    for (const auto& wh : warehouses_) spread("address", wh, o_.hub_users);
    for (const auto& ip : nat_ips_) spread("ip", ip, o_.hub_users);
    spread("payment", processor_, o_.hub_users);
    spread("image", stock_photo_, o_.hub_users / 4);
    spread("payment", escrow_, 40);  // under every cap: only the allowlist stops it
  }

  // Family pairs: two accounts with the same home address and home IP.
  void MakeFamilies() {
    const uint32_t pairs = static_cast<uint32_t>(o_.innocent_accounts * o_.family_rate / 2);
    std::vector<size_t> order = innocent_accounts_;
    std::shuffle(order.begin(), order.end(), rng_.gen());
    for (uint32_t p = 0; p < pairs && 2 * p + 1 < order.size(); ++p) {
      const size_t x = order[2 * p], y = order[2 * p + 1];
      const std::string home = Address(), ip = Ip();
      for (size_t a : {x, y}) {
        w_.accounts[a].attrs.emplace_back("address", home);
        w_.accounts[a].attrs.emplace_back("ip", ip);
      }
      family_accounts_.push_back(x);
    }
  }

  void MakeGang(uint32_t g) {
    // Size skewed towards small gangs: min + (max - min) * u^2.
    const double u = rng_.Unit();
    const uint32_t n =
        o_.min_gang + static_cast<uint32_t>((o_.max_gang - o_.min_gang) * u * u + 0.5);
    const uint32_t n_acc = std::max<uint32_t>(2, (n * 3 + 5) / 10);
    const uint32_t n_shop = n > n_acc ? n - n_acc : 1;
    // The gang's pools.
    auto pool = [&](uint32_t k, auto make) {
      std::vector<std::string> v;
      for (uint32_t i = 0; i < k; ++i) v.push_back(make());
      return v;
    };
    const auto payments = pool(1 + n / 15, [&] { return Value("pay"); });
    const auto devices = pool(1 + n / 10, [&] { return Value("dev"); });
    const auto phones = pool(1 + n / 12, [&] { return Phone(); });
    const auto ids = pool(1 + n / 20, [&] { return Value("id"); });
    const auto addresses = pool(1 + n / 20, [&] { return Address(); });
    const auto images = pool(3 + n / 5, [&] { return Image(); });
    const auto ips = pool(1 + n / 15, [&] { return Ip(); });

    // Members. A node of the chain is an account with its shops, or a shop
    // with no declared owner.
    struct Node {
      bool account;
      size_t index;
    };
    std::vector<Node> nodes;
    std::vector<size_t> accounts, shops;
    for (uint32_t i = 0; i < n_acc; ++i) {
      const size_t a = NewAccount();
      accounts.push_back(a);
      nodes.push_back({true, a});
    }
    for (uint32_t i = 0; i < n_shop; ++i) {
      const bool owned = rng_.Chance(0.75);
      const size_t owner = accounts[rng_.Below(accounts.size())];
      const size_t s = NewShop(owned ? w_.accounts[owner].id : "");
      if (owned) {
        w_.accounts[owner].shops.push_back(w_.shops[s].id);
      } else {
        nodes.push_back({false, s});
      }
      shops.push_back(s);
      IndexShop(s);
    }
    auto attrs_of = [&](const Node& node) -> Attributes& {
      if (node.account) {
        // An account's identifiers show on the account or one of its shops.
        const auto& own = w_.accounts[node.index].shops;
        if (!own.empty() && rng_.Chance(0.5)) return w_.shops[Shop(rng_.Pick(own))].attrs;
        return w_.accounts[node.index].attrs;
      }
      return w_.shops[node.index].attrs;
    };
    // Every shop: own IP, 1-3 of the gang's photos, often its return address.
    for (size_t s : shops) {
      auto& attrs = w_.shops[s].attrs;
      attrs.emplace_back("ip", Ip());
      for (int m = 0, k = 1 + static_cast<int>(rng_.Below(3)); m < k; ++m) {
        attrs.emplace_back("image", rng_.Pick(images));
      }
      if (rng_.Chance(0.5)) attrs.emplace_back("address", rng_.Pick(addresses));
      if (rng_.Chance(0.5)) attrs.emplace_back("payment", rng_.Pick(payments));
    }
    // The chain: node i links to an earlier node.
    std::shuffle(nodes.begin(), nodes.end(), rng_.gen());
    for (size_t i = 1; i < nodes.size(); ++i) {
      const Node& j = nodes[rng_.Below(i)];
      if (rng_.Chance(o_.strong_link)) {
        std::pair<const char*, const std::vector<std::string>*> kinds[] = {
            {"payment", &payments}, {"device", &devices}, {"phone", &phones}, {"id_number", &ids}};
        const auto& [key, values] = kinds[rng_.Below(4)];
        const std::string& v = rng_.Pick(*values);
        attrs_of(j).emplace_back(key, v);
        attrs_of(nodes[i]).emplace_back(key, v);
      } else {
        // Weak: two of the gang's weak attributes.
        const std::string photo = rng_.Pick(images);
        const bool with_address = rng_.Chance(0.5);
        const std::string second = with_address ? rng_.Pick(addresses) : rng_.Pick(images);
        for (const Node* node : {&j, static_cast<const Node*>(&nodes[i])}) {
          auto& attrs = attrs_of(*node);
          attrs.emplace_back("image", photo);
          attrs.emplace_back(with_address ? "address" : "image", second);
        }
      }
    }
    // Camouflage: an innocent's address, IP or photo, and the popular hubs.
    for (size_t s : shops) {
      auto& attrs = w_.shops[s].attrs;
      if (rng_.Chance(o_.camouflage_rate)) {
        const auto& victim = w_.shops[Shop(rng_.Pick(innocent_shops_))].attrs;
        const char* keys[] = {"address", "ip", "image"};
        const char* key = keys[rng_.Below(3)];
        for (const auto& [k, v] : victim) {
          if (k == key) {
            attrs.emplace_back(k, v);
            break;
          }
        }
      }
      if (rng_.Chance(o_.camouflage_rate)) attrs.emplace_back("address", rng_.Pick(warehouses_));
      if (rng_.Chance(o_.camouflage_rate)) attrs.emplace_back("ip", rng_.Pick(nat_ips_));
      if (rng_.Chance(o_.camouflage_rate / 2)) attrs.emplace_back("payment", processor_);
      if (rng_.Chance(o_.camouflage_rate / 2)) attrs.emplace_back("image", stock_photo_);
    }
    // Truth.
    std::vector<std::string> members;
    for (size_t a : accounts) members.push_back(w_.accounts[a].id);
    for (size_t s : shops) members.push_back(w_.shops[s].id);
    // Hijack: an innocent account (a family member when possible) gets the
    // gang's device and payment account; it and its shops are now the gang's.
    if (rng_.Chance(o_.hijack_rate)) {
      const size_t victim = !family_accounts_.empty() && rng_.Chance(0.7)
                                ? family_accounts_[rng_.Below(family_accounts_.size())]
                                : rng_.Pick(innocent_accounts_);
      Account& acc = w_.accounts[victim];
      if (!w_.truth.count(acc.id)) {
        acc.attrs.emplace_back("device", rng_.Pick(devices));
        acc.attrs.emplace_back("payment", rng_.Pick(payments));
        members.push_back(acc.id);
        for (const auto& s : acc.shops) members.push_back(s);
      }
    }
    for (const auto& m : members) w_.truth[m] = g;
    w_.gang_size.push_back(static_cast<uint32_t>(members.size()));
    if (rng_.Chance(o_.seed_rate)) {
      w_.verdicts.push_back({w_.shops[rng_.Pick(shops)].id, "infringing", "", ""});
    }
  }

  const PlantedOptions& o_;
  Rng rng_;
  PlantedWorld w_;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, size_t> shop_index_;
  std::unordered_map<std::string, size_t> innocent_account_of_;
  std::unordered_map<std::string, int> hub_user_set_;
  std::vector<std::string> innocent_shops_;
  std::vector<size_t> innocent_accounts_, family_accounts_;
  std::vector<std::string> warehouses_, nat_ips_;
  std::string processor_, stock_photo_, escrow_;
};

}  // namespace

PlantedWorld GeneratePlanted(const PlantedOptions& options) { return World(options).Build(); }

}  // namespace ipguard::graph
