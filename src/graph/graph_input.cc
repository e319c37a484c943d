#include "graph/graph_input.h"

#include <cctype>
#include <string>

namespace ipguard::graph {

bool AddAttribute(EntityGraph::Builder& b, EntityId e, std::string_view key, std::string_view value,
                  Seconds seen) {
  AttrType type;
  std::string normalized;
  if (!ClassifyAttr(key, value, type, normalized)) return false;
  b.AddEdge(e, b.AddAttr(type, normalized), seen);
  return true;
}

void AddShop(EntityGraph::Builder& b, const Shop& shop) {
  const EntityId e = b.AddEntity(shop.id, EntityKind::kShop);
  const Seconds seen = shop.created_at ? ToSeconds(*shop.created_at) : 0;
  for (const auto& [key, value] : shop.attrs) AddAttribute(b, e, key, value, seen);
  if (!shop.account.empty()) {
    const EntityId owner = b.ReferEntity(shop.account, EntityKind::kAccount);
    const AttrId a = b.AddAttr(AttrType::kOwner, shop.account);
    b.AddEdge(e, a, seen);
    b.AddEdge(owner, a, 0);
  }
}

void AddAccount(EntityGraph::Builder& b, const Account& account) {
  const EntityId e = b.AddEntity(account.id, EntityKind::kAccount);
  for (const auto& [key, value] : account.attrs) AddAttribute(b, e, key, value, 0);
  const AttrId a = b.AddAttr(AttrType::kOwner, account.id);
  b.AddEdge(e, a, 0);
  for (const auto& shop : account.shops) {
    b.AddEdge(b.ReferEntity(shop, EntityKind::kShop), a, 0);
  }
}

bool AddContact(EntityGraph::Builder& b, EntityId shop, std::string_view channel,
                std::string_view value, Seconds seen) {
  std::string normalized;
  if (!NormalizeContact(channel, value, normalized)) return false;
  b.AddEdge(shop, b.AddAttr(AttrType::kContact, normalized), seen);
  return true;
}

void AddImageHash(EntityGraph::Builder& b, EntityId shop, std::string_view hash, Seconds seen) {
  std::string h(hash);
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!h.empty()) b.AddEdge(shop, b.AddAttr(AttrType::kImage, h), seen);
}

}  // namespace ipguard::graph
