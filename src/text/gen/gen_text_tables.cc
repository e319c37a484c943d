// Build-time generator of the text engine's tables (run by CMake, never at
// scan time). It reads Debian's data and writes one C++ source file:
//   - per code point: its class and its normalized form, computed with ICU
//     (NFKC case folding, NFD mark stripping, uspoof confusable skeletons)
//     and OpenCC (traditional -> simplified, t2s.json);
//   - per Han character: every Mandarin reading, toneless, from the Unihan
//     fields kMandarin, kHanyuPinyin, kXHC1983 and kTGHZ2013;
//   - shape-variant groups from Unihan kSemanticVariant, kZVariant,
//     kSpecializedSemanticVariant and kSpoofingVariant (union-find);
//   - a Chinese word list (jieba's dict.txt: word, frequency, part of speech)
//     used for dictionary-aware word boundaries.
// Usage: gen_text_tables UNIHAN_DIR OPENCC_T2S_JSON JIEBA_DICT OUT.cc
#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Keep in step with src/text/char_table.h.
enum Cls : int { kOther = 0, kIgnore, kSpace, kSymbol, kEmoji, kLatin, kDigit, kHan };
enum Flag : int { kWidth = 1, kStyled = 2, kCase = 4, kDiacritic = 8, kHomoglyph = 16, kTrad = 32 };
constexpr UChar32 kLimit = 0x30000;

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "gen_text_tables: " << what << "\n";
  std::exit(1);
}

std::u32string ToU32(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  return out;
}

int ClassOf(UChar32 c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return kLatin;
    if (c >= 'A' && c <= 'Z') return kLatin;
    if (c >= '0' && c <= '9') return kDigit;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return kSpace;
    if (c < 0x20 || c == 0x7f) return kIgnore;
    return kSymbol;
  }
  if (u_isUWhiteSpace(c)) return kSpace;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
      u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER))
    return kEmoji;
  const int8_t type = u_charType(c);
  switch (type) {
    case U_FORMAT_CHAR:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_CONTROL_CHAR:
    case U_SURROGATE:
      return kIgnore;
    case U_PRIVATE_USE_CHAR:
      return kSymbol;
    default:
      break;
  }
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return kIgnore;
  if (type == U_DECIMAL_DIGIT_NUMBER) return kDigit;
  if ((U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK)) != 0) return kSymbol;
  UErrorCode err = U_ZERO_ERROR;
  if (uscript_getScript(c, &err) == USCRIPT_HAN && u_isalpha(c)) return kHan;
  return kOther;
}

struct Mapped {
  std::u32string out;
  int flags = 0;
};

class Mapper {
 public:
  explicit Mapper(const std::string& t2s_config) {
    UErrorCode err = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(err);
    nfkc_ = icu::Normalizer2::getNFKCInstance(err);
    nfd_ = icu::Normalizer2::getNFDInstance(err);
    nfc_ = icu::Normalizer2::getNFCInstance(err);
    spoof_ = uspoof_open(&err);
    if (U_FAILURE(err)) Die(std::string("ICU: ") + u_errorName(err));
    opencc_ = opencc_open(t2s_config.c_str());
    if (opencc_ == reinterpret_cast<opencc_t>(-1)) Die("cannot open OpenCC config " + t2s_config);
  }

  // Traditional -> simplified for every Han code point, one OpenCC call
  // (characters separated by newlines so that no phrase spans two).
  void BuildT2S() {
    std::string batch;
    std::vector<UChar32> order;
    for (UChar32 c = 0x3400; c < kLimit; ++c) {
      UErrorCode err = U_ZERO_ERROR;
      if (uscript_getScript(c, &err) != USCRIPT_HAN || !u_isalpha(c)) continue;
      order.push_back(c);
      batch += ToUtf8(std::u32string(1, static_cast<char32_t>(c)));
      batch += '\n';
    }
    char* converted = opencc_convert_utf8(opencc_, batch.data(), batch.size());
    if (!converted) Die("OpenCC conversion failed");
    std::istringstream lines(converted);
    std::string line;
    for (UChar32 c : order) {
      if (!std::getline(lines, line)) Die("OpenCC output is short");
      std::u32string s = ToU32(icu::UnicodeString::fromUTF8(line));
      if (s.size() == 1 && static_cast<UChar32>(s[0]) != c) t2s_[c] = static_cast<UChar32>(s[0]);
    }
    opencc_convert_utf8_free(converted);
  }

  UChar32 T2S(UChar32 c) const {
    auto it = t2s_.find(c);
    return it == t2s_.end() ? c : it->second;
  }

