#include "text/lexicon.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/utf8.h"
#include "text/char_table.h"
#include "text/lexicon_data.h"
#include "text/pinyin.h"

namespace ipguard::text {
namespace {

constexpr std::string_view kFiles[] = {
    "counterfeit_indicators",  "compatibility",   "dupe_wording",    "portrait_selling",
    "portrait_selling_strong", "piracy_resource", "complete_set",    "genuine_goods",
    "person_place_names",      "no_brand",        "dupe_exceptions", "non_commercial",
    "ordinary_phrases",        "place_suffixes"};
static_assert(std::size(kFiles) == static_cast<size_t>(LexiconKind::kCount));

std::vector<std::string> Terms(std::string_view content) {
  std::vector<std::string> out;
  std::istringstream in{std::string(content)};
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    out.push_back(line.substr(start));
  }
  return out;
}

// Han characters of `text` around [begin, end): up to kMaxAround before and
// after, as byte ranges, nearest first (fixed arrays: this runs for every Han
// match a detector checks, so it allocates nothing).
constexpr size_t kMaxAround = 2;
struct HanContext {
  std::pair<size_t, size_t> before[kMaxAround];
  std::pair<size_t, size_t> after[kMaxAround];
  size_t n_before = 0, n_after = 0;
};

HanContext Around(const NormalizedText& t, uint32_t begin, uint32_t end) {
  HanContext c;
  const std::string& s = t.text;
  size_t pos = end;
  while (c.n_after < kMaxAround && pos < s.size()) {
    const size_t at = pos;
    const char32_t ch = utf8::Next(s, pos);
    if (ClassOf(ch) != CharClass::kHan) break;
    c.after[c.n_after++] = {at, pos};
  }
  pos = begin;
  while (c.n_before < kMaxAround && pos > 0) {
    size_t at = pos - 1;
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    size_t p = at;
    const char32_t ch = utf8::Next(s, p);
    if (ClassOf(ch) != CharClass::kHan) break;
    c.before[c.n_before++] = {at, pos};
    pos = at;
  }
  return c;
}

uint32_t Freq(const NormalizedText& t, size_t b, size_t e) {
  return LookupWord(std::string_view(t.text).substr(b, e - b)).freq;
}

}  // namespace

std::string_view LexiconFile(LexiconKind kind) { return kFiles[static_cast<size_t>(kind)]; }

Result<std::unique_ptr<Lexicons>> Lexicons::FromContents(const std::vector<std::string>& contents) {
  auto lex = std::make_unique<Lexicons>();
  std::vector<DictEntry> entries;
  lex->keys_.resize(static_cast<size_t>(LexiconKind::kCount));
  for (size_t k = 0; k < contents.size() && k < lex->keys_.size(); ++k) {
    for (auto& term : Terms(contents[k])) {
      lex->keys_[k].push_back(Normalize(term).key);
      entries.push_back({static_cast<uint32_t>(k), false, std::move(term)});
    }
  }
  auto dict = NameDictionary::Build(std::move(entries), /*phonetic=*/false);
  if (!dict.ok()) return dict.status();
  lex->dict_ = std::move(dict).value();
  return lex;
}

const Lexicons& Lexicons::Default() {
  static const Lexicons* lexicons = [] {
    std::vector<std::string> contents;
    const char* dir = std::getenv("IPGUARD_LEXICON_DIR");
    for (size_t k = 0; k < std::size(kFiles); ++k) {
      std::string content(EmbeddedLexicon(kFiles[k]));
      if (dir && *dir) {
        const std::string path = std::string(dir) + "/" + std::string(kFiles[k]) + ".txt";
        std::ifstream in(path);
        if (in) {
          std::ostringstream ss;
          ss << in.rdbuf();
          content = ss.str();
        } else {
          std::fprintf(stderr, "ipguard: lexicon %s not readable; using the built-in copy\n",
                       path.c_str());
        }
      }
      contents.push_back(std::move(content));
    }
    auto lex = FromContents(contents);
    if (!lex.ok()) {
      std::fprintf(stderr, "ipguard: lexicons: %s\n", lex.status().message().c_str());
      return new Lexicons();
    }
    return std::move(lex).value().release();
  }();
  return *lexicons;
}

void Lexicons::Scan(const NormalizedText& text, NameDictionary::Scratch& scratch,
                    std::vector<LexiconHit>& out) const {
  if (!dict_) return;
  // Reused per thread: a scan loop calls this for every field with a match.
  thread_local std::vector<NameMatch> matches;
  matches.clear();
  dict_->Scan(text, scratch, matches);
  const size_t first = out.size();
  for (const auto& m : matches)
    out.push_back(
        {static_cast<LexiconKind>(m.owner), m.begin, m.end, dict_->entry(m.entry).registered});
  // Hits inside an exception phrase (男女同款) do not count.
  std::vector<std::pair<uint32_t, uint32_t>> exceptions;
  for (size_t i = first; i < out.size(); ++i)
    if (out[i].kind == LexiconKind::kDupeException)
      exceptions.emplace_back(out[i].begin, out[i].end);
  if (exceptions.empty()) return;
  size_t keep = first;
  for (size_t i = first; i < out.size(); ++i) {
    bool inside = false;
    for (auto [b, e] : exceptions)
      inside |= out[i].kind != LexiconKind::kDupeException && out[i].begin >= b && out[i].end <= e;
    if (!inside) out[keep++] = out[i];
  }
  out.resize(keep);
}

