#include "detect/image_copy/image_copy_detector.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <unordered_set>

#include <fmt/format.h>

#include "core/time.h"
#include "detect/image_copy/digest_cache.h"
#include "image/pdq_index.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

constexpr std::string_view kName = "image_copy";

// The copy is the original under this transform when the copy's dihedral
// hash `q` matched the original: original = T_q(copy), copy = T_q^-1(orig).
int Inverse(int q) { return image::InverseDihedral(q % image::kDihedralCount); }

std::vector<const image::PdqResult*> Usable(const ImageDigest& d) { return d.Usable(); }

// Did the copy match through its border-trimmed hash (not the whole picture
// or one of its windows)?
bool IsTrimmed(const ImageDigest& d, const image::PdqResult* h) {
  return d.trimmed && h == &*d.trimmed;
}

// Queries for an image: the 8 dihedral hashes of each usable hash; query
// q is transform q % 8 of hash q / 8.
std::vector<image::PdqHash> QueriesOf(const std::vector<const image::PdqResult*>& usable) {
  std::vector<image::PdqHash> q;
  for (const auto* r : usable) q.insert(q.end(), r->dihedral.begin(), r->dihedral.end());
  return q;
}

// Confidence from distance: 1.0 for an exact copy, 0.6 at the radius.
double Score(int distance, int radius) {
  return 1.0 - 0.4 * static_cast<double>(distance) / std::max(radius, 1);
}

struct RegisteredImage {
  const ImageRecord* record;
  std::unordered_set<std::string> allowed;  // its shop and the holder's authorized shops
};

// One image of one scanned item.
struct Observation {
  std::string item;
  ItemKind kind;
  std::string owner;  // shop (listing) or account (content)
  std::string path;
  bool dated = false;
  Timestamp time = 0;
  uint64_t order = 0;  // input order
  std::shared_ptr<const ImageDigest> digest;
  // Matched a registered image: decided (and reported, unless its owner may
  // use it) at Observe.
  bool registered = false;

  // Published strictly before `o`?
  bool Before(const Observation& o) const {
    if (dated != o.dated) return dated;  // dated items precede undated ones
    if (dated && time != o.time) return time < o.time;
    return !dated && order < o.order;  // equal dated times: neither is first
  }
};

class ImageCopyDetector;

class ImageCopySession : public DetectorSession {
 public:
  explicit ImageCopySession(const ImageCopyDetector& d) : d_(d) {}
  void Observe(const PreparedItem& item, std::vector<Finding>& findings) override;
  void Finish(std::vector<Finding>& out) override;

 private:
  // Decides `o` against the registered images (the protected originals,
  // whatever the dates): sets o.registered on a match and appends a finding
  // unless o's owner may use the image.
  void CheckRegistered(Observation& o, std::vector<Finding>& out) const;

  const ImageCopyDetector& d_;
  std::vector<Observation> obs_;
  uint64_t order_ = 0;
};

class ImageCopyDetector : public Detector {
 public:
  ImageCopyDetector(std::shared_ptr<const Registry> registry, int radius)
      : registry_(std::move(registry)), radius_(radius) {}

  Status Build() {
    // Who may use each holder's images: the shops its brands and works name.
    std::unordered_map<std::string, std::unordered_set<std::string>> authorized;
    for (const auto& b : registry_->brands()) {
      authorized[b.holder].insert(b.authorized_shops.begin(), b.authorized_shops.end());
    }
    for (const auto& w : registry_->works()) {
      authorized[w.holder].insert(w.authorized_shops.begin(), w.authorized_shops.end());
    }
    for (const auto& rec : registry_->images()) {
      auto digest = cache_.Get(rec.path);
      if (!digest->status.ok()) {
        // Not fatal: the rest of the registry still protects; say which.
        std::fprintf(stderr, "ipguard: image_copy: registry image %s not used: %s\n",
                     rec.id.c_str(), digest->status.message().c_str());
        continue;
      }
      const auto usable = Usable(*digest);
      if (usable.empty()) {
        std::fprintf(stderr,
                     "ipguard: image_copy: registry image %s not used: PDQ quality %d is too "
                     "low to match on (flat or tiny image)\n",
                     rec.id.c_str(), digest->pdq.quality);
        continue;
      }
      RegisteredImage r{&rec, authorized[rec.holder]};
      if (!rec.shop.empty()) r.allowed.insert(rec.shop);
      for (const auto* h : digest->Stored()) {
        if (Status st = registered_index_.Add(h->hash(), registered_.size()); !st.ok()) return st;
      }
      registered_.push_back(std::move(r));
    }
    return registered_index_.Compact();
  }

  std::string_view name() const override { return kName; }

  // Hashes the item's images on this worker thread; copies of registered
  // images are reported at Observe, copies of other shops' images at Finish.
  void Scan(const PreparedItem& item, DetectorScratch*, std::vector<Finding>&) const override {
    for (const auto& path : ImagesOf(*item.item)) {
      auto digest = cache_.Get(path);
      if (!digest->status.ok()) item.problems.push_back("image " + digest->status.message());
    }
  }

  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<ImageCopySession>(*this);
  }

  static const std::vector<std::string>& ImagesOf(const Item& item) {
    static const std::vector<std::string> kNone;
    if (auto* l = std::get_if<Listing>(&item)) return l->images;
    if (auto* c = std::get_if<Content>(&item)) return c->images;
    return kNone;
  }

  const std::vector<RegisteredImage>& registered() const { return registered_; }
  const image::PdqIndex& registered_index() const { return registered_index_; }
  DigestCache& cache() const { return cache_; }
  int radius() const { return radius_; }

 private:
  std::shared_ptr<const Registry> registry_;
  int radius_;
  std::vector<RegisteredImage> registered_;
  image::PdqIndex registered_index_;
  mutable DigestCache cache_;
};

