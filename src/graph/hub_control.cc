#include "graph/hub_control.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace ipguard::graph {

HubPolicy::HubPolicy() {
  for (int t = 0; t < kAttrTypeCount; ++t) cap[t] = InfoOf(static_cast<AttrType>(t)).cap;
}

bool Allowlist::Add(std::string_view key, std::string_view value) {
  AttrType type;
  std::string normalized;
  if (!ClassifyAttr(key, value, type, normalized)) return false;
  std::string k(1, static_cast<char>(type));
  k += normalized;
  entries_.insert(std::move(k));
  return true;
}

bool Allowlist::Contains(AttrType type, std::string_view normalized) const {
  if (entries_.empty()) return false;
  std::string k(1, static_cast<char>(type));
  k.append(normalized);
  return entries_.count(k) > 0;
}

Result<Allowlist> Allowlist::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot read allowlist " + path);
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

Result<Allowlist> Allowlist::Parse(std::string_view text, std::string_view source) {
  Allowlist list;
  int n = 0;
  while (!text.empty()) {
    ++n;
    const size_t nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return Status::Error(std::string(source) + ":" + std::to_string(n) +
                           ": expected `type<TAB>value[<TAB>why]`");
    }
    const size_t tab2 = line.find('\t', tab + 1);
    const std::string value =
        line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    if (!list.Add(line.substr(0, tab), value)) {
      return Status::Error(std::string(source) + ":" + std::to_string(n) + ": empty value");
    }
  }
  return list;
}

extern const char kBuiltInAllowlist[];

const Allowlist& Allowlist::BuiltIn() {
  static const Allowlist list = [] {
    auto parsed = Parse(kBuiltInAllowlist, "data/gang_allowlist.tsv");
    return parsed.ok() ? std::move(parsed).value() : Allowlist();
  }();
  return list;
}

double AttrWeight(AttrType type, uint32_t degree, double c) {
  const double d = degree < 2 ? 2.0 : static_cast<double>(degree);
  return InfoOf(type).base * std::log(2.0 + c) / std::log(d + c);
}

AttrWeights ComputeWeights(const EntityGraph& g, std::span<const uint32_t> degree,
                           const HubPolicy& policy) {
  AttrWeights w;
  const uint32_t n = g.num_attrs();
  w.weight.resize(n);
  w.hub.resize(n, HubReason::kNone);
  w.degree.resize(n);
  for (AttrId a = 0; a < n; ++a) {
    const uint32_t d = degree.empty() ? g.degree(a) : degree[a];
    const AttrType t = g.attr_type(a);
    w.degree[a] = d;
    w.weight[a] = static_cast<float>(AttrWeight(t, d, policy.c));
    if (policy.allowlist.Contains(t, g.attr_value(a))) {
      w.hub[a] = HubReason::kAllowlisted;
    } else if (d > policy.cap[static_cast<int>(t)]) {
      w.hub[a] = HubReason::kOverCap;
    }
  }
  return w;
}

}  // namespace ipguard::graph
