#include "demo/demo_generator.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/time.h"
#include "demo/demo_catalog.h"
#include "demo/demo_images.h"
#include "demo/rng.h"
#include "ipguard/json.h"

namespace ipguard::demo {
namespace {

using json::Value;

// Buffered NDJSON output that counts its lines.
class NdjsonFile {
 public:
  Status Open(const std::string& path) {
    file_.reset(std::fopen(path.c_str(), "w"));
    if (!file_)
      return Status::Error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    path_ = path;
    return Status::Ok();
  }
  void Write(const Value& v) {
    v.DumpTo(buffer_);
    buffer_.push_back('\n');
    ++lines_;
    if (buffer_.size() > (1 << 20)) Flush();
  }
  void Flush() {
    if (!buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
      failed_ = true;
    }
    buffer_.clear();
  }
  Status Close() {
    Flush();
    if (std::fclose(file_.release()) != 0 || failed_) {
      return Status::Error(fmt::format("cannot finish writing {}", path_));
    }
    return Status::Ok();
  }
  uint64_t lines() const { return lines_; }

 private:
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::string path_, buffer_;
  uint64_t lines_ = 0;
  bool failed_ = false;
};

Value Obj(std::initializer_list<std::pair<const char*, Value>> members) {
  Value v = Value::Object();
  for (const auto& [k, val] : members) v.Set(k, val);
  return v;
}

Value Strings(const std::vector<std::string>& v) { return Value::ArrayOf(v); }

std::string Slug(const std::string& id) { return id.substr(id.find('-') + 1); }

constexpr Timestamp kEpoch = 1677628800000;  // 2023-03-01T00:00:00Z

struct ShopInfo {
  std::string id, account;
  int gang = -1;  // index of its gang, or -1
};

class Generator {
 public:
  Generator(const DemoOptions& o) : o_(o), rng_(o.seed) {}

  Result<DemoCounts> Run() {
    for (const std::string& dir : {o_.out_dir, o_.out_dir + "/images"}) {
      if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        return Status::Error(fmt::format("cannot create {}: {}", dir, std::strerror(errno)));
      }
    }
    for (auto [file, name] :
         {std::pair{&registry_, "registry.ndjson"}, std::pair{&items_, "items.ndjson"},
          std::pair{&truth_, "truth.ndjson"}}) {
      if (Status st = file->Open(o_.out_dir + "/" + name); !st.ok()) return st;
    }
    if (Status st = WriteRegistry(); !st.ok()) return st;
    WriteShops();
    for (uint64_t i = 0; i < o_.listings; ++i) {
      if (Status st = WriteListing(i); !st.ok()) return st;
    }
    WriteContent();
    WriteSeeds();
    for (auto* f : {&registry_, &items_, &truth_}) {
      if (Status st = f->Close(); !st.ok()) return st;
    }
    return DemoCounts{registry_.lines(), items_.lines(), truth_.lines(), images_written_};
  }

