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

std::vector<FieldHits> ScanFields(const PreparedItem& item, const text::NameDictionary& dict,
                                  TextScratch& scratch, bool always_lexicon) {
  std::vector<FieldHits> out;
  const auto& lex = text::Lexicons::Default();
  for (const auto& field : item.fields) {
    FieldHits h;
    h.field = &field;
    dict.Scan(field.normalized, *scratch.dict, h.matches);
    if (!h.matches.empty() || always_lexicon) lex.Scan(field.normalized, *scratch.lex, h.lexicon);
    out.push_back(std::move(h));
  }
  return out;
}

json::Value TextEvidence(const TextField& field, uint32_t begin, uint32_t end, uint32_t variant) {
  const NormalizedText& n = field.normalized;
  auto [b, e] = n.OriginalSpan(begin, end);
  json::Value ev = json::Value::Object();
  ev.Set("field", field.name);
  ev.Set("span", json::Value::Array({json::Value(b), json::Value(e)}));
  ev.Set("text", SubstrCodePoints(field.original, b, e));
  ev.Set("normalized", n.text.substr(begin, end - begin));
  ev.Set("variant", json::Value::ArrayOf(text::VariantNames(variant)));
  return ev;
}

std::string KeyOf(std::string_view s) { return Normalize(s).key; }

}  // namespace ipguard::detect