bool Lexicons::Contains(LexiconKind kind, std::string_view key) const {
  const auto& keys = keys_[static_cast<size_t>(kind)];
  for (const auto& k : keys)
    if (k == key) return true;
  return false;
}

namespace {

// The word-list tests of PartOfLongerHanWord: a longer ordinary word (jieba
// frequency >= 10, not a person or brand-like name) containing the whole match.
bool LongerOrdinaryWord(const WordInfo& w) {
  return w.freq >= 10 && w.pos.substr(0, 2) != "nr" && w.pos != "nz";
}
// ... and of InsidePersonOrPlaceName: a person or place name (nr*, ns).
bool PersonOrPlaceWord(const WordInfo& w) {
  return w.freq >= 5 && (w.pos == "ns" || w.pos == "nr" || w.pos == "nrfg");
}

// The second part of PartOfLongerHanWord: the match's last character starts a
// word with the next one, and that next one starts no word of its own
// (耐克服困难: 克服, not 服困); or the mirror image on the left.
bool SplitsAWord(const NormalizedText& t, uint32_t begin, uint32_t end, const HanContext& c) {
  size_t last = end;
  while (last > begin && (static_cast<unsigned char>(t.text[last - 1]) & 0xC0) == 0x80) --last;
  if (last > begin) --last;
  if (c.n_after > 0 && Freq(t, last, c.after[0].second) >= 50) {
    const bool next_word = c.n_after >= 2 && Freq(t, c.after[0].first, c.after[1].second) >= 5;
    if (!next_word) return true;
  }
  size_t first_end = begin;
  utf8::Next(t.text, first_end);
  if (c.n_before > 0 && Freq(t, c.before[0].first, first_end) >= 50) {
    const bool prev_word = c.n_before >= 2 && Freq(t, c.before[1].first, c.before[0].second) >= 5;
    if (!prev_word) return true;
  }
  return false;
}

// The text bytes of the match extended by `l` Han characters before and `r`
// after.
std::string_view Extended(const NormalizedText& t, uint32_t begin, uint32_t end,
                          const HanContext& c, size_t l, size_t r) {
  const size_t b = l ? c.before[l - 1].first : begin;
  const size_t e = r ? c.after[r - 1].second : end;
  return std::string_view(t.text).substr(b, e - b);
}

}  // namespace

bool IsEnglishWord(std::string_view word) {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> w;
    const std::string_view all = EmbeddedEnglishWords();
    for (size_t at = 0; at < all.size();) {
      size_t nl = all.find('\n', at);
      if (nl == std::string_view::npos) nl = all.size();
      if (nl > at) w.insert(all.substr(at, nl - at));
      at = nl + 1;
    }
    return w;
  }();
  return words.count(word) > 0;
}

bool PartOfLongerHanWord(const NormalizedText& t, uint32_t begin, uint32_t end) {
  const HanContext c = Around(t, begin, end);
  // A longer ordinary word containing the whole match (小米粥, 苹果汁).
  for (size_t l = 0; l <= c.n_before; ++l)
    for (size_t r = 0; r <= c.n_after; ++r) {
      if (l + r == 0 || l + r > 2) continue;
      if (LongerOrdinaryWord(LookupWord(Extended(t, begin, end, c, l, r)))) return true;
    }
  return SplitsAWord(t, begin, end, c);
}

bool InsidePersonOrPlaceName(const NormalizedText& t, uint32_t begin, uint32_t end) {
  const HanContext c = Around(t, begin, end);
  for (size_t l = 0; l <= c.n_before; ++l)
    for (size_t r = 0; r <= c.n_after; ++r) {
      if (l + r == 0) continue;
      if (PersonOrPlaceWord(LookupWord(Extended(t, begin, end, c, l, r)))) return true;
    }
  return false;
}

bool PartOfLongerOrNamedHanWord(const NormalizedText& t, uint32_t begin, uint32_t end) {
  const HanContext c = Around(t, begin, end);
  // Each extension of the match is looked up once for both tests.
  for (size_t l = 0; l <= c.n_before; ++l)
    for (size_t r = 0; r <= c.n_after; ++r) {
      if (l + r == 0) continue;
      const WordInfo w = LookupWord(Extended(t, begin, end, c, l, r));
      if ((l + r <= 2 && LongerOrdinaryWord(w)) || PersonOrPlaceWord(w)) return true;
    }
  return SplitsAWord(t, begin, end, c);
}

}  // namespace ipguard::text