 private:
  // ---- registry ----
  Status WriteRegistry() {
    auto holder = [&](const std::string& id, const std::string& name, bool trusted) {
      if (!holders_.insert(id).second) return;
      registry_.Write(Obj({{"kind", "rights_holder"},
                           {"id", id},
                           {"name", name},
                           {"verified", true},
                           {"trusted", trusted}}));
    };
    for (const auto& b : Brands()) {
      holder(b.holder, b.holder_name, b.id != "brand-xiaomi");
      Value floor = Value::Object();
      floor.Set(b.category, b.price_floor);
      Value rec = Obj({{"kind", "brand"},
                       {"id", b.id},
                       {"holder", b.holder},
                       {"names", Strings(b.names)},
                       {"aliases", Strings(b.aliases)},
                       {"categories", Value::Array({b.category})},
                       {"authorized_shops", Value::Array({OfficialShop(b)})},
                       {"price_floor", floor}});
      if (!b.generic_senses.empty()) rec.Set("generic_senses", Strings(b.generic_senses));
      registry_.Write(rec);
      if (o_.max_images > 0) {
        // Each brand registers one official campaign photo.
        const std::string path = fmt::format("images/official-{}.png", Slug(b.id));
        if (Status st = Image(path, 1000 + registered_images_.size(), ImageEdit::kNone); !st.ok())
          return st;
        registered_images_.push_back({b.id + "-photo", path});
        registry_.Write(Obj({{"kind", "image"},
                             {"id", b.id + "-photo"},
                             {"holder", b.holder},
                             {"path", path},
                             {"published_at", FormatRfc3339(kEpoch - 86400000LL * 30)},
                             {"shop", OfficialShop(b)}}));
      }
    }
    for (const auto& w : Works()) {
      holder(w.holder, w.holder_name, true);
      Value rec = Obj({{"kind", "work"},
                       {"id", w.id},
                       {"holder", w.holder},
                       {"type", w.type},
                       {"title", w.title}});
      if (!w.author.empty()) rec.Set("author", w.author);
      if (!w.isbn.empty()) rec.Set("isbn", w.isbn);
      if (!w.aliases.empty()) rec.Set("aliases", Strings(w.aliases));
      registry_.Write(rec);
    }
    for (const auto& c : Creators()) {
      holder(c.holder, c.holder_name, false);
      registry_.Write(Obj({{"kind", "portrait"},
                           {"id", c.id},
                           {"holder", c.holder},
                           {"names", Strings(c.names)},
                           {"aliases", Strings(c.aliases)},
                           {"authorized_shops", Value::Array({"shop-" + Slug(c.id) + "-store"})}}));
    }
    // Synthetic brands, for benchmarks with a large dictionary.
    static const char* kSyllables[] = {"ka",  "lo",  "mi",  "ren", "ta",  "vo", "zen",
                                       "qui", "bel", "dor", "fa",  "gro", "hu", "jin",
                                       "ly",  "nu",  "pe",  "sa",  "tor", "wex"};
    static const char* kHan[] = {"凯", "洛", "米", "仁", "塔", "沃", "禅", "奎", "贝", "铎",
                                 "法", "格", "虎", "锦", "琳", "努", "佩", "萨", "拓", "维"};
    if (o_.extra_brands > 0) holder("holder-synthetic", "Synthetic Brands Ltd.", false);
    for (uint64_t i = 0; i < o_.extra_brands; ++i) {
      std::string latin, han;
      for (int s = 0; s < 3; ++s) {
        const auto k = rng_.Below(20);
        latin += kSyllables[k];
        han += kHan[k];
      }
      latin[0] = static_cast<char>(latin[0] - 32);
      latin += std::to_string(i);  // unique
      registry_.Write(
          Obj({{"kind", "brand"},
               {"id", fmt::format("brand-syn-{}", i)},
               {"holder", "holder-synthetic"},
               {"names", Value::Array({latin, han + std::to_string(i)})},
               {"aliases", Value::Array({latin + " Pro", han + "家" + std::to_string(i)})}}));
    }
    return Status::Ok();
  }

  static std::string OfficialShop(const DemoBrand& b) { return "shop-" + Slug(b.id) + "-official"; }