  Mapped Map(UChar32 c) const {
    Mapped m;
    UErrorCode err = U_ZERO_ERROR;
    const icu::UnicodeString src(c);
    icu::UnicodeString nfkc = nfkc_->normalize(src, err);
    if (nfkc != src) m.flags |= (c >= 0xFF00 && c <= 0xFFEF) || c == 0x3000 ? kWidth : kStyled;
    icu::UnicodeString folded = nfkc_cf_->normalize(src, err);
    if (folded != nfkc && !(m.flags & kStyled)) m.flags |= kCase;
    if (folded != nfkc && (m.flags & kStyled)) m.flags |= kCase;
    // Diacritics: decompose, drop combining marks, recompose (keeps Hangul).
    icu::UnicodeString decomposed = nfd_->normalize(folded, err);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 d = decomposed.char32At(i);
      i += U16_LENGTH(d);
      const int8_t t = u_charType(d);
      if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK) continue;
      stripped.append(d);
    }
    stripped = nfc_->normalize(stripped, err);
    if (U_FAILURE(err)) Die("ICU normalization failed");
    if (stripped != nfc_->normalize(folded, err) && stripped.length() > 0) m.flags |= kDiacritic;
    std::u32string out = ToU32(stripped);
    // Cross-script homoglyphs: a single non-ASCII letter outside Han whose
    // confusable skeleton is one or two ASCII letters becomes those letters.
    if (out.size() == 1 && out[0] >= 0x80 && u_isalpha(static_cast<UChar32>(out[0]))) {
      UErrorCode serr = U_ZERO_ERROR;
      const UChar32 l = static_cast<UChar32>(out[0]);
      if (uscript_getScript(l, &serr) != USCRIPT_HAN) {
        icu::UnicodeString letter(l), skeleton;
        uspoof_getSkeletonUnicodeString(spoof_, 0, letter, skeleton, &serr);
        if (U_SUCCESS(serr)) {
          icu::UnicodeString sk = nfkc_cf_->normalize(skeleton, serr);
          std::u32string s = ToU32(sk);
          bool ascii_letters = !s.empty() && s.size() <= 2;
          for (char32_t ch : s) ascii_letters = ascii_letters && ch >= 'a' && ch <= 'z';
          if (ascii_letters) {
            out = s;
            m.flags |= kHomoglyph;
          }
        }
      }
    }
    // Latin letters that no decomposition or skeleton reaches (small
    // capitals, turned and other styled forms): the letter named in the
    // character's Unicode name ("LATIN LETTER SMALL CAPITAL G" -> g).
    if (out.size() == 1 && out[0] >= 0x80 && u_isalpha(static_cast<UChar32>(out[0]))) {
      UErrorCode nerr = U_ZERO_ERROR;
      char name[128];
      u_charName(static_cast<UChar32>(out[0]), U_UNICODE_CHAR_NAME, name, sizeof name, &nerr);
      const std::string n = U_SUCCESS(nerr) ? name : "";
      for (const char* prefix :
           {"LATIN LETTER SMALL CAPITAL ", "LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "}) {
        const std::string p(prefix);
        if (n.rfind(p, 0) != 0) continue;
        const std::string rest = n.substr(p.size());
        if (rest.size() == 1 && rest[0] >= 'A' && rest[0] <= 'Z') {
          out = std::u32string(1, static_cast<char32_t>(rest[0] - 'A' + 'a'));
          m.flags |= kStyled;
        }
        break;
      }
    }
    // Traditional -> simplified.
    for (char32_t& ch : out) {
      const UChar32 s = T2S(static_cast<UChar32>(ch));
      if (s != static_cast<UChar32>(ch)) {
        ch = static_cast<char32_t>(s);
        m.flags |= kTrad;
      }
    }
    // Non-ASCII decimal digits become ASCII digits.
    for (char32_t& ch : out) {
      if (ch >= 0x80 && u_charType(static_cast<UChar32>(ch)) == U_DECIMAL_DIGIT_NUMBER) {
        ch = U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(ch)));
        m.flags |= kStyled;
      }
    }
    m.out = out;
    return m;
  }

 private:
  const icu::Normalizer2* nfkc_cf_;
  const icu::Normalizer2* nfkc_;
  const icu::Normalizer2* nfd_;
  const icu::Normalizer2* nfc_;
  USpoofChecker* spoof_;
  opencc_t opencc_;
  std::map<UChar32, UChar32> t2s_;
};

FILE* OpenBz2(const std::string& path) {
  FILE* f = popen(("bzcat '" + path + "'").c_str(), "r");
  if (!f) Die("cannot run bzcat on " + path);
  return f;
}

