// Typed records of the outside contract (shared/spec/contract.md §1).
// The registry kinds say what is protected and by whom; the item kinds are
// what a scan looks at. Optional contract fields are empty when absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ipguard {

// Milliseconds since the Unix epoch, from an RFC 3339 time.
using Timestamp = int64_t;

// Linking attributes of a shop or account: (type, value) pairs, a list value
// flattened into one pair per element, in input order.
using Attributes = std::vector<std::pair<std::string, std::string>>;

// ---- registry (contract §1.1) ----

struct RightsHolder {
  std::string id;
  std::string name;
  bool verified = false;
  bool trusted = false;
};

struct Brand {
  std::string id;
  std::string holder;
  std::vector<std::string> names;
  std::vector<std::string> aliases;
  std::vector<std::string> categories;
  std::vector<std::string> authorized_shops;
  std::vector<std::pair<std::string, double>> price_floor;  // category -> lowest genuine price
  std::vector<std::string> generic_senses;
};

struct Work {
  std::string id;
  std::string holder;
  std::string type;  // book, short_drama, film, music, course, software
  std::string title;
  std::string author;
  std::string isbn;
  std::vector<std::string> aliases;
  std::vector<std::string> authorized_shops;
};

struct ImageRecord {
  std::string id;
  std::string holder;
  std::string path;  // resolved against the NDJSON file's folder
  std::optional<Timestamp> published_at;
  std::string shop;
};

struct Portrait {
  std::string id;
  std::string holder;
  std::vector<std::string> names;
  std::vector<std::string> aliases;
  std::vector<std::string> images;  // resolved paths
  std::vector<std::string> authorized_shops;
};

// ---- items (contract §1.2) ----

struct Listing {
  std::string id;
  std::string shop;
  std::string title;
  std::string description;
  std::optional<double> price;
  // Units offered or sold, where the platform knows it (not in the contract's
  // table; an added optional field, used for case goods values).
  std::optional<double> quantity;
  std::string currency;
  std::string category;
  std::string brand;                // the brand the seller declares
  std::vector<std::string> images;  // resolved paths
  std::optional<Timestamp> published_at;
};

struct Content {
  std::string id;
  std::string account;
  std::string type;  // video, live, comment, post
  std::string text;
  std::vector<std::string> images;
  std::vector<std::string> listings;
  std::optional<Timestamp> published_at;
};

struct Shop {
  std::string id;
  std::string name;
  std::string account;  // owner
  Attributes attrs;
  std::optional<Timestamp> created_at;
};

struct Account {
  std::string id;
  std::string name;
  Attributes attrs;
  std::vector<std::string> shops;
};

struct Verdict {
  std::string item;
  std::string label;  // infringing or clean
  std::string detector;
  std::string target;
};

enum class ItemKind { kListing, kContent, kShop, kAccount, kVerdict };
inline constexpr int kItemKindCount = 5;

using Item = std::variant<Listing, Content, Shop, Account, Verdict>;
using RegistryRecord = std::variant<RightsHolder, Brand, Work, ImageRecord, Portrait>;

// A parsed line: a registry record, an item, or a kind this version does not
// know (kept as its name so the summary can count it; never an error).
struct UnknownKind {
  std::string kind;
};
using Record = std::variant<UnknownKind, RegistryRecord, Item>;

ItemKind KindOf(const Item& item);
std::string_view KindName(ItemKind kind);
// The id the contract's findings use for `item`: id, or for a verdict its item.
const std::string& IdOf(const Item& item);

}  // namespace ipguard
