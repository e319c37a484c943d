#include "ipguard/records.h"

namespace ipguard {

ItemKind KindOf(const Item& item) { return static_cast<ItemKind>(item.index()); }

std::string_view KindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kListing:
      return "listing";
    case ItemKind::kContent:
      return "content";
    case ItemKind::kShop:
      return "shop";
    case ItemKind::kAccount:
      return "account";
    case ItemKind::kVerdict:
      return "verdict";
  }
  return "?";
}

const std::string& IdOf(const Item& item) {
  return std::visit(
      [](const auto& r) -> const std::string& {
        if constexpr (std::is_same_v<std::decay_t<decltype(r)>, Verdict>) {
          return r.item;
        } else {
          return r.id;
        }
      },
      item);
}

}  // namespace ipguard