// Unihan lines "U+XXXX<TAB>kField<TAB>value", for the wanted fields.
template <typename Fn>
void ReadUnihan(const std::string& path, const std::set<std::string>& fields, Fn fn) {
  FILE* f = OpenBz2(path);
  char buf[8192];
  size_t lines = 0;
  while (fgets(buf, sizeof buf, f)) {
    std::string line(buf);
    if (line.empty() || line[0] != 'U') continue;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    const size_t t1 = line.find('\t');
    const size_t t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    std::string field = line.substr(t1 + 1, t2 - t1 - 1);
    if (!fields.count(field)) continue;
    const UChar32 cp = static_cast<UChar32>(std::stoul(line.substr(2, t1 - 2), nullptr, 16));
    fn(cp, field, line.substr(t2 + 1));
    ++lines;
  }
  if (pclose(f) != 0 || lines == 0) Die("cannot read " + path);
}

// "nài" -> "nai", "lǜ" -> "lv".
std::string Toneless(const std::string& reading) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(reading);
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0xFC)), "v");
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0xDC)), "v");
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString d = icu::Normalizer2::getNFDInstance(err)->normalize(u, err);
  std::string out;
  for (int32_t i = 0; i < d.length(); ++i) {
    UChar c = d.charAt(i);
    if (c == 0x308) {  // ü written as u + diaeresis after decomposition
      if (!out.empty() && out.back() == 'u') out.back() = 'v';
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<UChar>(c + 32);
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c));
  }
  return out;
}

struct UnionFind {
  std::map<UChar32, UChar32> parent;
  UChar32 Find(UChar32 x) {
    auto it = parent.find(x);
    if (it == parent.end()) return parent[x] = x;
    if (it->second == x) return x;
    return it->second = Find(it->second);
  }
  void Union(UChar32 a, UChar32 b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

std::string CEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char b[8];
      std::snprintf(b, sizeof b, "\\%03o", c);
      out += b;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) Die("usage: gen_text_tables UNIHAN_DIR OPENCC_T2S_JSON JIEBA_DICT OUT.cc");
  const std::string unihan = argv[1];
  Mapper mapper(argv[2]);
  mapper.BuildT2S();

  std::ostringstream o;
  o << "// Generated by src/text/gen/gen_text_tables.cc from ICU, OpenCC, Unihan and\n"
       "// jieba data. Do not edit.\n#include \"text/gen_tables.h\"\n"
       "namespace ipguard::gen {\n";

  // 1. Per code point classes (runs) and non-identity mappings.
  std::vector<uint8_t> cls(kLimit);
  std::vector<std::pair<UChar32, Mapped>> mapped;
  for (UChar32 c = 0; c < kLimit; ++c) {
    Mapped m = (c >= 0xD800 && c <= 0xDFFF) ? Mapped{} : mapper.Map(c);
    const int own = ClassOf(c);
    if (own == kIgnore) m.out.clear();
    if (own == kEmoji || own == kSpace) m = Mapped{std::u32string(1, static_cast<char32_t>(c)), 0};
    int k = m.out.empty() ? kIgnore : ClassOf(static_cast<UChar32>(m.out[0]));
    if (own == kEmoji) k = kEmoji;
    cls[c] = static_cast<uint8_t>(k);
    const bool identity = m.out.size() == 1 && static_cast<UChar32>(m.out[0]) == c;
    if (!identity || m.flags) mapped.emplace_back(c, m);
  }
  o << "const ClassRun kClassRuns[] = {";
  size_t runs = 0;
  for (UChar32 c = 0; c < kLimit; ++c) {
    if (c == 0 || cls[c] != cls[c - 1]) {
      o << "{" << c << "," << int(cls[c]) << "},";
      if (++runs % 8 == 0) o << "\n";
    }
  }
  o << "};\nconst size_t kClassRunCount = " << runs << ";\n";
  std::u32string pool;
  o << "const MapEntry kMapEntries[] = {\n";
  for (const auto& [c, m] : mapped) {
    o << "{" << c << "," << pool.size() << "," << m.out.size() << "," << m.flags << "},";
    pool += m.out;
    if ((&m - &mapped.front().second) % 6 == 5) o << "\n";
  }
  o << "};\nconst size_t kMapEntryCount = " << mapped.size() << ";\n";
  o << "const char32_t kMapPool[] = {";
  for (size_t i = 0; i < pool.size(); ++i) o << uint32_t(pool[i]) << (i % 16 == 15 ? ",\n" : ",");
  o << "0};\n";

