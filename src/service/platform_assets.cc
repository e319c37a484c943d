// Rights: assets (brands, works, images, portraits) with proof documents,
// approved or rejected by an admin; approved, unexpired assets make up the
// registry snapshot the scanning engine is built from.
#include <fmt/format.h>

#include "core/time.h"
#include "io/record_parser.h"
#include "service/fields.h"
#include "service/json_parse.h"
#include "service/platform.h"

namespace ipguard::service {

using store::Role;

namespace {

constexpr size_t kMaxProofs = 20;

bool IsHolderSide(const User& u) { return u.role == Role::kHolder || u.role == Role::kAgent; }

}  // namespace

json::Value Platform::AssetJson(const store::Asset& a) const {
  json::Value v = json::Value::Object();
  v.Set("id", a.id);
  v.Set("holder", a.holder);
  v.Set("kind", a.kind);
  v.Set("status", a.status);
  auto rec = ParseJson(a.record_json);
  v.Set("record", rec.ok() ? std::move(rec).value() : json::Value());
  v.Set("proofs", json::Value::ArrayOf(a.proofs));
  if (a.expires_at) v.Set("expires_at", FormatRfc3339(*a.expires_at));
  v.Set("created_at", FormatRfc3339(a.created_at));
  v.Set("created_by", a.created_by);
  if (a.decided_at) {
    v.Set("decided_at", FormatRfc3339(a.decided_at));
    v.Set("decided_by", a.decided_by);
  }
  if (!a.reason.empty()) v.Set("reason", a.reason);
  const bool expired = a.expires_at && *a.expires_at <= Now();
  v.Set("active", a.status == "approved" && !expired);
  return v;
}

Response Platform::CreateAsset(const User& actor, const json::Value& body) {
  if (!IsHolderSide(actor))
    return Forbidden("only a rights holder or its agent can register rights");
  Fields f(body);
  const std::string kind = f.Enum("kind", true, {"brand", "work", "image", "portrait"});
  auto proofs = f.Strings("proofs", true, kMaxProofs, 64);
  auto expires = f.Time("expires_at", false);
  if (!f.ok()) return f.error();
  if (expires && *expires <= Now()) return Invalid("expires_at", "expires_at is in the past");
  for (size_t i = 0; i < proofs.size(); ++i) {
    auto blob = store_->GetBlob(proofs[i]);
    if (!blob.ok()) return Internal(blob.status().message());
    if (!blob->has_value()) {
      return Unprocessable(fmt::format("proofs[{}]", i),
                           "unknown proof document: upload it first (POST /api/v1/files)");
    }
  }
  // An image the holder uploaded, by sha256, checked to be an image.
  auto image_blob = [&](const std::string& field,
                        const std::string& sha) -> std::optional<ApiError> {
    auto blob = store_->GetBlob(sha);
    if (!blob.ok()) return Internal(blob.status().message());
    if (!blob->has_value() || (*blob)->type.rfind("image/", 0) != 0) {
      return Unprocessable(field, "must be the sha256 of an uploaded image (POST /api/v1/files)");
    }
    return std::nullopt;
  };

  const std::string id = fmt::format("{}-{}", kind, RandomHex(5));
  json::Value rec = json::Value::Object();
  rec.Set("kind", kind);
  rec.Set("id", id);
  rec.Set("holder", actor.holder);
  auto copy_list = [&](std::string_view key, bool required) {
    auto list = f.Strings(key, required);
    if (!list.empty()) rec.Set(key, json::Value::ArrayOf(list));
  };
  auto copy_string = [&](std::string_view key, bool required, size_t max = 200) {
    auto s = f.String(key, required, max);
    if (!s.empty()) rec.Set(key, s);
  };
  if (kind == "brand") {
    copy_string("registration_number", true, 64);
    copy_list("names", true);
    copy_list("aliases", false);
    copy_list("categories", false);
    copy_list("authorized_shops", false);
    copy_list("generic_senses", false);
    if (const json::Value* classes = f.Get("classes")) {
      json::Value out = json::Value::Array();
      if (!classes->is_array()) f.Fail("classes", "classes must be a list of Nice classes (1-45)");
      for (size_t i = 0; f.ok() && i < classes->items().size(); ++i) {
        const auto& c = classes->items()[i];
        if (c.type() != json::Value::Type::kInteger || c.as_integer() < 1 || c.as_integer() > 45) {
          f.Fail(fmt::format("classes[{}]", i), "a Nice class is an integer from 1 to 45");
        }
        out.Append(c);
      }
      rec.Set("classes", std::move(out));
    }
    if (const json::Value* floor = f.Get("price_floor")) {
      if (!floor->is_object())
        f.Fail("price_floor", "price_floor must be an object: category -> price");
      for (const auto& [category, price] : floor->members()) {
        if (!f.ok()) break;
        if ((price.type() != json::Value::Type::kNumber &&
             price.type() != json::Value::Type::kInteger) ||
            price.as_number() < 0) {
          f.Fail("price_floor." + category, "a price floor is a number >= 0");
        }
      }
      if (f.ok()) rec.Set("price_floor", *floor);
    }
  } else if (kind == "work") {
    const std::string type =
        f.Enum("type", true, {"book", "short_drama", "film", "music", "course", "software"});
    if (!type.empty()) rec.Set("type", type);
    copy_string("title", true, 500);
    copy_string("author", false);
    copy_string("isbn", false, 32);
    copy_list("aliases", false);
    copy_list("authorized_shops", false);
  } else if (kind == "image") {
    const std::string image = f.String("image", true, 64);
    if (f.ok()) {
      if (auto err = image_blob("image", image)) return *err;
      rec.Set("path", image);
    }
    if (auto published = f.Time("published_at", false))
      rec.Set("published_at", FormatRfc3339(*published));
    copy_string("shop", false, 64);
  } else {  // portrait
    copy_list("names", true);
    copy_list("aliases", false);
    auto images = f.Strings("images", false, 20, 64);
    for (size_t i = 0; f.ok() && i < images.size(); ++i) {
      if (auto err = image_blob(fmt::format("images[{}]", i), images[i])) return *err;
    }
    if (!images.empty()) rec.Set("images", json::Value::ArrayOf(images));
    copy_list("authorized_shops", false);
  }
  if (!f.ok()) return f.error();

  store::Asset asset;
  asset.id = id;
  asset.holder = actor.holder;
  asset.kind = kind;
  asset.record_json = rec.Dump();
  asset.proofs = proofs;
  asset.expires_at = expires;
  asset.created_by = actor.id;
  asset.created_at = Now();
  json::Value out = AssetJson(asset);
  auto created =
      store_->CreateAsset(asset, {ActorOf(actor), "asset.create", "asset:" + id, "", out.Dump()});
  if (!created.ok()) return Internal(created.status().message());
  if (!*created) return Conflict("", "asset id collision; retry");
  return Reply{201, std::move(out)};
}

Response Platform::ListAssets(const User& actor, std::string_view status) {
  store::AssetFilter filter;
  if (IsHolderSide(actor)) {
    filter.holder = actor.holder;
  } else if (actor.role != Role::kAdmin && actor.role != Role::kReviewer) {
    return Forbidden("sellers cannot list rights holders' assets");
  }
  if (!status.empty() && status != "pending" && status != "approved" && status != "rejected") {
    return Invalid("status", "status must be pending, approved or rejected");
  }
  filter.status = std::string(status);
  filter.limit = 1000;
  auto assets = store_->ListAssets(filter);
  if (!assets.ok()) return Internal(assets.status().message());
  json::Value list = json::Value::Array();
  for (const auto& a : *assets) list.Append(AssetJson(a));
  json::Value out = json::Value::Object();
  out.Set("assets", std::move(list));
  return Reply{200, std::move(out)};
}

Response Platform::GetAsset(const User& actor, std::string_view id) {
  auto a = store_->GetAsset(id);
  if (!a.ok()) return Internal(a.status().message());
  const bool visible =
      a->has_value() && (actor.role == Role::kAdmin || actor.role == Role::kReviewer ||
                         (IsHolderSide(actor) && (*a)->holder == actor.holder));
  if (!visible) return NotFound(fmt::format("no asset {}", id));
  return Reply{200, AssetJson(**a)};
}

Response Platform::DecideAsset(const User& actor, std::string_view id, const json::Value& body) {
  if (actor.role != Role::kAdmin) return Forbidden("only an admin can approve or reject rights");
  Fields f(body);
  const std::string decision = f.Enum("decision", true, {"approve", "reject"});
  const std::string reason = f.String("reason", decision == "reject", 2000);
  if (!f.ok()) return f.error();
  auto a = store_->GetAsset(id);
  if (!a.ok()) return Internal(a.status().message());
  if (!a->has_value()) return NotFound(fmt::format("no asset {}", id));
  store::Asset after = **a;
  after.status = decision == "approve" ? "approved" : "rejected";
  after.decided_by = actor.id;
  after.decided_at = Now();
  after.reason = reason;
  auto changed =
      store_->DecideAsset(id, after.status, actor.id, after.decided_at, reason,
                          {ActorOf(actor), "asset." + decision, fmt::format("asset:{}", id),
                           AssetJson(**a).Dump(), AssetJson(after).Dump()});
  if (!changed.ok()) return Internal(changed.status().message());
  if (!*changed) {
    return Conflict("", fmt::format("asset {} is {} already; only a pending asset can be decided",
                                    id, (*a)->status));
  }
  json::Value out = AssetJson(after);
  if (after.status == "approved") {
    // The scanning registry picks the asset up within seconds, without a restart.
    out.Set("registry_generation", engines_->RequestRebuild());
  }
  return Reply{200, std::move(out)};
}

Result<std::shared_ptr<const Registry>> Platform::LoadRegistry() {
  Registry::Builder builder;
  auto holders = store_->ListHolders();
  if (!holders.ok()) return holders.status();
  for (const auto& h : *holders) builder.Add(RightsHolder{h.id, h.name, h.verified, h.trusted});
  auto assets = store_->ActiveAssets(Now());
  if (!assets.ok()) return assets.status();
  RecordParser parser("");
  auto blob_path = [&](std::string& p) {
    if (store::BlobStore::IsSha256(p)) p = blobs_->PathOf(p);
  };
  for (const auto& a : *assets) {
    auto record = parser.ParseCopy(a.record_json);
    if (!record.ok() || !std::holds_alternative<RegistryRecord>(*record))
      continue;  // validated at creation
    RegistryRecord r = std::get<RegistryRecord>(std::move(record).value());
    if (auto* image = std::get_if<ImageRecord>(&r)) blob_path(image->path);
    if (auto* portrait = std::get_if<Portrait>(&r)) {
      for (auto& p : portrait->images) blob_path(p);
    }
    builder.Add(std::move(r));
  }
  return std::move(builder).Build();
}

}  // namespace ipguard::service
