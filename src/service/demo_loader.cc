#include "service/demo_loader.h"

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "service/json_parse.h"

namespace ipguard::service {
namespace {

const store::Audit kAudit{"system", "demo.load", "", "", ""};

std::string Str(const json::Value& v, std::string_view key) {
  const json::Value* f = v.Find(key);
  return f && f->type() == json::Value::Type::kString ? f->as_string() : std::string();
}

// Stores the file at DIR/path; its sha256, or "" when unreadable.
std::string StoreImage(Platform& p, const std::string& dir, const std::string& path) {
  std::ifstream in(path.empty() || path[0] == '/' ? path : dir + "/" + path, std::ios::binary);
  if (!in) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto sha = p.blobs().Put(bytes);
  if (!sha.ok()) return {};
  (void)p.store().PutBlob({*sha, static_cast<int64_t>(bytes.size()), "image/png", 0, p.Now()});
  return *sha;
}

// Replaces the image paths of `key` (a string or a list) with their sha256.
void StoreImages(Platform& p, const std::string& dir, json::Value& record, std::string_view key) {
  const json::Value* v = record.Find(key);
  if (!v) return;
  if (v->type() == json::Value::Type::kString) {
    record.Set(key, StoreImage(p, dir, v->as_string()));
    return;
  }
  json::Value out = json::Value::Array();
  for (const auto& item : v->items()) {
    if (item.type() != json::Value::Type::kString) continue;
    if (std::string sha = StoreImage(p, dir, item.as_string()); !sha.empty()) out.Append(sha);
  }
  record.Set(key, std::move(out));
}

template <typename F>
void EachLine(const std::string& path, int& rejected, F f) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto v = ParseJson(line);
    if (!v.ok() || !v->is_object() || !f(*v)) ++rejected;
  }
}

}  // namespace

Expected<DemoLoad> LoadDemo(Platform& p, const std::string& dir) {
  DemoLoad out;
  auto hash = HashPassword(kDemoPassword, PasswordCost::kInteractive);
  if (!hash.ok()) return Internal(hash.status().message());
  auto& store = p.store();
  std::map<std::string, int64_t> users;  // name -> id
  auto user = [&](const std::string& name, store::Role role, const std::string& holder) -> int64_t {
    if (auto it = users.find(name); it != users.end()) return it->second;
    auto id = store.CreateUser({0, name, role, *hash, holder, p.Now()}, kAudit);
    const int64_t uid = id.ok() ? *id : 0;
    users[name] = uid;
    return uid;
  };
  user("reviewer", store::Role::kReviewer, "");

  const std::string registry = dir + "/registry.ndjson";
  if (!std::ifstream(registry)) return Internal(fmt::format("no demo registry at {}", registry));
  EachLine(registry, out.rejected_lines, [&](json::Value& v) {
    const std::string kind = Str(v, "kind"), id = Str(v, "id");
    if (id.empty()) return false;
    if (kind == "rights_holder") {
      const json::Value* trusted = v.Find("trusted");
      const json::Value* verified = v.Find("verified");
      store::Holder h{id, Str(v, "name"), verified && verified->as_bool(),
                      trusted && trusted->as_bool()};
      if (!store.PutHolder(h, kAudit).ok()) return false;
      user(id, store::Role::kHolder, id);
      ++out.holders;
      return true;
    }
    if (kind != "brand" && kind != "work" && kind != "image" && kind != "portrait") return false;
    if (kind == "image") StoreImages(p, dir, v, "path");
    if (kind == "portrait") StoreImages(p, dir, v, "images");
    store::Asset a;
    a.id = id;
    a.holder = Str(v, "holder");
    a.kind = kind;
    a.status = "approved";
    a.record_json = v.Dump();
    a.created_at = a.decided_at = p.Now();
    auto created = store.CreateAsset(a, kAudit);
    if (!created.ok() || !*created) return false;
    ++out.assets;
    return true;
  });

  std::map<std::string, int64_t> shop_owner;
  const std::string items = dir + "/items.ndjson";
  // Accounts and shops first (a listing may come before its shop's record).
  EachLine(items, out.rejected_lines, [&](json::Value& v) {
    const std::string kind = Str(v, "kind"), id = Str(v, "id");
    if (kind == "account") {
      user(id, store::Role::kSeller, "");
      ++out.sellers;
    } else if (kind == "shop") {
      const std::string account = Str(v, "account");
      const int64_t owner =
          user(account.empty() ? "demo-seller" : account, store::Role::kSeller, "");
      auto created = store.CreateShop({id, Str(v, "name"), owner}, kAudit);
      if (!created.ok()) return false;
      out.shops += *created ? 1 : 0;
    }
    return true;
  });
  EachLine(items, out.rejected_lines, [&](json::Value& v) {
    if (Str(v, "kind") != "listing") return true;
    const std::string id = Str(v, "id"), shop = Str(v, "shop");
    if (id.empty() || shop.empty()) return false;
    StoreImages(p, dir, v, "images");
    if (!store.PutListing({id, shop, v.Dump(), "active", p.Now()}, kAudit).ok()) return false;
    ++out.listings;
    return true;
  });
  const uint64_t gen = p.engines().RequestRebuild();
  p.engines().WaitFor(gen, std::chrono::seconds(60));
  return out;
}

}  // namespace ipguard::service
