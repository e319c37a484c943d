#include "service/platform.h"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "core/time.h"
#include "service/fields.h"
#include "service/json_parse.h"
#include "store/sqlite_store.h"

namespace ipguard::service {

using store::Role;

std::string ActorOf(const User& user) { return fmt::format("user:{}", user.id); }

namespace {

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

json::Value UserJson(const User& u) {
  json::Value v = json::Value::Object();
  v.Set("id", u.id);
  v.Set("name", u.name);
  v.Set("role", store::RoleName(u.role));
  if (!u.holder.empty()) v.Set("holder", u.holder);
  v.Set("created_at", FormatRfc3339(u.created_at));
  return v;
}

json::Value HolderJson(const store::Holder& h) {
  json::Value v = json::Value::Object();
  v.Set("id", h.id);
  v.Set("name", h.name);
  v.Set("verified", h.verified);
  v.Set("trusted", h.trusted);
  v.Set("bad_faith", h.bad_faith);
  return v;
}

// File types accepted for proofs, evidence and images, with their signature.
struct FileType {
  std::string_view type;
  std::string_view magic;
};
constexpr FileType kFileTypes[] = {
    {"image/png", "\x89PNG\r\n\x1a\n"},
    {"image/jpeg", "\xff\xd8\xff"},
    {"image/webp", "RIFF"},
    {"application/pdf", "%PDF-"},
    {"text/plain", ""},
};

}  // namespace

Timestamp Platform::Now() const {
  if (options_.now) return options_.now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Platform::~Platform() = default;

Expected<std::unique_ptr<Platform>> Platform::Open(PlatformOptions options) {
  if (!InitCrypto()) return Internal("libsodium could not be initialized");
  std::unique_ptr<Platform> p(new Platform());
  p->options_ = std::move(options);
  std::error_code ec;
  std::filesystem::create_directories(p->options_.data_dir, ec);
  if (ec) {
    return Internal(
        fmt::format("cannot create the data folder {}: {}", p->options_.data_dir, ec.message()));
  }
  auto st = store::OpenSqliteStore(p->options_.data_dir + "/ipguard.db");
  if (!st.ok()) return Internal(st.status().message());
  p->store_ = std::move(st).value();
  auto blobs = store::BlobStore::Open(p->options_.data_dir + "/blobs");
  if (!blobs.ok()) return Internal(blobs.status().message());
  p->blobs_ = std::make_unique<store::BlobStore>(std::move(blobs).value());
  if (!p->options_.calendar_file.empty()) {
    auto cal = WorkCalendar::Load(p->options_.calendar_file);
    if (!cal.ok()) return Internal(cal.status().message());
    p->calendar_ = std::move(cal).value();
  }
  Platform* raw = p.get();
  p->engines_ =
      std::make_unique<EngineHolder>([raw] { return raw->LoadRegistry(); }, p->options_.policy);
  if (Status s = p->engines_->Start(); !s.ok()) {
    return Internal(fmt::format("cannot build the scanning engine: {}", s.message()));
  }
  return p;
}

std::string Platform::HolderOf(const User& actor) const {
  return actor.role == Role::kHolder || actor.role == Role::kAgent ? actor.holder : std::string();
}

// ---- identities ----

Expected<User> Platform::Authenticate(std::string_view token) {
  if (token.empty()) {
    return Unauthorized("send an API token: Authorization: Bearer <token> (POST /api/v1/login)");
  }
  auto user = store_->UserForToken(TokenDigest(token), Now() - options_.token_ttl_ms);
  if (!user.ok()) return Internal(user.status().message());
  if (!user->has_value()) {
    return Unauthorized(
        "the API token is not valid (unknown, expired or signed out); log in again");
  }
  return **user;
}

Response Platform::Logout(std::string_view token) {
  auto user = Authenticate(token);
  if (!user.ok()) return user.error();
  auto revoked = store_->RevokeToken(
      TokenDigest(token),
      {ActorOf(*user), "token.revoke", fmt::format("user:{}", user->id), "", ""});
  if (!revoked.ok()) return Internal(revoked.status().message());
  json::Value out = json::Value::Object();
  out.Set("signed_out", true);
  return Reply{200, std::move(out)};
}

Expected<bool> Platform::BootstrapAdmin(std::string_view name, std::string_view password) {
  auto count = store_->CountUsers();
  if (!count.ok()) return Internal(count.status().message());
  if (*count > 0) return false;
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return Internal(hash.status().message());
  User admin{0, std::string(name), Role::kAdmin, *hash, "", Now()};
  auto id =
      store_->CreateUser(admin, {"system", "user.bootstrap_admin", "", "", UserJson(admin).Dump()});
  if (!id.ok()) return Internal(id.status().message());
  return *id != 0;
}

Response Platform::Register(const User* actor, const json::Value& body) {
  Fields f(body);
  const std::string name = f.String("name", true, 64);
  const std::string password = f.String("password", true, 1024);
  const std::string role_name =
      f.Enum("role", true, {"holder", "agent", "reviewer", "seller", "admin"});
  const std::string holder_name = f.String("holder_name", false, 200);
  const std::string holder_id = f.String("holder", false, 64);
  if (!f.ok()) return f.error();
  if (!ValidName(name)) {
    return Invalid("name", "name must be 1-64 characters of letters, digits, . _ - @");
  }
  if (password.size() < 8) return Invalid("password", "password must be at least 8 characters");
  const Role role = *store::ParseRole(role_name);
  const bool self_service = role == Role::kHolder || role == Role::kSeller;
  if (!self_service && (!actor || actor->role != Role::kAdmin)) {
    return Forbidden(fmt::format("only an admin can create {} accounts", role_name));
  }
  if (actor && actor->role != Role::kAdmin) {
    return Forbidden("only an admin can create accounts for others; log out to register");
  }
  // Checked before a holder record is made, so a taken name leaves nothing
  // behind (CreateUser still decides races).
  auto taken = store_->FindUserByName(name);
  if (!taken.ok()) return Internal(taken.status().message());
  if (taken->has_value()) return Conflict("name", fmt::format("the name {} is taken", name));
  User user{0, name, role, "", "", Now()};
  std::optional<store::Holder> new_holder;
  if (role == Role::kHolder) {
    if (holder_name.empty()) {
      return Invalid("holder_name", "holder_name (the rights holder's legal name) is required");
    }
    new_holder = store::Holder{"holder-" + RandomHex(6), holder_name, false, false};
    user.holder = new_holder->id;
  } else if (role == Role::kAgent) {
    if (holder_id.empty())
      return Invalid("holder", "holder (the id of the holder the agent acts for) is required");
    auto h = store_->GetHolder(holder_id);
    if (!h.ok()) return Internal(h.status().message());
    if (!h->has_value())
      return Unprocessable("holder", fmt::format("no rights holder {}", holder_id));
    user.holder = holder_id;
  }
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return Internal(hash.status().message());
  user.password_hash = *hash;
  const std::string who = actor ? ActorOf(*actor) : "self";
  if (new_holder) {
    Status st = store_->PutHolder(*new_holder, {who, "holder.create", "holder:" + new_holder->id,
                                                "", HolderJson(*new_holder).Dump()});
    if (!st.ok()) return Internal(st.message());
  }
  auto id = store_->CreateUser(user, {who, "user.create", "", "", UserJson(user).Dump()});
  if (!id.ok()) return Internal(id.status().message());
  if (*id == 0) return Conflict("name", fmt::format("the name {} is taken", name));
  user.id = *id;
  json::Value out = UserJson(user);
  if (new_holder) out.Set("holder", HolderJson(*new_holder));
  return Reply{201, std::move(out)};
}

Response Platform::Login(const json::Value& body) {
  Fields f(body);
  const std::string name = f.String("name", true, 64);
  const std::string password = f.String("password", true, 1024);
  if (!f.ok()) return f.error();
  auto user = store_->FindUserByName(name);
  if (!user.ok()) return Internal(user.status().message());
  if (!user->has_value() || !VerifyPassword((*user)->password_hash, password)) {
    return Unauthorized("wrong name or password");
  }
  const std::string token = NewToken();
  Status st = store_->AddToken(
      (*user)->id, TokenDigest(token), Now(),
      {ActorOf(**user), "token.create", fmt::format("user:{}", (*user)->id), "", ""});
  if (!st.ok()) return Internal(st.message());
  json::Value out = json::Value::Object();
  out.Set("token", token);
  out.Set("expires_at", FormatRfc3339(Now() + options_.token_ttl_ms));
  out.Set("user", UserJson(**user));
  return Reply{200, std::move(out)};
}

Response Platform::Me(const User& actor) {
  json::Value out = UserJson(actor);
  if (!actor.holder.empty()) {
    auto h = store_->GetHolder(actor.holder);
    if (h.ok() && h->has_value()) out.Set("holder", HolderJson(**h));
  }
  return Reply{200, std::move(out)};
}

Response Platform::SetHolder(const User& actor, std::string_view holder_id,
                             const json::Value& body) {
  if (actor.role != Role::kAdmin) return Forbidden("only an admin can change a rights holder");
  Fields f(body);
  auto trusted = f.Bool("trusted");
  auto verified = f.Bool("verified");
  auto bad_faith = f.Bool("bad_faith");
  if (!f.ok()) return f.error();
  auto h = store_->GetHolder(holder_id);
  if (!h.ok()) return Internal(h.status().message());
  if (!h->has_value()) return NotFound(fmt::format("no rights holder {}", holder_id));
  store::Holder updated = **h;
  if (trusted) updated.trusted = *trusted;
  if (verified) updated.verified = *verified;
  if (bad_faith) updated.bad_faith = *bad_faith;
  Status st = store_->PutHolder(updated, {ActorOf(actor), "holder.update", "holder:" + updated.id,
                                          HolderJson(**h).Dump(), HolderJson(updated).Dump()});
  if (!st.ok()) return Internal(st.message());
  engines_->RequestRebuild();  // trusted status travels in the registry snapshot
  return Reply{200, HolderJson(updated)};
}

// ---- marketplace ----

Response Platform::CreateShop(const User& actor, const json::Value& body) {
  if (actor.role != Role::kSeller) return Forbidden("only a seller can open a shop");
  Fields f(body);
  const std::string id = f.String("id", true, 64);
  const std::string name = f.String("name", true, 200);
  if (!f.ok()) return f.error();
  store::ShopRow shop{id, name, actor.id, "active"};
  json::Value out = json::Value::Object();
  out.Set("id", id);
  out.Set("name", name);
  out.Set("owner", actor.id);
  auto created =
      store_->CreateShop(shop, {ActorOf(actor), "shop.create", "shop:" + id, "", out.Dump()});
  if (!created.ok()) return Internal(created.status().message());
  if (!*created) return Conflict("id", fmt::format("a shop {} exists already", id));
  return Reply{201, std::move(out)};
}

Response Platform::ListShops(const User& actor) {
  if (actor.role != Role::kSeller) return Forbidden("only a seller has shops");
  auto shops = store_->ShopsOf(actor.id);
  if (!shops.ok()) return Internal(shops.status().message());
  json::Value list = json::Value::Array();
  for (const auto& s : *shops) list.Append(ShopJson(s));
  json::Value out = json::Value::Object();
  out.Set("shops", std::move(list));
  return Reply{200, std::move(out)};
}

Response Platform::PutListing(const User& actor, std::string_view id, const json::Value& body) {
  if (actor.role != Role::kSeller) return Forbidden("only a seller can publish listings");
  if (id.empty() || id.size() > 64) return Invalid("id", "the listing id must be 1-64 bytes");
  Fields f(body);
  const std::string shop = f.String("shop", true, 64);
  const std::string title = f.String("title", true, 500);
  const std::string description = f.String("description", false, 20000);
  auto price = f.Number("price", false, 0, 1e12);
  const std::string currency = f.String("currency", false, 8);
  const std::string category = f.String("category", false, 100);
  const std::string brand = f.String("brand", false, 100);
  auto images = f.Strings("images", false, 20, 64);
  if (!f.ok()) return f.error();
  auto s = store_->GetShop(shop);
  if (!s.ok()) return Internal(s.status().message());
  if (!s->has_value() || (*s)->owner != actor.id) {
    return Forbidden(fmt::format("shop {} is not one of your shops", shop));
  }
  if ((*s)->status != "active") {
    return Forbidden(
        fmt::format("shop {} is {} after repeated infringement and cannot publish listings (GET "
                    "/api/v1/shops/{}/penalties)",
                    shop, (*s)->status, shop));
  }
  auto existing = store_->GetListing(id);
  if (!existing.ok()) return Internal(existing.status().message());
  if (existing->has_value() && (*existing)->shop != shop) {
    auto other = store_->GetShop((*existing)->shop);
    if (!other.ok() || !other->has_value() || (*other)->owner != actor.id) {
      return Conflict("id", fmt::format("listing {} belongs to another seller", id));
    }
  }
  for (size_t i = 0; i < images.size(); ++i) {
    if (!blobs_->Has(images[i])) {
      return Unprocessable(
          fmt::format("images[{}]", i),
          "unknown image: upload it first (POST /api/v1/files) and send its sha256");
    }
  }
  json::Value rec = json::Value::Object();
  rec.Set("kind", "listing");
  rec.Set("id", id);
  rec.Set("shop", shop);
  rec.Set("title", title);
  if (!description.empty()) rec.Set("description", description);
  if (price) rec.Set("price", *price);
  if (!currency.empty()) rec.Set("currency", currency);
  if (!category.empty()) rec.Set("category", category);
  if (!brand.empty()) rec.Set("brand", brand);
  if (!images.empty()) rec.Set("images", json::Value::ArrayOf(images));
  store::ListingRow row{std::string(id), shop, rec.Dump(), "active", Now()};
  Status st = store_->PutListing(row, {ActorOf(actor), "listing.put", fmt::format("listing:{}", id),
                                       existing->has_value() ? (*existing)->json : "", row.json});
  if (!st.ok()) return Internal(st.message());
  rec.Set("status", existing->has_value() ? (*existing)->status : "active");
  return Reply{existing->has_value() ? 200 : 201, std::move(rec)};
}

Response Platform::GetListing(const User&, std::string_view id) {
  // Listings are public on the marketplace: every signed-in user may read one.
  auto l = store_->GetListing(id);
  if (!l.ok()) return Internal(l.status().message());
  if (!l->has_value()) return NotFound(fmt::format("no listing {}", id));
  auto rec = ParseJson((*l)->json);
  if (!rec.ok()) return Internal("a stored listing is not valid JSON");
  rec->Set("status", (*l)->status);
  rec->Set("updated_at", FormatRfc3339((*l)->updated_at));
  return Reply{200, std::move(rec).value()};
}

// ---- files ----

Response Platform::UploadFile(const User& actor, std::string_view type, std::string_view bytes) {
  if (const size_t semi = type.find(';'); semi != std::string_view::npos)
    type = type.substr(0, semi);
  const FileType* known = nullptr;
  std::string list;
  for (const auto& t : kFileTypes) {
    if (t.type == type) known = &t;
    list += fmt::format("{}{}", list.empty() ? "" : ", ", t.type);
  }
  if (!known) {
    return {ApiError{415, "unsupported_type", "Content-Type",
                     fmt::format("Content-Type {} is not accepted; send one of: {}",
                                 type.empty() ? "(none)" : type, list)}};
  }
  if (bytes.empty()) return Invalid("body", "the file is empty");
  if (bytes.size() > options_.max_file_bytes) {
    return {ApiError{413, "too_large", "body",
                     fmt::format("the file is {} bytes; at most {} are accepted", bytes.size(),
                                 options_.max_file_bytes)}};
  }
  if (bytes.substr(0, known->magic.size()) != known->magic) {
    return Invalid("body", fmt::format("the bytes are not a {} file", known->type));
  }
  if (known->type == "text/plain" && !IsValidUtf8(bytes)) {
    return Invalid("body", "a text/plain file must be UTF-8");
  }
  auto sha = blobs_->Put(bytes);
  if (!sha.ok()) return Internal(sha.status().message());
  Status st = store_->PutBlob(
      {*sha, static_cast<int64_t>(bytes.size()), std::string(known->type), actor.id, Now()});
  if (!st.ok()) return Internal(st.message());
  json::Value out = json::Value::Object();
  out.Set("sha256", *sha);
  out.Set("size", static_cast<int64_t>(bytes.size()));
  out.Set("type", known->type);
  return Reply{201, std::move(out)};
}

Expected<std::pair<std::string, std::string>> Platform::FilePath(const User& actor,
                                                                 std::string_view sha) {
  auto blob = store_->GetBlob(sha);
  if (!blob.ok()) return Internal(blob.status().message());
  if (!blob->has_value()) return NotFound(fmt::format("no file {}", sha));
  const bool staff = actor.role == Role::kReviewer || actor.role == Role::kAdmin;
  if (!staff && (*blob)->uploaded_by != actor.id) {
    return NotFound(fmt::format("no file {}", sha));
  }
  return std::make_pair(blobs_->PathOf(sha), (*blob)->type);
}

// ---- operations ----

Response Platform::Health() {
  auto engine = engines_->Current();
  json::Value out = json::Value::Object();
  out.Set("ok", true);
  out.Set("registry_generation", engines_->generation());
  out.Set("registry_records", static_cast<uint64_t>(engine->registry().size()));
  json::Value detectors = json::Value::Array();
  for (const auto& d : engine->detectors()) detectors.Append(d->name());
  out.Set("detectors", std::move(detectors));
  if (const std::string err = engines_->last_error(); !err.empty()) out.Set("registry_error", err);
  return Reply{200, std::move(out)};
}

Response Platform::ReadAudit(const User& actor, int64_t after, size_t limit) {
  if (actor.role != Role::kAdmin) return Forbidden("only an admin can read the audit log");
  auto entries = store_->ReadAudit(after, std::min<size_t>(limit, 1000));
  if (!entries.ok()) return Internal(entries.status().message());
  json::Value list = json::Value::Array();
  for (const auto& e : *entries) {
    json::Value v = json::Value::Object();
    v.Set("seq", e.seq);
    v.Set("at", FormatRfc3339(e.at));
    v.Set("actor", e.actor);
    v.Set("action", e.action);
    v.Set("object", e.object);
    v.Set("before", e.before);
    v.Set("after", e.after);
    v.Set("prev_hash", e.prev_hash);
    v.Set("hash", e.hash);
    list.Append(std::move(v));
  }
  json::Value out = json::Value::Object();
  out.Set("entries", std::move(list));
  return Reply{200, std::move(out)};
}

}  // namespace ipguard::service