void ImageCopySession::Observe(const PreparedItem& item, std::vector<Finding>& findings) {
  const Item& it = *item.item;
  Observation base;
  if (auto* l = std::get_if<Listing>(&it)) {
    base.owner = l->shop;
    base.dated = l->published_at.has_value();
    base.time = l->published_at.value_or(0);
  } else if (auto* c = std::get_if<Content>(&it)) {
    base.owner = c->account;
    base.dated = c->published_at.has_value();
    base.time = c->published_at.value_or(0);
  } else {
    return;
  }
  base.item = std::string(item.id);
  base.kind = item.kind;
  base.order = order_++;
  std::unordered_set<std::string> seen;
  for (const auto& path : ImageCopyDetector::ImagesOf(it)) {
    if (!seen.insert(path).second) continue;
    Observation o = base;
    o.path = path;
    o.digest = d_.cache().Get(path);
    if (Usable(*o.digest).empty()) continue;
    CheckRegistered(o, findings);
    obs_.push_back(std::move(o));
  }
}

void ImageCopySession::CheckRegistered(Observation& o, std::vector<Finding>& out) const {
  const int radius = d_.radius();
  const auto usable = Usable(*o.digest);
  const auto reg = d_.registered_index().Search(QueriesOf(usable), radius);
  if (reg.empty()) return;
  o.registered = true;
  const RegisteredImage& r = d_.registered()[reg.front().payload];
  if (r.allowed.count(o.owner)) return;  // the owner or an authorized shop
  Finding f;
  f.item = o.item;
  f.detector = std::string(kName);
  json::Value ev = json::Value::Object();
  ev.Set("image", o.path);
  f.target = r.record->id;
  f.score = Score(reg.front().distance, radius);
  ev.Set("matched", r.record->id);
  ev.Set("matched_image", r.record->path);
  ev.Set("distance", reg.front().distance);
  ev.Set("transform", image::DihedralName(Inverse(reg.front().query)));
  if (IsTrimmed(*o.digest, usable[reg.front().query / 8])) ev.Set("border_trimmed", true);
  ev.Set("holder", r.record->holder);
  ev.Set("quality", o.digest->pdq.quality);
  f.evidence = std::move(ev);
  out.push_back(std::move(f));
}

void ImageCopySession::Finish(std::vector<Finding>& out) {
  const int radius = d_.radius();
  image::PdqIndex index;
  index.Reserve(obs_.size());
  for (size_t i = 0; i < obs_.size(); ++i) {
    for (const auto* h : obs_[i].digest->Stored()) {
      if (!index.Add(h->hash(), i).ok()) return;
    }
  }
  (void)index.Compact();

  for (size_t i = 0; i < obs_.size(); ++i) {
    const Observation& o = obs_[i];
    if (o.registered) continue;  // decided at Observe
    const auto usable = Usable(*o.digest);
    const std::vector<image::PdqHash> queries = QueriesOf(usable);
    Finding f;
    f.item = o.item;
    f.detector = std::string(kName);
    json::Value ev = json::Value::Object();
    ev.Set("image", o.path);

    // The earliest near-duplicate is the original: among the
    //    strictly earlier images near this one, the first (ties: closest).
    const std::vector<image::PdqMatch> matches = index.Search(queries, radius);
    const Observation* first = nullptr;
    const image::PdqMatch* via = nullptr;
    for (const auto& m : matches) {
      const Observation& other = obs_[m.payload];
      if (&other == &o || other.item == o.item || !other.Before(o)) continue;
      if (!first || other.Before(*first) || (!first->Before(other) && m.distance < via->distance)) {
        first = &other;
        via = &m;
      }
    }
    if (!first || first->owner == o.owner) continue;  // o is the original, or its owner's
    f.target = first->item;
    f.score = Score(via->distance, radius);
    ev.Set("matched", first->item);
    ev.Set("matched_image", first->path);
    ev.Set("matched_owner", first->owner);
    if (first->dated) ev.Set("matched_published_at", FormatRfc3339(first->time));
    ev.Set("distance", via->distance);
    ev.Set("transform", image::DihedralName(Inverse(via->query)));
    if (IsTrimmed(*o.digest, usable[via->query / 8])) ev.Set("border_trimmed", true);
    ev.Set("quality", o.digest->pdq.quality);
    f.evidence = std::move(ev);
    out.push_back(std::move(f));
  }
}

}  // namespace

Result<std::unique_ptr<Detector>> CreateImageCopyDetector(const DetectorContext& context) {
  const double radius = context.policy ? context.policy->Param(kName, "radius", 31) : 31;
  if (radius < 0 || radius > 128) {
    return Status::Error(fmt::format("image_copy.radius must be within 0..128 (got {})", radius));
  }
  auto d = std::make_unique<ImageCopyDetector>(context.registry, static_cast<int>(radius));
  if (Status st = d->Build(); !st.ok()) return st;
  return std::unique_ptr<Detector>(std::move(d));
}

}  // namespace ipguard