  // ---- shops and accounts ----
  void WriteShops() {
    const uint64_t n = std::max<uint64_t>(30, o_.listings / 25);
    const std::string warehouse = "浙江省金华市义乌市福田街道国际物流园3号仓";
    const std::string carrier_ip = "117.136.12.1";
    // Official stores of brands and creators: authorized, never infringing.
    for (const auto& b : Brands()) {
      WriteShop({OfficialShop(b), "acct-" + Slug(b.id) + "-official"},
                b.names.back() + "官方旗舰店",
                {{"phone", "400" + std::to_string(1000000 + rng_.Below(8999999))}});
    }
    for (const auto& c : Creators()) {
      WriteShop({"shop-" + Slug(c.id) + "-store", "acct-" + Slug(c.id)}, c.names[0] + "的小店", {});
    }
    const uint64_t gangs = std::max<uint64_t>(2, n / 40);
    uint64_t next = 0;
    for (uint64_t g = 0; g < gangs && next + 8 < n; ++g) {
      const uint64_t size = 3 + rng_.Below(6);
      const std::string payment =
          fmt::format("6222 0{:03} {:04} {:04}", g, rng_.Below(10000), rng_.Below(10000));
      const std::string device = fmt::format("IMEI-86{:013}", rng_.Below(10000000000000ULL));
      for (uint64_t m = 0; m < size; ++m, ++next) {
        ShopInfo s{fmt::format("shop-{:06}", next), fmt::format("acct-{:06}", next),
                   static_cast<int>(g)};
        // A chain: every member shares the payment account; alternate members
        // also share a device or a phone, so no one attribute covers all.
        Attributes attrs{
            {"payment", payment},
            {"device",
             m % 2 ? device : fmt::format("IMEI-35{:013}", rng_.Below(10000000000000ULL))},
            {"phone", fmt::format("1{}{:09}", 3 + g % 6, 100000000 + g * 97 + m % 2)},
            {"address", rng_.Chance(0.5)
                            ? warehouse
                            : fmt::format("广东省广州市白云区三元里大道{}号", 100 + g)},
            {"ip", rng_.Chance(0.3) ? carrier_ip : fmt::format("10.{}.{}.{}", g % 250, m, 7)}};
        WriteShop(s, fmt::format("潮牌折扣{}号店", next), attrs);
        // The gang operates the shop through its owner account: both are
        // members.
        for (const std::string& member : {s.id, s.account}) {
          truth_.Write(Obj({{"kind", "verdict"},
                            {"item", member},
                            {"label", "infringing"},
                            {"detector", "gang"},
                            {"note", fmt::format("gang {}", g)}}));
        }
        gang_members_.resize(g + 1);
        gang_members_[g].push_back(shops_.size() - 1);
      }
    }
    for (; next < n; ++next) {
      ShopInfo s{fmt::format("shop-{:06}", next), fmt::format("acct-{:06}", next), -1};
      const bool family = next % 50 == 7;  // two shops of one family share a home address
      Attributes attrs{
          {"payment", fmt::format("6217 {:04} {:04} {:04}", next % 10000, rng_.Below(10000),
                                  rng_.Below(10000))},
          {"device", fmt::format("IMEI-99{:013}", rng_.Below(10000000000000ULL))},
          {"phone", fmt::format("1{}{:09}", 5 + next % 4, rng_.Below(1000000000))},
          {"address",
           family || (next % 50 == 8) ? fmt::format("江苏省苏州市姑苏区平江路{}号", next / 50)
           : rng_.Chance(0.3)         ? warehouse
                              : fmt::format("上海市浦东新区张江路{}弄{}号", next % 900, next % 37)},
          {"ip", rng_.Chance(0.25) ? carrier_ip
                                   : fmt::format("172.{}.{}.{}", next % 200, next % 250, 9)}};
      WriteShop(s, fmt::format("{}优选{}号店", next % 3 ? "生活" : "精品", next), attrs);
    }
  }

  void WriteShop(ShopInfo s, const std::string& name, const Attributes& attrs) {
    Value a = Value::Object();
    for (const auto& [k, v] : attrs) a.Set(k, v);
    items_.Write(Obj({{"kind", "account"},
                      {"id", s.account},
                      {"name", name + "店主"},
                      {"shops", Value::Array({s.id})}}));
    items_.Write(
        Obj({{"kind", "shop"},
             {"id", s.id},
             {"name", name},
             {"account", s.account},
             {"attrs", a},
             {"created_at", FormatRfc3339(kEpoch - 86400000LL * (1 + shops_.size() % 300))}}));
    shops_.push_back(std::move(s));
  }

  // ---- listings ----
  // A shop for an infringing listing: half the time a gang member.
  const ShopInfo& InfringerShop() {
    if (!gang_members_.empty() && rng_.Chance(0.5)) {
      const auto& g = gang_members_[rng_.Below(gang_members_.size())];
      return shops_[g[rng_.Below(g.size())]];
    }
    return RegularShop();
  }
  const ShopInfo& RegularShop() {
    const size_t first = Brands().size() + Creators().size();
    return shops_[first + rng_.Below(shops_.size() - first)];
  }

  void Truth(const std::string& item, const char* detector, const std::string& target,
             const std::string& note, bool infringing = true) {
    Value v = Obj({{"kind", "verdict"},
                   {"item", item},
                   {"label", infringing ? "infringing" : "clean"},
                   {"detector", detector}});
    if (!target.empty()) v.Set("target", target);
    v.Set("note", note);
    truth_.Write(v);
  }

