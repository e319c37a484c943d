#include "detect/common/text_scan.h"

#include <algorithm>

#include "core/utf8.h"

namespace ipguard::detect {

const std::string* ActorOf(const PreparedItem& item) {
  if (auto* l = std::get_if<Listing>(item.item)) return &l->shop;
  if (auto* c = std::get_if<Content>(item.item)) return &c->account;
  if (auto* s = std::get_if<Shop>(item.item)) return &s->id;
  if (auto* a = std::get_if<Account>(item.item)) return &a->id;
  return nullptr;
}

bool DirectlyAuthorized(const std::unordered_set<std::string>& authorized,
                        const PreparedItem& item) {
  const std::string* actor = ActorOf(item);
  if (!actor || authorized.empty()) return false;
  if (authorized.count(*actor)) return true;
  if (auto* s = std::get_if<Shop>(item.item); s && !s->account.empty())
    return authorized.count(s->account) > 0;
  return false;
}

void Ownership::Learn(const PreparedItem& item) {
  if (auto* s = std::get_if<Shop>(item.item)) {
    if (s->account.empty()) return;
    owner_[s->id] = s->account;
    shops_[s->account].push_back(s->id);
  } else if (auto* a = std::get_if<Account>(item.item)) {
    if (a->shops.empty()) return;
    for (const auto& shop : a->shops) {
      owner_[shop] = a->id;
      shops_[a->id].push_back(shop);
    }
  }
}

bool Ownership::Authorized(const std::unordered_set<std::string>& authorized,
                           const PreparedItem& item) const {
  const std::string* actor = ActorOf(item);
  if (!actor || authorized.empty()) return false;
  if (authorized.count(*actor)) return true;
  std::string account = *actor;
  if (auto it = owner_.find(*actor); it != owner_.end()) account = it->second;
  if (auto* s = std::get_if<Shop>(item.item); s && !s->account.empty()) account = s->account;
  if (authorized.count(account)) return true;
  if (auto it = shops_.find(account); it != shops_.end())
    for (const auto& shop : it->second)
      if (authorized.count(shop)) return true;
  return false;
}

void OwnershipSession::Observe(const PreparedItem& item, std::vector<Finding>& findings) {
  ownership_.Learn(item);
  std::erase_if(findings, [&](const Finding& f) {
    if (f.detector != detector_ || f.item != item.id) return false;
    const auto* authorized = authorized_(f.target);
    return authorized && ownership_.Authorized(*authorized, item);
  });
}

bool InOrdinaryPhrase(const FieldHits& field, uint32_t begin, uint32_t end) {
  for (const auto& h : field.lexicon)
    if (h.kind == text::LexiconKind::kOrdinaryPhrase && h.begin < end && h.end > begin &&
        (h.begin < begin || h.end > end))
      return true;
  return false;
}

bool FieldHits::Has(text::LexiconKind kind) const {
  for (const auto& h : lexicon)
    if (h.kind == kind) return true;
  return false;
}

namespace {
// Code points of `s` in bytes [b, e), spaces excluded.
int Gap(const std::string& s, size_t b, size_t e) {
  int n = 0;
  for (size_t i = b; i < e && i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != ' ' && (c & 0xC0) != 0x80) ++n;
  }
  return n;
}
}  // namespace

const text::LexiconHit* FieldHits::Near(text::LexiconKind kind, uint32_t begin, uint32_t end,
                                        int gap_before, int gap_after) const {
  const std::string& s = field->normalized.text;
  for (const auto& h : lexicon) {
    if (h.kind != kind) continue;
    if (h.end <= begin && Gap(s, h.end, begin) <= gap_before) return &h;
    if (h.begin >= end && Gap(s, end, h.begin) <= gap_after) return &h;
  }
  return nullptr;
}

std::unique_ptr<TextScratch> TextScratch::For(const text::NameDictionary& dict) {
  auto s = std::make_unique<TextScratch>();
  s->dict = dict.NewScratch();
  s->lex = text::Lexicons::Default().NewScratch();
  return s;
}