  // 2. Pinyin readings.
  std::map<UChar32, std::set<std::string>> readings;
  ReadUnihan(unihan + "/Unihan_Readings.txt.bz2",
             {"kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013"},
             [&](UChar32 cp, const std::string& field, const std::string& value) {
               std::istringstream in(value);
               std::string tok;
               while (in >> tok) {
                 if (field != "kMandarin") {
                   const size_t colon = tok.find(':');
                   if (colon == std::string::npos) continue;
                   tok = tok.substr(colon + 1);
                 }
                 std::istringstream parts(tok);
                 std::string r;
                 while (std::getline(parts, r, ',')) {
                   std::string t = Toneless(r);
                   if (!t.empty()) readings[cp].insert(t);
                 }
               }
             });
  // A simplified character also reads as the traditional ones it replaces.
  std::map<UChar32, std::set<std::string>> merged = readings;
  for (const auto& [cp, rs] : readings) {
    const UChar32 s = mapper.T2S(cp);
    if (s != cp && !merged.count(s)) merged[s] = rs;
  }
  std::map<std::string, int> syllable_ids;
  for (const auto& [cp, rs] : merged)
    for (const auto& r : rs) syllable_ids.emplace(r, 0);
  int next = 0;
  o << "const char* const kSyllables[] = {";
  for (auto& [s, id] : syllable_ids) {
    id = next++;
    o << "\"" << s << "\",";
    if (next % 16 == 0) o << "\n";
  }
  o << "};\nconst size_t kSyllableCount = " << next << ";\n";
  std::vector<uint16_t> rpool;
  o << "const PinyinEntry kPinyinEntries[] = {\n";
  size_t n = 0;
  for (const auto& [cp, rs] : merged) {
    o << "{" << cp << "," << rpool.size() << "," << rs.size() << "},";
    for (const auto& r : rs) rpool.push_back(static_cast<uint16_t>(syllable_ids[r]));
    if (++n % 8 == 0) o << "\n";
  }
  o << "};\nconst size_t kPinyinEntryCount = " << n << ";\n";
  o << "const uint16_t kPinyinPool[] = {";
  for (size_t i = 0; i < rpool.size(); ++i) o << rpool[i] << (i % 24 == 23 ? ",\n" : ",");
  o << "0};\n";

  // 3. Shape-variant groups (over simplified forms).
  UnionFind uf;
  ReadUnihan(unihan + "/Unihan_Variants.txt.bz2",
             {"kSemanticVariant", "kZVariant", "kSpecializedSemanticVariant", "kSpoofingVariant"},
             [&](UChar32 cp, const std::string&, const std::string& value) {
               std::istringstream in(value);
               std::string tok;
               while (in >> tok) {
                 if (tok.rfind("U+", 0) != 0) continue;
                 const UChar32 other = static_cast<UChar32>(std::stoul(tok.substr(2), nullptr, 16));
                 if (other >= kLimit || cp >= kLimit) continue;
                 uf.Union(mapper.T2S(cp), mapper.T2S(other));
               }
             });
  o << "const VariantEntry kVariantEntries[] = {\n";
  n = 0;
  for (const auto& [cp, p] : uf.parent) {
    (void)p;
    const UChar32 rep = uf.Find(cp);
    if (rep == cp) continue;
    o << "{" << cp << "," << rep << "},";
    if (++n % 8 == 0) o << "\n";
  }
  o << "};\nconst size_t kVariantEntryCount = " << n << ";\n";

  // 4. Chinese words (2-4 characters, frequency >= 5): "word freq pos\n".
  std::ifstream dict(argv[3]);
  if (!dict) Die(std::string("cannot read ") + argv[3]);
  std::string line, words;
  size_t word_count = 0;
  o << "const char* const kWordChunks[] = {\n";
  while (std::getline(dict, line)) {
    std::istringstream in(line);
    std::string w, pos;
    long freq = 0;
    if (!(in >> w >> freq >> pos) || freq < 5) continue;
    const int32_t len = icu::UnicodeString::fromUTF8(w).countChar32();
    if (len < 2 || len > 4) continue;
    words += w + " " + std::to_string(freq) + " " + pos + "\n";
    ++word_count;
    if (words.size() > 60000) {
      o << "\"" << CEscape(words) << "\",\n";
      words.clear();
    }
  }
  o << "\"" << CEscape(words) << "\"};\n";
  o << "const size_t kWordChunkCount = sizeof(kWordChunks) / sizeof(kWordChunks[0]);\n";
  o << "const size_t kWordCount = " << word_count << ";\n";
  o << "}  // namespace ipguard::gen\n";

  std::ofstream out(argv[4]);
  out << o.str();
  if (!out) Die(std::string("cannot write ") + argv[4]);
  return 0;
}