  Status WriteListing(uint64_t i) {
    const std::string id = fmt::format("listing-{:07}", i);
    const auto& brands = Brands();
    const DemoBrand& brand = brands[rng_.Below(brands.size())];
    const ShopInfo* shop = &RegularShop();
    std::string title = rng_.Pick(GenericTitles());
    std::string description;
    std::string declared;
    std::string category;
    double price = std::floor(rng_.Uniform(19, 600)) + 0.9;
    const double r = rng_.Uniform(0, 100);
    if (r < 50) {
      // ordinary listing, nothing protected
    } else if (r < 55) {
      shop = &shops_[static_cast<size_t>(&brand - &brands[0])];  // the brand's own store
      title = brand.names.back() + " " + rng_.Pick(brand.products) + " 官方正品";
      declared = brand.id;
      category = brand.category;
      price = brand.price_floor * rng_.Uniform(1.1, 2.5);
      Truth(id, "brand_variant", brand.id, "authorized shop", false);
    } else if (r < 62) {
      const bool generic = !brand.generic_senses.empty() && rng_.Chance(0.5);
      if (!brand.lawful_titles.empty() && !generic) {
        title = rng_.Pick(brand.lawful_titles);
        Truth(id, "brand_variant", brand.id, "lawful look-alike", false);
      } else if (!brand.generic_senses.empty()) {
        title = rng_.Pick(brand.generic_senses) + " 新鲜直发";
        Truth(id, "brand_variant", brand.id, "generic sense", false);
      }
    } else if (r < 70) {
      shop = &InfringerShop();
      const bool alias = !brand.aliases.empty() && rng_.Chance(0.3);
      const std::string& name = alias ? rng_.Pick(brand.aliases) : rng_.Pick(brand.names);
      title = name + " " + rng_.Pick(brand.products);
      if (rng_.Chance(0.5)) title += " " + rng_.Pick(CounterfeitWords());
      category = brand.category;
      Truth(id, "brand_variant", brand.id, alias ? "alias" : "exact");
      // Sold in the brand's category below its lowest genuine price.
      if (price < brand.price_floor) Truth(id, "brand_mismatch", brand.id, "price below floor");
    } else if (r < 76) {
      shop = &InfringerShop();
      const Disguise& d = rng_.Pick(brand.disguises);
      title = d.text + " " + rng_.Pick(brand.products) + " " + rng_.Pick(CounterfeitWords());
      Truth(id, "brand_variant", brand.id, d.variant);
    } else if (r < 80) {
      shop = &InfringerShop();
      category = brand.category;
      const double kind = rng_.Uniform(0, 3);
      if (kind < 1) {
        title = brand.names.front() + " " + rng_.Pick(brand.products);
        declared = "无品牌";
        Truth(id, "brand_mismatch", brand.id, "declared brand differs");
        Truth(id, "brand_variant", brand.id, "exact");
      } else if (kind < 2) {
        title = brand.names.back() + " " + rng_.Pick(brand.products) + " 正品保证";
        declared = brand.id;
        price = std::floor(brand.price_floor * rng_.Uniform(0.05, 0.3)) + 0.9;
        Truth(id, "brand_mismatch", brand.id, "price below floor");
        Truth(id, "brand_variant", brand.id, "exact");
      } else {
        title = brand.names.back() + "同款 " + rng_.Pick(brand.products) + " 平替";
        Truth(id, "brand_mismatch", brand.id, "same-style wording");
        Truth(id, "brand_variant", brand.id, "exact");
      }
    } else if (r < 85) {
      shop = &InfringerShop();
      const Lure lure = LureOf(*shop);
      description = "质量保证 " + lure.text;
      Truth(id, "diversion", "", lure.channel + ":" + lure.value);
    } else if (r < 89) {
      description = rng_.Pick(LawfulNumberTexts());
      Truth(id, "diversion", "", "lawful numbers", false);
    } else if (r < 92) {
      shop = &InfringerShop();
      const DemoCreator& c = rng_.Pick(Creators());
      title = c.names[0] + rng_.Pick(CreatorSalesPhrases());
      Truth(id, "portrait", c.id, "creator name used to sell");
    } else if (r < 96) {
      const DemoWork& w = rng_.Pick(Works());
      shop = &InfringerShop();
      title = w.title + " " + rng_.Pick(PiracyWords());
      price = std::floor(rng_.Uniform(1, 15)) + 0.9;
      Truth(id, "piracy", w.id, "resource selling");
    } else {
      const DemoWork& w = rng_.Pick(Works());
      title =
          w.title + " " + (w.author.empty() ? "" : w.author + " ") + rng_.Pick(LawfulWorkPhrases());
      Truth(id, "piracy", w.id, "lawful copy", false);
    }

    Value rec = Obj({{"kind", "listing"}, {"id", id}, {"shop", shop->id}, {"title", title}});
    if (!description.empty()) rec.Set("description", description);
    rec.Set("price", std::round(price * 100) / 100);
    rec.Set("currency", "CNY");
    if (!category.empty()) rec.Set("category", category);
    if (!declared.empty()) rec.Set("brand", declared);
    const Timestamp published = kEpoch + static_cast<Timestamp>(i) * 97000;
    if (auto images = ListingImages(id, *shop, published); !images.ok()) {
      return images.status();
    } else if (!images->empty()) {
      rec.Set("images", Strings(*images));
    }
    rec.Set("published_at", FormatRfc3339(published));
    items_.Write(rec);
    return Status::Ok();
  }

