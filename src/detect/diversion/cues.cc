#include "detect/diversion/cues.h"

#include "core/utf8.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace ipguard::diversion {
namespace {

constexpr uint32_t kMaxTermLength = 32;  // code points; longer lexicon terms are refused

struct ScanContext {
  const uint32_t* literal_entry;
  const uint8_t* literal_bounds;  // per literal: kLatinStart | kLatinEnd
  const Segment* seg;
  bool normalized;
  const Document* doc;
  std::string_view proj;
  std::vector<Cue>* out;
};

// Latin word boundaries, checked on the contact reading (full-width letters
// count) as each hit arrives, so that the many hits inside longer words
// ("wx" in a word, "line" in "online") are never stored.
bool InsideLatinWord(uint8_t bounds, std::string_view p, uint32_t begin, uint32_t end) {
  if ((bounds & CueMatcher::kLatinStart) && begin > 0 && IsAlnum(p[begin - 1])) return true;
  if ((bounds & CueMatcher::kLatinEnd) && end < p.size() && IsLower(p[end])) return true;
  return false;
}

int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* c = static_cast<ScanContext*>(ctx);
  Cue cue;
  cue.entry = c->literal_entry[id];
  if (c->normalized) {
    auto [b, e] = c->seg->normalized->OriginalSpan(from, to);
    cue.begin = c->seg->offset + b;
    cue.end = c->seg->offset + e;
  } else {
    cue.begin = c->seg->offset + c->doc->CodePointOfByte(*c->seg, from);
    cue.end = c->seg->offset + c->doc->CodePointOfByte(*c->seg, to);
  }
  if (cue.end > cue.begin && !InsideLatinWord(c->literal_bounds[id], c->proj, cue.begin, cue.end))
    c->out->push_back(cue);
  return 0;
}

