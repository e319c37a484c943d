// Records -> entity graph: the edges a shop, an account, a contact found in a
// listing or an image hash contribute (contract §1.2 `attrs`, `account`,
// `shops`).
#pragma once

#include <string_view>

#include "graph/entity_graph.h"
#include "ipguard/records.h"

namespace ipguard::graph {

// A shop: an entity with its attrs (first seen at created_at) and an owner
// edge to its account (the account's id as an kOwner attribute, which the
// account itself also carries).
void AddShop(EntityGraph::Builder& b, const Shop& shop);
// An account: an entity with its attrs, its own owner attribute, and owner
// edges to every shop it lists.
void AddAccount(EntityGraph::Builder& b, const Account& account);
// One attrs (key, value) pair of an entity; false when the value is empty.
bool AddAttribute(EntityGraph::Builder& b, EntityId e, std::string_view key, std::string_view value,
                  Seconds seen = 0);
// A contact (diversion finding: channel, value) seen in a shop's listing.
bool AddContact(EntityGraph::Builder& b, EntityId shop, std::string_view channel,
                std::string_view value, Seconds seen = 0);
// An image hash seen in a shop's listing.
void AddImageHash(EntityGraph::Builder& b, EntityId shop, std::string_view hash, Seconds seen = 0);

}  // namespace ipguard::graph