void ScanFields(const PreparedItem& item, const text::NameDictionary& dict, TextScratch& scratch,
                bool always_lexicon, std::vector<FieldHits>& out) {
  const auto& lex = text::Lexicons::Default();
  if (out.size() > item.fields.size()) out.resize(item.fields.size());
  while (out.size() < item.fields.size()) out.emplace_back();
  for (size_t i = 0; i < item.fields.size(); ++i) {
    FieldHits& h = out[i];
    h.field = &item.fields[i];
    h.matches.clear();
    h.lexicon.clear();
    dict.Scan(h.field->normalized, *scratch.dict, h.matches);
    if (!h.matches.empty() || always_lexicon)
      lex.Scan(h.field->normalized, *scratch.lex, h.lexicon);
  }
}

std::vector<FieldHits> ScanFields(const PreparedItem& item, const text::NameDictionary& dict,
                                  TextScratch& scratch, bool always_lexicon) {
  std::vector<FieldHits> out;
  ScanFields(item, dict, scratch, always_lexicon, out);
  return out;
}

namespace {

// The "variant" array of `variant` bits: built once per thread and bits
// value (a scan meets a few dozen combinations), then copied.
const json::Value& VariantArray(uint32_t variant) {
  thread_local std::vector<std::pair<uint32_t, json::Value>> cache;
  for (const auto& [bits, value] : cache)
    if (bits == variant) return value;
  cache.emplace_back(variant, json::Value::ArrayOf(text::VariantNames(variant)));
  return cache.back().second;
}

// An evidence object with `keys` in order, all null: copying it allocates its
// member list once, at its final size (Set on a growing object reallocates
// and moves every member at each doubling).
json::Value Skeleton(std::initializer_list<std::string_view> keys) {
  json::Value v = json::Value::Object();
  for (std::string_view k : keys) v.Set(k, json::Value());
  return v;
}

// The byte of `s` after `n` more code points from byte `pos` (or its end),
// reading exactly as utf8::Next does.
size_t Advance(std::string_view s, size_t pos, uint32_t n) {
  for (; n > 0 && pos < s.size(); --n) utf8::NextFast(s, pos);
  return pos;
}

// SubstrCodePoints(original, b, e), byte for byte.
std::string_view CodePoints(std::string_view original, uint32_t b, uint32_t e) {
  const size_t start = Advance(original, 0, b);
  const size_t stop = Advance(original, start, e > b ? e - b : 0);
  return original.substr(start, stop - start);
}

// Fills the members of TextEvidence's first form into a skeleton.
void FillTextEvidence(json::Value& ev, const TextField& field, uint32_t begin, uint32_t end,
                      uint32_t variant) {
  const NormalizedText& n = field.normalized;
  auto [b, e] = n.OriginalSpan(begin, end);
  ev.Set("field", field.name);
  ev.Set("span", json::Value::Array({json::Value(b), json::Value(e)}));
  ev.Set("text", CodePoints(field.original, b, e));
  ev.Set("normalized", std::string_view(n.text).substr(begin, end - begin));
  ev.Set("variant", VariantArray(variant));
}

}  // namespace

json::Value TextEvidence(const TextField& field, uint32_t begin, uint32_t end, uint32_t variant) {
  static const json::Value skeleton = Skeleton({"field", "span", "text", "normalized", "variant"});
  json::Value ev = skeleton;
  FillTextEvidence(ev, field, begin, end, variant);
  return ev;
}

json::Value TextEvidence(const TextField& field, uint32_t begin, uint32_t end, uint32_t variant,
                         std::string_view name_key, std::string_view name,
                         const std::vector<std::string>& context) {
  // One skeleton per name key and presence of context, made per thread.
  struct Cached {
    std::string key;
    bool context;
    json::Value skeleton;
  };
  thread_local std::vector<Cached> cache;
  const json::Value* skeleton = nullptr;
  for (const auto& c : cache)
    if (c.key == name_key && c.context == !context.empty()) skeleton = &c.skeleton;
  if (!skeleton) {
    json::Value v =
        context.empty()
            ? Skeleton({"field", "span", "text", "normalized", "variant", name_key})
            : Skeleton({"field", "span", "text", "normalized", "variant", name_key, "context"});
    cache.push_back({std::string(name_key), !context.empty(), std::move(v)});
    skeleton = &cache.back().skeleton;
  }
  json::Value ev = *skeleton;
  FillTextEvidence(ev, field, begin, end, variant);
  ev.Set(name_key, name);
  if (!context.empty()) ev.Set("context", json::Value::ArrayOf(context));
  return ev;
}

std::string KeyOf(std::string_view s) { return Normalize(s).key; }

}  // namespace ipguard::detect
