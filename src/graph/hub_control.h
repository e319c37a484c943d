// Hub control: how much a shared attribute says, given how many entities
// share it. FRAUDAR (Hooi et al., KDD 2016, §4.2) weights a column of degree
// d by 1/log(d + c) so that popular objects cannot make a block look dense;
// here that weight is scaled so that an attribute shared by exactly two
// entities weighs its type's base evidence:
//     w(a) = base(type) * log(2 + c) / log(d(a) + c).
// An attribute whose degree exceeds its type's cap, or that the allowlist
// names (logistics warehouses, carrier NAT addresses, payment escrow
// accounts...), is a hub: it keeps its (small) weight as evidence shown in a
// gang's links but never joins entities by itself.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "graph/entity_graph.h"
#include "ipguard/status.h"

namespace ipguard::graph {

// Attribute values known to be shared by unrelated people.
class Allowlist {
 public:
  // Reads a file of `type<TAB>value[<TAB>why]` lines (type: address, ip,
  // payment, device, phone, wechat... as in `attrs` keys); `#` starts a
  // comment line, blank lines are skipped. Values are normalized like attrs.
  // Errors name the file, line and problem.
  static Result<Allowlist> Load(const std::string& path);
  // The same from text; `source` names it in errors.
  static Result<Allowlist> Parse(std::string_view text, std::string_view source);
  // The allowlist shipped in data/gang_allowlist.tsv (compiled in).
  static const Allowlist& BuiltIn();
  // Adds one entry (attrs key and raw value); false when the value is empty.
  bool Add(std::string_view key, std::string_view value);
  bool Contains(AttrType type, std::string_view normalized) const;
  void Merge(const Allowlist& other) {
    entries_.insert(other.entries_.begin(), other.entries_.end());
  }
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_set<std::string> entries_;  // type byte + normalized value
};

struct HubPolicy {
  double c = 5.0;  // FRAUDAR's constant
  std::array<uint32_t, kAttrTypeCount> cap{};
  Allowlist allowlist;
  HubPolicy();  // caps from InfoOf(type).cap
};

enum class HubReason : uint8_t { kNone = 0, kOverCap = 1, kAllowlisted = 2 };

struct AttrWeights {
  std::vector<float> weight;     // w(a) as above
  std::vector<HubReason> hub;    // kNone: may link entities
  std::vector<uint32_t> degree;  // entities sharing a (global)
};

// Weights for every attribute of `g`. `degree` overrides g.degree(a) when
// not empty (a subgraph of a larger graph passes the global degrees).
AttrWeights ComputeWeights(const EntityGraph& g, std::span<const uint32_t> degree,
                           const HubPolicy& policy);

// w(a) for one degree.
double AttrWeight(AttrType type, uint32_t degree, double c);

}  // namespace ipguard::graph