  Status Image(const std::string& path, uint64_t seed, ImageEdit edit) {
    ++images_written_;
    return WriteDemoImage(o_.out_dir + "/" + path, seed, edit);
  }

  // Photos of a listing: its own new picture, or a copy of another shop's
  // earlier picture (or of a brand's registered photo).
  Result<std::vector<std::string>> ListingImages(const std::string& id, const ShopInfo& shop,
                                                 Timestamp) {
    std::vector<std::string> out;
    if (images_written_ >= o_.max_images || !rng_.Chance(0.3)) return out;
    const bool copy = !originals_.empty() && rng_.Chance(0.3);
    if (!copy) {
      const std::string path = fmt::format("images/photo-{:05}.png", originals_.size());
      if (Status st = Image(path, originals_.size(), ImageEdit::kNone); !st.ok()) return st;
      originals_.push_back({id, shop.id, path, originals_.size()});
      out.push_back(path);
      return out;
    }
    static const ImageEdit kEdits[] = {ImageEdit::kNone, ImageEdit::kBrighter, ImageEdit::kMirrored,
                                       ImageEdit::kBordered};
    static const char* kEditNames[] = {"exact copy", "brightened copy", "mirrored copy",
                                       "bordered copy"};
    const int e = static_cast<int>(rng_.Below(4));
    const bool registered = rng_.Chance(0.3) && !registered_images_.empty();
    const std::string path = fmt::format("images/copy-{:05}.png", copies_++);
    if (registered) {
      const size_t index = rng_.Below(registered_images_.size());
      const std::string& image_id = registered_images_[index].first;
      if (Status st = Image(path, 1000 + index, kEdits[e]); !st.ok()) return st;
      // The brand's own store re-using its registered photo is lawful.
      const bool own = shop.id == OfficialShop(Brands()[index]);
      Truth(id, "image_copy", image_id, std::string(kEditNames[e]) + " of a registered photo",
            !own);
    } else {
      const Original& o = originals_[rng_.Below(originals_.size())];
      if (Status st = Image(path, o.seed, kEdits[e]); !st.ok()) return st;
      Truth(id, "image_copy", "", std::string(kEditNames[e]) + " of " + o.listing,
            /*infringing=*/o.shop != shop.id);
    }
    out.push_back(path);
    return out;
  }