bool SameIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x == y) continue;
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<CueMatcher>> CueMatcher::Create(std::vector<LexEntry> lexicon) {
  std::unique_ptr<CueMatcher> m(new CueMatcher());
  m->lexicon_ = std::move(lexicon);
  std::vector<std::string> literals;
  std::vector<unsigned> original_only;  // literals also scanned for in the original text
  std::set<std::pair<std::string, uint32_t>> seen;
  for (uint32_t i = 0; i < m->lexicon_.size(); ++i) {
    const std::string& term = m->lexicon_[i].term;
    if (term.size() > kMaxTermLength) {
      return Status::Error(fmt::format("diversion lexicon term \"{}\" is longer than {} bytes",
                                       term, kMaxTermLength));
    }
    // The normalized form too, when it folds character by character: a form
    // that dropped characters ("v❤" -> "v": symbols between letters are
    // removed) would match far more than the term.
    std::string folded = Normalize(term).text;
    if (utf8::Length(folded) != utf8::Length(term)) folded.clear();
    // A term made only of letters reads the same in the normalized text
    // wherever it stands in the original (the normalizer folds letters one
    // by one); a term with digits, symbols or spaces may not (separators
    // between letters are removed, digits in Latin words read as letters):
    // those are also looked for in the original text.
    bool letters_only = true;
    for (size_t b = 0; b < term.size();) {
      const char r = ReadContactChar(utf8::Next(term, b)).byte;
      letters_only = letters_only && (IsLower(r) || r == kWordChar);
    }
    for (std::string lit : {term, folded}) {
      if (lit.empty() || !seen.insert({lit, i}).second) continue;
      if (!letters_only) original_only.push_back(static_cast<unsigned>(literals.size()));
      literals.push_back(std::move(lit));
      m->literal_entry_.push_back(i);
    }
  }
  if (literals.empty()) return Status::Error("the diversion lexicon is empty");
  for (uint32_t entry : m->literal_entry_) {
    const LexEntry& e = m->lexicon_[entry];
    m->literal_bounds_.push_back(
        static_cast<uint8_t>((e.latin_start ? kLatinStart : 0) | (e.latin_end ? kLatinEnd : 0)));
  }
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(literals.size(), HS_FLAG_SOM_LEFTMOST | HS_FLAG_CASELESS);
  std::vector<unsigned> ids;
  for (size_t i = 0; i < literals.size(); ++i) {
    exprs.push_back(literals[i].data());
    lens.push_back(literals[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &m->db_,
                           &err) != HS_SUCCESS) {
    std::string message = fmt::format("diversion lexicon does not compile: {}",
                                      err && err->message ? err->message : "unknown error");
    hs_free_compile_error(err);
    return Status::Error(message);
  }
  if (hs_alloc_scratch(m->db_, &m->proto_) != HS_SUCCESS) {
    return Status::Error("cannot allocate Hyperscan scratch space");
  }
  if (!original_only.empty()) {
    std::vector<const char*> oe;
    std::vector<size_t> ol;
    for (unsigned id : original_only) {
      oe.push_back(literals[id].data());
      ol.push_back(literals[id].size());
    }
    std::vector<unsigned> of(original_only.size(), HS_FLAG_SOM_LEFTMOST | HS_FLAG_CASELESS);
    if (hs_compile_lit_multi(oe.data(), of.data(), original_only.data(), ol.data(),
                             static_cast<unsigned>(oe.size()), HS_MODE_BLOCK, nullptr,
                             &m->original_db_, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      return Status::Error("diversion lexicon does not compile (original-text terms)");
    }
    if (hs_alloc_scratch(m->original_db_, &m->proto_) != HS_SUCCESS) {
      return Status::Error("cannot allocate Hyperscan scratch space");
    }
  }
  return m;
}

CueMatcher::~CueMatcher() {
  if (proto_) hs_free_scratch(proto_);
  if (db_) hs_free_database(db_);
  if (original_db_) hs_free_database(original_db_);
}

hs_scratch_t* CueMatcher::NewScratch() const {
  hs_scratch_t* s = nullptr;
  if (hs_clone_scratch(proto_, &s) != HS_SUCCESS) return nullptr;
  return s;
}

void CueMatcher::Find(const Document& doc, hs_scratch_t* scratch, std::vector<Cue>& out) const {
  out.clear();
  if (!scratch) return;
  for (const Segment& seg : doc.segments()) {
    ScanContext ctx{
        literal_entry_.data(), literal_bounds_.data(), &seg, false, &doc, doc.proj(), &out};
    const bool normalized = seg.normalized && !seg.normalized->text.empty() &&
                            !SameIgnoringAsciiCase(seg.normalized->text, seg.original);
    // Every term in the normalized text; in the original, only the terms
    // the normalized text may not show as written (or all of them when the
    // normalized text adds nothing: the database is caseless).
    if (!seg.original.empty() && (!normalized || original_db_)) {
      hs_scan(normalized ? original_db_ : db_, seg.original.data(),
              static_cast<unsigned>(seg.original.size()), 0, scratch, &OnMatch, &ctx);
    }
    if (normalized) {
      ctx.normalized = true;
      hs_scan(db_, seg.normalized->text.data(), static_cast<unsigned>(seg.normalized->text.size()),
              0, scratch, &OnMatch, &ctx);
    }
  }
  std::sort(out.begin(), out.end(), [](const Cue& a, const Cue& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.entry < b.entry;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Cue& a, const Cue& b) {
                          return a.begin == b.begin && a.end == b.end && a.entry == b.entry;
                        }),
            out.end());
  // A cue inside a safe phrase, or strictly inside a longer cue, is dead.
  for (size_t i = 0; i < out.size(); ++i) {
    const bool safe_i = lexicon_[out[i].entry].role == Role::kSafe;
    for (size_t j = i + 1; j < out.size() && out[j].begin < out[i].end; ++j) {
      if (out[j].end > out[i].end) continue;  // overlaps, not inside
      const bool same = out[j].begin == out[i].begin && out[j].end == out[i].end;
      const bool safe_j = lexicon_[out[j].entry].role == Role::kSafe;
      if (safe_i && !safe_j)
        out[j].dead = true;
      else if (!same && !safe_j)
        out[j].dead = true;
    }
  }
  // A cue that overlaps a safe phrase starting before it (加 in 参加) is dead too.
  for (size_t i = 0; i < out.size(); ++i) {
    if (lexicon_[out[i].entry].role != Role::kSafe) continue;
    // Sorted by begin, and no term is longer than kMaxTermLength positions:
    // only neighbours can overlap.
    size_t j = i;
    while (j > 0 && out[j - 1].begin + kMaxTermLength > out[i].begin) --j;
    for (; j < out.size() && out[j].begin < out[i].end; ++j) {
      if (lexicon_[out[j].entry].role == Role::kSafe) continue;
      if (out[j].begin < out[i].end && out[j].end > out[i].begin &&
          out[j].end - out[j].begin <= out[i].end - out[i].begin)
        out[j].dead = true;
    }
  }
}

}  // namespace ipguard::diversion