  // The contact a shop lures buyers to. A gang shares one (the catalogue's
  // lure for that gang: the same WeChat or QQ on all its shops is what ties
  // them); any other shop has its own phone number, so that unrelated shops
  // never share a contact.
  Lure LureOf(const ShopInfo& shop) {
    if (shop.gang >= 0) return Lures()[static_cast<size_t>(shop.gang) % Lures().size()];
    const size_t index = static_cast<size_t>(&shop - &shops_[0]);
    const std::string number = fmt::format("139{:08}", 10000000 + index * 7919 % 90000000);
    static const char* kTemplates[] = {"联系电话 {} {} {}", "手机 {}-{}-{} 微信同号",
                                       "有事打 {}{}{}"};
    const std::string text = fmt::format(fmt::runtime(kTemplates[index % 3]), number.substr(0, 3),
                                         number.substr(3, 4), number.substr(7));
    return {text, "phone", number};
  }

  // ---- content ----
  void WriteContent() {
    const uint64_t n = std::max<uint64_t>(40, o_.listings / 4);
    static const char* kTypes[] = {"comment", "post", "video", "live"};
    for (uint64_t i = 0; i < n; ++i) {
      const std::string id = fmt::format("content-{:07}", i);
      const ShopInfo& author = RegularShop();
      std::string type = kTypes[rng_.Below(4)];
      std::string text = "这款质量不错，物流也快，好评！";
      const double r = rng_.Uniform(0, 100);
      if (r < 15) {
        const DemoCreator& c = rng_.Pick(Creators());
        text = c.names[0] + rng_.Pick(FanPhrases());
        Truth(id, "portrait", c.id, "fan talk", false);
      } else if (r < 25) {
        const DemoCreator& c = rng_.Pick(Creators());
        type = rng_.Chance(0.5) ? "live" : "video";
        text = c.names[0] + rng_.Pick(CreatorSalesPhrases()) + " 点击下方链接购买";
        Truth(id, "portrait", c.id, "creator name used to sell");
      } else if (r < 33) {
        const Lure lure = LureOf(author);
        type = "comment";
        text = lure.text;
        Truth(id, "diversion", "", lure.channel + ":" + lure.value);
      } else if (r < 38) {
        // A contact split over two consecutive comments of one account.
        items_.Write(
            Obj({{"kind", "content"},
                 {"id", id + "-a"},
                 {"account", author.account},
                 {"type", "comment"},
                 {"text", "想要同款的加我V"},
                 {"published_at", FormatRfc3339(kEpoch + static_cast<Timestamp>(i) * 61000)}}));
        type = "comment";
        const std::string digits =
            std::to_string(100 + static_cast<size_t>(&author - &shops_[0]) % 900);
        text = "x i a n g " + std::string(1, digits[0]) + " " + digits[1] + " " + digits[2];
        Truth(id, "diversion", "", "wechat:xiang" + digits + " (split across comments)");
        // The first comment is an invitation on its own (加我V: add me on WeChat).
        Truth(id + "-a", "diversion", "", "wechat invitation (加我V)");
      } else if (r < 45) {
        text = rng_.Pick(LawfulNumberTexts());
        Truth(id, "diversion", "", "lawful numbers", false);
      }
      items_.Write(Obj(
          {{"kind", "content"},
           {"id", id},
           {"account", author.account},
           {"type", type},
           {"text", text},
           {"published_at", FormatRfc3339(kEpoch + static_cast<Timestamp>(i) * 61000 + 1000)}}));
    }
  }

  // Known outcomes from earlier reviews: one member of every other gang.
  void WriteSeeds() {
    for (size_t g = 0; g < gang_members_.size(); g += 2) {
      items_.Write(Obj({{"kind", "verdict"},
                        {"item", shops_[gang_members_[g][0]].id},
                        {"label", "infringing"},
                        {"detector", "gang"}}));
    }
  }

  struct Original {
    std::string listing, shop, path;
    uint64_t seed;
  };

  DemoOptions o_;
  Rng rng_;
  NdjsonFile registry_, items_, truth_;
  std::set<std::string> holders_;
  std::vector<ShopInfo> shops_;
  std::vector<std::vector<size_t>> gang_members_;
  std::vector<std::pair<std::string, std::string>> registered_images_;  // id, path
  std::vector<Original> originals_;
  uint64_t copies_ = 0;
  uint64_t images_written_ = 0;
};

}  // namespace

Result<DemoCounts> GenerateDemo(const DemoOptions& options) {
  Generator g(options);
  return g.Run();
}

}  // namespace ipguard::demo
