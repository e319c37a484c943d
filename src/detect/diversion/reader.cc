#include "detect/diversion/reader.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/utf8.h"
#include "detect/diversion/links.h"
#include "detect/diversion/phone.h"

namespace ipguard::diversion {
namespace {

// ---- scores (the policy turns them into actions: remove >= 0.90, review >= 0.55)
constexpr double kBoundContact = 0.95;     // a value right after a channel name
constexpr double kObfuscatedBonus = 0.03;  // disguise shows intent
constexpr double kMobile = 0.92;           // a bare valid Chinese mobile number
constexpr double kFixedLine = 0.82;        // a bare landline
constexpr double kOtherPhone = 0.75;
constexpr double kIrregularRun = 0.60;   // a valid number read out of an irregular run
constexpr double kMessagingLink = 0.97;  // t.me, wa.me, u.wechat.com...
constexpr double kUrl = 0.90;            // a URL with scheme or www.
constexpr double kBareDomain = 0.80;
constexpr double kEmail = 0.92;
constexpr double kOfficialAccount = 0.85;
constexpr double kInvitation = 0.75;
constexpr double kSlangAlone = 0.70;
constexpr double kPointer = 0.70;

constexpr uint32_t kMaxFillerGap = 10;  // positions between a cue and its value
constexpr int kMaxGroupGap = 3;         // separators between two digit groups
constexpr uint32_t kInviteWindow = 10;
constexpr size_t kMaxContactsPerDocument =
    64;  // more is noise: the item is flagged anyway  // positions between an invitation verb and a
         // channel

bool IsSeparator(char c) {
  switch (c) {
    case ' ':
    case '\n':
    case kSymbol:
    case kIgnorable:
    case '-':
    case '_':
    case '.':
    case '/':
    case '|':
    case '\\':
    case '*':
    case '~':
    case ',':
    case '(':
    case ')':
    case '[':
    case ']':
    case '"':
    case '\'':
    case '`':
    case '^':
    case '=':
      return true;
    default:
      return false;
  }
}

// In the spelled-out view of links, the rest of a spelled symbol ("(at)" is
// '@' and three of these): part of the token, dropped from its value.
constexpr char kJoin = '\x04';

std::string Unjoin(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != kJoin) out.push_back(c);
  return out;
}

// The characters of a link token, as a table: the link pass walks every
// token around every '.' (and 。 reads as '.').
struct UrlChars {
  bool is[256] = {};
  constexpr UrlChars() {
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      is[c] = IsAlnum(ch) || ch == kJoin || ch == '.' || ch == '-' || ch == '_' || ch == '@' ||
              ch == '/' || ch == ':' || ch == '?' || ch == '=' || ch == '&' || ch == '%' ||
              ch == '#' || ch == '~' || ch == '+';
    }
  }
};
constexpr UrlChars kUrlChars;

bool IsUrlChar(char c) { return kUrlChars.is[static_cast<unsigned char>(c)]; }

// CJK words that may stand between a channel name and its value, in
// simplified and traditional script (威信號：, 聯繫).
bool IsFillerWord(char32_t c) {
  static constexpr std::u32string_view kFiller =
      U"号码是为的账帐户名加添同搜索联系私聊我你们有在可以或请直接备注找微信号：，（）【】「」『』“"
      U"”‘’、號碼為賬戶聯繫係們請備註";
  return kFiller.find(c) != std::u32string_view::npos;
}

// Units and counters after a number: it is a quantity, not a contact.
bool IsUnit(char32_t c) {
  static constexpr std::u32string_view kUnits =
      U"元块角分码号件个只双套盒瓶袋箱克斤吨升米寸尺度折年月日时秒次天周人位万亿岁页张本台部份%"
      U"％¥￥€$塊碼號個隻雙噸時週萬億歲頁張臺";  // the traditional forms too
  return kUnits.find(c) != std::u32string_view::npos;
}

bool IsCurrency(char32_t c) {
  return c == U'¥' || c == U'￥' || c == U'$' || c == U'€' || c == U'£';
}

struct DigitRun {
  uint32_t begin = 0, end = 0;
  std::string digits;
  std::vector<Piece> pieces;
  std::vector<std::string> groups;  // the digits of each piece
  uint32_t forms = 0;               // bit per DigitForm
  int newlines = 0;
  bool symbol_separator = false;  // emoji or symbol between digits
  bool multi_segment = false;
  size_t max_group = 0;
};

// Reads the digit run starting at `p` (a digit): digits in any form, groups
// joined across at most kMaxGroupGap separators (one line break at most; a
// '.' or ',' only between groups of three or more digits, so decimals and
// thousands stay numbers).
DigitRun ReadDigitRun(const Document& doc, uint32_t p) {
  DigitRun run;
  run.begin = p;
  std::string_view s = doc.proj();
  const uint32_t n = static_cast<uint32_t>(s.size());
  uint32_t i = p;
  size_t first_segment = doc.SegmentOf(p);
  while (true) {
    const uint32_t gstart = i;
    size_t glen = 0;
    uint32_t last = i;
    while (i < n && (IsDigit(s[i]) || s[i] == kIgnorable)) {
      if (IsDigit(s[i])) {
        run.digits.push_back(s[i]);
        run.forms |= 1u << static_cast<unsigned>(doc.form(i));
        ++glen;
        last = i + 1;
      }
      ++i;
    }
    run.pieces.push_back({gstart, last});
    run.groups.push_back(run.digits.substr(run.digits.size() - glen));
    run.max_group = std::max(run.max_group, glen);
    run.end = last;
    if (run.digits.size() > 24) break;
    // Try to join the next group.
    uint32_t j = last;
    int seps = 0, newlines = 0;
    bool dot = false, symbol = false;
    while (j < n && IsSeparator(s[j]) && seps <= kMaxGroupGap) {
      if (s[j] != kIgnorable) ++seps;
      if (s[j] == '\n') ++newlines;
      if (s[j] == '.' || s[j] == ',') dot = true;
      if (s[j] == kSymbol) symbol = true;
      ++j;
    }
    if (j >= n || !IsDigit(s[j]) || seps > kMaxGroupGap || newlines > 1) break;
    // A short group of Chinese numerals glued to a word (七天, 一件) is a
    // word, not more digits.
    {
      uint32_t k = j;
      bool chinese = true;
      while (k < n && IsDigit(s[k])) {
        chinese =
            chinese && (doc.form(k) == DigitForm::kChinese || doc.form(k) == DigitForm::kFinancial);
        ++k;
      }
      if (chinese && k - j <= 2 && k < n && s[k] == kWordChar) break;
    }
    if (dot) {
      size_t next = 0;
      for (uint32_t k = j; k < n && IsDigit(s[k]); ++k) ++next;
      if (!(glen >= 3 && next >= 3) && !(glen == 1 && next == 1)) break;
    }
    run.newlines += newlines;
    run.symbol_separator |= symbol;
    i = j;
  }
  run.multi_segment = doc.SegmentOf(run.end > 0 ? run.end - 1 : 0) != first_segment;
  return run;
}

// The first position at or after `i` that reads as a digit (s.size() when
// none): eight positions at a time, as digits are rare in most texts. Every
// byte of the contact reading is below 0x80, so for each byte b + 0x50 sets
// bit 7 exactly when b >= '0' and b + 0x46 exactly when b > '9', and no sum
// carries into the next byte.
uint32_t NextDigit(std::string_view s, uint32_t i) {
  const uint32_t n = static_cast<uint32_t>(s.size());
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    const uint64_t digits = (x + 0x50 * kOnes) & ~(x + 0x46 * kOnes) & (0x80 * kOnes);
    if (digits) return i + static_cast<uint32_t>(__builtin_ctzll(digits)) / 8;
  }
  while (i < n && !IsDigit(s[i])) ++i;
  return i;
}

bool HasForm(uint32_t forms, DigitForm f) { return forms & (1u << static_cast<unsigned>(f)); }

void AddRunVariants(const DigitRun& run, std::vector<std::string>& v) {
  if (HasForm(run.forms, DigitForm::kChinese)) v.push_back("chinese_numerals");
  if (HasForm(run.forms, DigitForm::kFinancial)) v.push_back("financial_numerals");
  if (HasForm(run.forms, DigitForm::kCircled)) v.push_back("circled_digits");
  if (HasForm(run.forms, DigitForm::kSuperscript)) v.push_back("superscript_digits");
  if (HasForm(run.forms, DigitForm::kWidth)) v.push_back("fullwidth_digits");
  if (HasForm(run.forms, DigitForm::kKeycap)) v.push_back("keycap_digits");
  if (run.pieces.size() > 4 || (run.pieces.size() > 1 && run.max_group <= 2))
    v.push_back("spaced_digits");
  if (run.symbol_separator) v.push_back("symbol_separators");
  if (run.newlines > 0) v.push_back("split_lines");
  if (run.multi_segment) v.push_back("split_fields");
}

bool RunObfuscated(const DigitRun& run) {
  const uint32_t plain = (1u << static_cast<unsigned>(DigitForm::kAscii));
  return (run.forms & ~plain) != 0 || run.pieces.size() > 4 || run.symbol_separator ||
         run.newlines > 0 || run.multi_segment;
}

// The groups [first, last) of `run` as a run of their own.
DigitRun SubRun(const DigitRun& run, size_t first, size_t last) {
  DigitRun sub = run;
  sub.pieces.assign(run.pieces.begin() + first, run.pieces.begin() + last);
  sub.groups.assign(run.groups.begin() + first, run.groups.begin() + last);
  sub.digits.clear();
  sub.max_group = 0;
  for (const auto& g : sub.groups) {
    sub.digits += g;
    sub.max_group = std::max(sub.max_group, g.size());
  }
  sub.begin = sub.pieces.front().begin;
  sub.end = sub.pieces.back().end;
  return sub;
}

// When two numbers were written side by side ("①③⑧... 壹叁捌..."), the run
// is too long to be one number: the first window of whole groups that is a
// valid Chinese phone number, if any.
bool FindPhoneWindow(const DigitRun& run, DigitRun& out) {
  for (size_t i = 0; i < run.groups.size(); ++i) {
    size_t len = 0;
    for (size_t j = i; j < run.groups.size(); ++j) {
      len += run.groups[j].size();
      if (len > 13) break;
      if (i == 0 && j + 1 == run.groups.size()) continue;  // the whole run
      if (len < 10) continue;
      DigitRun sub = SubRun(run, i, j + 1);
      if (LooksLikeChinesePhone(sub.digits) &&
          CheckPhone(sub.digits, false).kind != PhoneKind::kNone) {
        out = std::move(sub);
        return true;
      }
    }
  }
  return false;
}

std::string NationalDigits(const PhoneCheck& check) {
  // Chinese numbers as dialled at home (13812345678, 01012345678); others as
  // E.164 digits (447911123456).
  if (check.region == "CN") return check.national;
  std::string digits;
  for (char c : check.e164)
    if (IsDigit(c)) digits.push_back(c);
  return digits;
}

struct Id {
  uint32_t begin = 0, end = 0;
  std::string value;
  std::vector<Piece> pieces;
};

// Reads an account id at `p`: a token of [a-z0-9_-] (and '.' when
// `allow_dot`); a token of three characters or fewer starts the spaced mode
// ("x i a n g 8 8 8"), which joins further short tokens across one or two
// separators.
Id ReadId(const Document& doc, uint32_t p, bool allow_dot) {
  Id id;
  std::string_view s = doc.proj();
  const uint32_t n = static_cast<uint32_t>(s.size());
  auto id_char = [&](uint32_t k) {
    if (k >= n) return false;
    const char c = s[k];
    if (IsAlnum(c) || c == '_' || c == '-') return true;
    return allow_dot && c == '.' && k + 1 < n && IsAlnum(s[k + 1]);
  };
  auto read_token = [&](uint32_t k, std::string& tok) {
    while (k < n && (id_char(k) || s[k] == kIgnorable)) {
      if (s[k] != kIgnorable) tok.push_back(s[k]);
      ++k;
    }
    return k;
  };
  id.begin = p;
  std::string tok;
  uint32_t k = read_token(p, tok);
  id.pieces.push_back({p, k});
  id.value = tok;
  id.end = k;
  if (tok.size() > 3) return id;
  while (id.value.size() < 20) {
    uint32_t j = k;
    int seps = 0;
    while (j < n &&
           (s[j] == ' ' || s[j] == kSymbol || s[j] == kIgnorable || s[j] == '.' || s[j] == '-' ||
            s[j] == '_') &&
           seps <= 2) {
      if (s[j] != kIgnorable) ++seps;
      ++j;
    }
    if (seps == 0 || seps > 2 || !id_char(j)) break;
    std::string next;
    const uint32_t after = read_token(j, next);
    if (next.size() > 3) break;
    id.value += next;
    id.pieces.push_back({j, after});
    id.end = k = after;
  }
  return id;
}

// The contact reading of [b, e) with the original letter case (URL paths
// and invitation codes are case-sensitive).
std::string CasedToken(const Document& doc, std::string_view view, uint32_t b, uint32_t e) {
  std::string out;
  for (uint32_t i = b; i < e; ++i) {
    char c = view[i];
    const char32_t cp = doc.cp(i);
    if (IsLower(c) && ((cp >= U'A' && cp <= U'Z') || (cp >= U'Ａ' && cp <= U'Ｚ'))) c -= 32;
    out.push_back(c);
  }
  return out;
}

bool ValidWechatId(std::string_view v) { return v.size() >= 6 && v.size() <= 20 && IsLower(v[0]); }

// The contact reading with spelled-out symbols of links and e-mail addresses
// replaced in place: (at) [at] " at " 艾特 -> '@', (dot) [dot] " dot " and 点
// between Latin letters -> '.'. Positions are unchanged.
// True when `doc` may hold a spelled-out symbol (a cheap pass, no copy).
bool MaySpellLinks(const Document& doc) {
  // Every spelled form stands between Latin letters or digits of a link.
  if (!doc.has_latin()) return false;
  // 点 or 艾(特) right after a Latin letter, noted while reading (SpellLinks
  // replaces them only there).
  if (doc.has_spelled_cjk()) return true;
  // One pass over the 't's (memchr-fast): "at" or "dot" opened by ( [ { or
  // a space and closed by ) ] } or a space.
  std::string_view p = doc.proj();
  auto opens = [](char c) { return c == '(' || c == '[' || c == '{' || c == ' '; };
  for (size_t t = p.find('t', 2); t != std::string_view::npos && t + 1 < p.size();
       t = p.find('t', t + 1)) {
    const char after = p[t + 1];
    if (after != ')' && after != ']' && after != '}' && after != ' ') continue;
    if (p[t - 1] == 'a' && opens(p[t - 2])) return true;
    if (t >= 3 && p[t - 1] == 'o' && p[t - 2] == 'd' && opens(p[t - 3])) return true;
  }
  return false;
}

std::string SpellLinks(const Document& doc, bool& changed) {
  std::string v(doc.proj());
  changed = false;
  const size_t n = v.size();
  auto alnum_at = [&](size_t k) { return k < n && IsAlnum(v[k]); };
  auto put = [&](size_t i, size_t len, size_t keep, char c) {
    for (size_t k = 0; k < len; ++k) v[i + k] = kJoin;
    v[i + keep] = c;
    changed = true;
  };
  for (size_t i = 1; i + 1 < n; ++i) {
    if (!IsAlnum(v[i - 1]) && v[i - 1] != ' ') continue;
    for (const auto& [word, sym] : {std::pair<std::string_view, char>{"at", '@'}, {"dot", '.'}}) {
      const size_t w = word.size();
      // (at) [at] {at}
      if ((v[i] == '(' || v[i] == '[' || v[i] == '{') && i + w + 1 < n &&
          std::string_view(v).substr(i + 1, w) == word &&
          (v[i + w + 1] == ')' || v[i + w + 1] == ']' || v[i + w + 1] == '}')) {
        size_t b = i, e = i + w + 2;
        while (b > 0 && v[b - 1] == ' ') --b;
        while (e < n && v[e] == ' ') ++e;
        if (b > 0 && IsAlnum(v[b - 1]) && alnum_at(e)) put(b, e - b, i - b, sym);
      }
      // " at " between words, unless the word after it is already an
      // address ("email me at john@x.com": "at" is English there)
      if (v[i] == ' ' && IsAlnum(v[i - 1]) && std::string_view(v).substr(i + 1, w) == word &&
          i + w + 1 < n && v[i + w + 1] == ' ' && alnum_at(i + w + 2)) {
        size_t e = i + w + 2;
        while (e < n && IsUrlChar(v[e]) && v[e] != '@') ++e;
        if (sym != '@' || e >= n || v[e] != '@') put(i, w + 2, 1, sym);
      }
    }
    // 艾特 (at) and 点 (dot) between Latin words.
    if (v[i] == kWordChar && IsAlnum(v[i - 1])) {
      const char32_t c = doc.cp(i);
      size_t e = i + 1;
      char sym = 0;
      if (c == U'点') sym = '.';
      if (c == U'艾' && e < n && doc.cp(e) == U'特') sym = '@', ++e;
      if (sym && IsLower(v[i - 1]) && alnum_at(e)) put(i, e - i, 0, sym);
    }
  }
  return v;
}

}  // namespace

bool Reader::ReadLoneId(const Document& doc, uint32_t begin, uint32_t end,
                        const std::string& channel, Contact& out) const {
  std::string_view s = doc.proj();
  auto blank = [&](char c) { return c == ' ' || c == '\n' || c == kSymbol || c == kIgnorable; };
  uint32_t p = begin;
  while (p < end && blank(s[p])) ++p;
  if (p >= end || !IsAlnum(s[p])) return false;
  Id id = ReadId(doc, p, false);
  if (id.end > end) return false;
  for (uint32_t q = id.end; q < end; ++q)
    if (!blank(s[q])) return false;  // more than an id
  const std::string& v = id.value;
  const bool digits = std::all_of(v.begin(), v.end(), [](char c) { return IsDigit(c); });
  if (channel == "qq") {
    if (!digits || v.size() < 5 || v.size() > 11 || v[0] == '0') return false;
  } else if (channel == "wechat") {
    if (!ValidWechatId(v) && !(digits && v.size() >= 6 && v.size() <= 11)) return false;
  } else {
    return false;
  }
  out.channel = channel;
  out.kind = "contact";
  out.value = v;
  out.pieces = id.pieces;
  if (id.pieces.size() > 1) out.variants.push_back("spaced_letters");
  return !allow_.contacts.count(channel + ":" + v);
}

void Reader::Read(const Document& doc, const std::vector<Cue>& cues,
                  const std::vector<std::string>& allowed_names, std::vector<char>& consumed,
                  std::vector<Contact>& out) const {
  // Early exit: with no cue, no Latin letter, no '.' or '@' and fewer than
  // seven digits there is nothing any step below could read.
  if (cues.empty() && !doc.has_latin() && doc.digit_count() < 7 &&
      doc.proj().find_first_of(".@") == std::string_view::npos)
    return;
  std::string_view s = doc.proj();
  const uint32_t n = static_cast<uint32_t>(s.size());
  // One caller-owned buffer, no allocation per text: the consumed flag of
  // every position, then the used flag of every cue.
  consumed.assign(n + cues.size(), 0);
  const auto& lex = cues_.lexicon();
  char* cue_used = consumed.data() + n;
  const size_t first_out = out.size();

  auto consume = [&](const std::vector<Piece>& pieces) {
    for (const Piece& p : pieces)
      for (uint32_t i = p.begin; i < p.end && i < n; ++i) consumed[i] = 1;
  };
  auto allowed_contact = [&](const std::string& channel, const std::string& value) {
    if (allow_.contacts.count(channel + ":" + value)) return true;
    for (const auto& name : allowed_names)
      if (!name.empty() && value.find(name) != std::string::npos) return true;
    return false;
  };
  auto emit = [&](Contact c) {
    if (out.size() - first_out >= kMaxContactsPerDocument) return;
    if (!c.value.empty() && allowed_contact(c.channel, c.value)) return;
    for (size_t i = first_out; i < out.size(); ++i) {
      if (out[i].channel == c.channel && out[i].value == c.value && out[i].kind == c.kind) return;
    }
    out.push_back(std::move(c));
  };
  auto is_lawful_service = [&](std::string_view digits) {
    if (!options_.allow_hotlines) return false;
    if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3') return false;  // mobile
    for (const auto& prefix : allow_.phone_prefixes)
      if (digits.substr(0, prefix.size()) == prefix) return true;
    return false;
  };

  // ---- 1. links and e-mail addresses, on the spelled-out view
  bool spelled_changed = false;
  const std::string spelled = MaySpellLinks(doc) ? SpellLinks(doc, spelled_changed) : std::string();
  std::string_view link_view = spelled_changed ? std::string_view(spelled) : doc.proj();
  // Every link holds a dot: visit only the tokens around dots (memchr-fast).
  for (size_t dot_at = link_view.find('.'); dot_at != std::string_view::npos;
       dot_at = link_view.find('.', dot_at + 1)) {
    std::string_view s = link_view;
    uint32_t i = static_cast<uint32_t>(dot_at);
    while (i > 0 && IsUrlChar(s[i - 1])) --i;
    while (i < dot_at && s[i] == '@') ++i;
    uint32_t j = static_cast<uint32_t>(dot_at);
    while (j < n && IsUrlChar(s[j])) ++j;
    dot_at = j;  // the next search starts after this token
    // Trim trailing punctuation a sentence adds.
    uint32_t end = j;
    while (end > i && (s[end - 1] == '.' || s[end - 1] == ':' || s[end - 1] == '-' ||
                       s[end - 1] == '/' || s[end - 1] == '?' || s[end - 1] == '#'))
      --end;
    if (std::string_view(s.data() + i, end - i).find('.') == std::string_view::npos) {
      continue;  // no dot, no link
    }
    uint32_t start = i;  // a sentence's punctuation is not part of a link
    while (start < end && (s[start] == '.' || s[start] == '-' || s[start] == ':' ||
                           s[start] == '/' || s[start] == '_'))
      ++start;
    // A scheme or www. inside the token starts the link ("60。https://...").
    for (std::string_view mark : {"https://", "http://", "www."}) {
      const size_t at = std::string_view(s.data() + start, end - start).find(mark);
      if (at != std::string_view::npos && at > 0 && !IsAlnum(s[start + at - 1])) {
        start += static_cast<uint32_t>(at);
        break;
      }
      if (at != std::string_view::npos && at > 0 && mark != "www.") {
        start += static_cast<uint32_t>(at);
        break;
      }
    }
    std::string_view token(s.data() + start, end - start);
    if (token.find('.') != std::string_view::npos) {
      // E-mail: local@domain, or local#domain (a common disguise of @).
      size_t at = token.find('@');
      bool disguised_at = false;
      if (at == std::string_view::npos) {
        at = token.find('#');
        disguised_at = at != std::string_view::npos && at >= 3;
        if (!disguised_at) at = std::string_view::npos;
      }
      bool done = false;
      if (at != std::string_view::npos && at > 0) {
        size_t local_begin = at;
        while (local_begin > 0) {
          const char c = token[local_begin - 1];
          if (!(IsAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == kJoin)) break;
          --local_begin;
        }
        size_t dom_end = at + 1;
        while (dom_end < token.size() && (IsAlnum(token[dom_end]) || token[dom_end] == '.' ||
                                          token[dom_end] == '-' || token[dom_end] == kJoin))
          ++dom_end;
        std::string domain = Unjoin(token.substr(at + 1, dom_end - at - 1));
        while (!domain.empty() && domain.back() == '.') domain.pop_back(), --dom_end;
        const size_t dot = domain.rfind('.');
        if (local_begin < at && dot != std::string::npos && dot + 2 < domain.size() + 1 &&
            IsPublicTld(domain.substr(dot + 1)) && !RegistrableDomain(domain).empty()) {
          Contact c;
          c.channel = "email";
          c.kind = "contact";
          c.value = Unjoin(token.substr(local_begin, at - local_begin)) + "@" + domain;
          c.pieces.push_back(
              {static_cast<uint32_t>(start + local_begin), static_cast<uint32_t>(start + dom_end)});
          if (disguised_at) c.variants.push_back("disguised_at");
          if (token.find(kJoin) != std::string_view::npos) c.variants.push_back("spelled_symbols");
          c.score = kEmail;
          consume(c.pieces);
          if (!allow_.AllowsHost(domain) || domain == "qq.com" || domain == "163.com" ||
              domain == "126.com" || domain == "gmail.com") {
            emit(std::move(c));
          }
          done = true;
        }
      }
      if (!done) {
        // URL: scheme://host..., www.host..., or a bare host with a public suffix.
        std::string_view rest = token;
        bool scheme = false;
        if (rest.substr(0, 7) == "http://" || rest.substr(0, 8) == "https://") {
          rest.remove_prefix(rest.find("://") + 3);
          scheme = true;
        }
        const size_t host_end = std::min(rest.find_first_of("/?#:@"), rest.size());
        std::string host = Unjoin(rest.substr(0, host_end));
        const bool www = host.substr(0, 4) == "www.";
        const size_t dot = host.rfind('.');
        bool ok = dot != std::string::npos && dot > 0 && dot + 2 < host.size() + 1 &&
                  host.find("..") == std::string::npos && host.front() != '.';
        std::string tld = ok ? host.substr(dot + 1) : "";
        ok = ok && tld.size() >= 2 &&
             std::all_of(tld.begin(), tld.end(), [](char c) { return IsLower(c); }) &&
             std::all_of(host.begin(), host.end(),
                         [](char c) { return IsAlnum(c) || c == '.' || c == '-'; });
        // File names and abbreviations look like bare domains: a bare host
        // needs a letter before its suffix and a suffix that is not a common
        // file extension.
        static constexpr std::string_view kFileLike[] = {
            "zip", "mov", "py", "sh", "md", "rs", "pl", "ps", "ts", "cs", "js", "pm", "mk",
            "so",  "am",  "ai", "id", "it", "is", "at", "be", "to", "in", "me", "us", "no"};
        const std::string bare = www ? host.substr(4) : host;
        const bool messaging = bare == "t.me" || bare == "wa.me" || bare == "line.me" ||
                               bare == "lin.ee" || bare == "qm.qq.com" || bare == "u.wechat.com" ||
                               bare == "weixin.qq.com" || bare == "telegram.me";
        if (ok && !scheme && !www && !messaging) {
          for (auto ext : kFileLike) ok = ok && tld != ext;
          ok = ok &&
               std::any_of(host.begin(), host.begin() + dot, [](char c) { return IsLower(c); });
          // A bare host directly after a CJK word ("淘宝.com") or inside a
          // number ("v2.5") is not read as a domain.
        }
        ok = ok && IsPublicTld(tld) && !RegistrableDomain(host).empty();
        if (ok) {
          Link link = ClassifyUrl(Unjoin(CasedToken(doc, s, start, end)));
          Contact c;
          c.channel = link.channel;
          c.kind = link.kind;
          c.value = link.value;
          c.pieces.push_back({start, end});
          c.score = link.channel != "url" ? kMessagingLink : (scheme || www) ? kUrl : kBareDomain;
          if (!scheme && !www && !messaging) c.variants.push_back("bare_domain");
          if (token.find(kJoin) != std::string_view::npos) c.variants.push_back("spelled_symbols");
          consume(c.pieces);
          bool allowed = allow_.AllowsHost(link.host);
          const std::string reg = RegistrableDomain(link.host);
          for (const auto& name : allowed_names)
            allowed = allowed || (!name.empty() && reg.substr(0, reg.find('.')) == name);
          if (!allowed) emit(std::move(c));
        }
      }
    }
  }

  // ---- 2. WeChat internal ids
  for (size_t at = doc.has_latin() ? s.find("wxid_") : std::string::npos; at != std::string::npos;
       at = s.find("wxid_", at + 5)) {
    if (consumed[at] || (at > 0 && IsAlnum(s[at - 1]))) continue;
    Id id = ReadId(doc, static_cast<uint32_t>(at), false);
    if (id.value.size() < 9) continue;
    Contact c{"wechat", "contact", id.value, id.pieces, {}, "wxid_", kBoundContact};
    consume(c.pieces);
    for (size_t k = 0; k < cues.size(); ++k)
      if (cues[k].begin == at) cue_used[k] = 1;
    emit(std::move(c));
  }

  // ---- 3. values bound to a channel cue
  // The first position of a value after cue end `p`, or n when none.
  auto skip_filler = [&](uint32_t p, size_t cue_index) -> uint32_t {
    const uint32_t limit = std::min(n, p + kMaxFillerGap);
    int newlines = 0;
    size_t next_cue = cue_index + 1;
    while (p < limit) {
      while (next_cue < cues.size() && cues[next_cue].begin < p) ++next_cue;
      // A closer channel name takes the value ("微信/QQ: 123" goes to QQ).
      for (size_t k = next_cue; k < cues.size() && cues[k].begin == p; ++k) {
        const Role r = lex[cues[k].entry].role;
        if (!cues[k].dead &&
            (r == Role::kName || r == Role::kSlang || r == Role::kAlias || r == Role::kGroup ||
             r == Role::kOfficial || r == Role::kLabel) &&
            !lex[cues[k].entry].channel.empty() && cues[k].end > p) {
          // A lone letter ("q ", "v:") inside a spelled-out id is a letter.
          const std::string& t = lex[cues[k].entry].term;
          const bool lone_letter = t.size() <= 2 && !IsLower(t.size() > 1 ? t[1] : 'x');
          // A Latin term glued to the id that follows it is the id's start
          // ("微信 wx_2023cn", "微信号 vx88990"): WeChat ids often begin so.
          const bool id_start = std::all_of(t.begin(), t.end(), IsLower) && cues[k].end < n &&
                                (IsAlnum(s[cues[k].end]) || s[cues[k].end] == '_');
          if (id_start) return p;
          if (t != "wxid_" && !lone_letter) return n;
        }
        if (!cues[k].dead && r == Role::kLabel) return n;
      }
      const char c = s[p];
      if (IsAlnum(c) || c == '@') {
        // English filler words between a channel name and its value
        // ("WeChat ID: x", "WhatsApp me at +1...", "QQ number 123").
        uint32_t w = p;
        while (w < n && IsLower(s[w])) ++w;
        if (w < n && IsAlnum(s[w])) return p;  // a word glued to digits is a value
        static constexpr std::string_view kFillerWords[] = {"id", "me",  "at", "is",     "on",
                                                            "us", "via", "no", "number", "account"};
        const std::string_view word = s.substr(p, w - p);
        bool filler = false;
        for (auto f : kFillerWords) filler = filler || word == f;
        if (filler) {
          p = w;
          continue;
        }
        return p;
      }
      if (c == '+' && p + 1 < n && IsDigit(s[p + 1])) return p + 1;
      if (c == '\n' && ++newlines > 1) return n;
      if (c == kWordChar && !IsFillerWord(doc.cp(p))) return n;
      if (c == '_') return n;
      ++p;
    }
    return n;
  };

  // An id written before its channel name: "abc12345 是我v", "kelly_99（微信）",
  // "1234567 是我扣扣". Between them only a few linking words (是, 我, 的, 就,
  // 这, 为) and brackets or separators; without a linking word the id must
  // hold a digit, '_' or '-' (a plain English word before 微信 is not an id),
  // and a label (订单号, 型号) right before the id makes it a number of
  // another kind.
  auto read_before = [&](const Cue& cue, const LexEntry& e, Contact& c) -> bool {
    static constexpr std::u32string_view kLinking = U"是我的就这为這為";
    uint32_t q = cue.begin;
    bool linking = false;
    int gap = 0;
    while (q > 0 && gap < 6) {
      const char ch = s[q - 1];
      const char32_t cp = doc.cp(q - 1);
      if (ch == kWordChar && kLinking.find(cp) != std::u32string_view::npos) {
        linking = true;
      } else if (!(ch == ' ' || ch == ':' || ch == '(' || ch == '[' || ch == kSymbol ||
                   ch == kIgnorable)) {
        break;
      }
      --q, ++gap;
    }
    if (q == 0 || !IsAlnum(s[q - 1]) || consumed[q - 1]) return false;
    const uint32_t end = q;
    uint32_t b = end;
    while (b > 0 && (IsAlnum(s[b - 1]) || s[b - 1] == '_' || s[b - 1] == '-')) --b;
    if (b > 0 && (s[b - 1] == '@' || s[b - 1] == '.' || s[b - 1] == '/' || s[b - 1] == kJoin))
      return false;  // part of a link or address
    std::string value(s.substr(b, end - b));
    const bool marked = std::any_of(value.begin(), value.end(),
                                    [](char x) { return IsDigit(x) || x == '_' || x == '-'; });
    if (!linking && !marked) return false;
    const bool digits = std::all_of(value.begin(), value.end(), [](char x) { return IsDigit(x); });
    if (e.channel == "qq" ? !(digits && value.size() >= 5 && value.size() <= 11 && value[0] != '0')
                          : !ValidWechatId(value))
      return false;
    // A label just before the id: an order or model number.
    for (const Cue& o : cues) {
      if (o.begin >= b) break;
      if (!o.dead && lex[o.entry].role == Role::kLabel && o.end <= b && b - o.end <= 3)
        return false;
    }
    c.channel = e.channel;
    c.kind = "contact";
    c.value = value;
    c.pieces = {{b, end}};
    c.cue = e.term;
    c.cue_at = {cue.begin, cue.end};
    c.variants = {"id_before_channel"};
    if (e.role == Role::kSlang || e.role == Role::kAlias) c.variants.push_back("slang");
    c.score = kBoundContact;
    return true;
  };

  for (size_t k = 0; k < cues.size(); ++k) {
    const Cue& cue = cues[k];
    const LexEntry& e = lex[cue.entry];
    if (cue.dead || cue_used[k] || e.channel.empty() || e.channel == "email") continue;
    if (e.role != Role::kName && e.role != Role::kSlang && e.role != Role::kAlias &&
        e.role != Role::kGroup && e.role != Role::kOfficial)
      continue;
    if (e.term == "wxid_" || e.term == "t.me" || e.term == "wa.me" || e.term == "line.me") continue;
    // Official accounts are named in any script: read up to a separator.
    if (e.role == Role::kOfficial) {
      uint32_t p = cue.end;
      while (p < n && p < cue.end + 4 &&
             (s[p] == ':' || s[p] == ' ' || s[p] == kSymbol || doc.cp(p) == U'：' ||
              doc.cp(p) == U'是' || doc.cp(p) == U'号' || doc.cp(p) == U'名'))
        ++p;
      uint32_t q = p;
      std::string name;
      while (q < n && q < p + 20 &&
             (IsAlnum(s[q]) || s[q] == kWordChar || s[q] == '_' || s[q] == '-' ||
              s[q] == kIgnorable)) {
        if (s[q] != kIgnorable) {
          if (s[q] == kWordChar) {
            utf8::Append(name, doc.cp(q));
          } else {
            name.push_back(s[q]);
          }
        }
        ++q;
      }
      // A name must follow a separator: 公众号：XX. After a space alone it
      // must also be invited ("关注公众号 XX"): "微信公众号 文章排版" is a
      // service, not an account.
      bool marked = false;
      for (uint32_t r = cue.end; r < p; ++r) marked = marked || s[r] != ' ';
      for (const Cue& o : cues) {
        if (o.begin >= cue.begin) break;
        marked = marked || (!o.dead && lex[o.entry].role == Role::kInvite && o.end <= cue.begin &&
                            cue.begin - o.end <= 3);
      }
      if (q - p >= 2 && p > cue.end && marked) {
        Contact c{"wechat", "official_account", name, {{p, q}}, {}, e.term, kOfficialAccount};
        cue_used[k] = 1;
        consume(c.pieces);
        emit(std::move(c));
      }
      continue;
    }
    const uint32_t p = skip_filler(cue.end, k);
    if (p >= n || consumed[p]) {
      // No value after the name: an id written before it ("abc12345 是我v").
      if (p >= n && (e.channel == "wechat" || e.channel == "qq")) {
        Contact c;
        if (read_before(cue, e, c)) {
          cue_used[k] = 1;
          consume(c.pieces);
          emit(std::move(c));
        }
      }
      continue;
    }
    Contact c;
    c.channel = e.channel;
    c.kind = e.role == Role::kGroup ? "group" : "contact";
    c.cue = e.term;
    c.cue_at = {cue.begin, cue.end};
    if (e.role == Role::kSlang || e.role == Role::kAlias) c.variants.push_back("slang");
    bool obfuscated = e.role == Role::kSlang || e.role == Role::kAlias;
    if (IsDigit(s[p])) {
      DigitRun run = ReadDigitRun(doc, p);
      if (run.end < n && IsLower(s[run.end]) && e.channel != "wechat") continue;
      const bool plus = p > 0 && s[p - 1] == '+';
      std::string d = run.digits;
      if (e.channel == "qq") {
        if (d.size() < 5 || d.size() > 11 || d[0] == '0') continue;
        c.value = d;
      } else if (e.channel == "wechat") {
        if (run.end < n && (IsLower(s[run.end]) || s[run.end] == '_')) {
          Id id = ReadId(doc, p, false);
          if (id.value.size() < 6 || id.value.size() > 20) continue;
          c.value = id.value;
          c.pieces = id.pieces;
          consume(c.pieces);
          cue_used[k] = 1;
          c.score = kBoundContact + (obfuscated ? kObfuscatedBonus : 0);
          emit(std::move(c));
          continue;
        }
        if (d.size() < 5 || d.size() > 13) continue;
        c.value = d;
      } else if (e.channel == "phone" || e.channel == "whatsapp") {
        const bool intl = plus || (d.size() > 2 && d.substr(0, 2) == "00");
        if (d.size() > 2 && d.substr(0, 2) == "00") d = d.substr(2);
        if (!intl && is_lawful_service(d)) {  // 400/800/95... lines: no validation needed
          consume(run.pieces);
          cue_used[k] = 1;
          continue;
        }
        PhoneCheck check = CheckPhone(d, intl || e.channel == "whatsapp");
        if (check.kind == PhoneKind::kNone && !intl) check = CheckPhone(d, false);
        // A foreign number written without + or 00 ("WhatsApp/电话 447911123456"):
        // after a phone name, a country code is read when it is no Chinese number.
        if (check.kind == PhoneKind::kNone && !intl && d.size() >= 10) {
          check = CheckPhone(d, true);
          if (check.kind != PhoneKind::kNone) c.variants.push_back("no_plus");
        }
        if (check.kind == PhoneKind::kNone) continue;
        c.value = NationalDigits(check);
        if (is_lawful_service(c.value)) {
          consume(run.pieces);
          cue_used[k] = 1;
          continue;
        }
      } else {
        continue;  // telegram/line ids start with a letter
      }
      c.pieces = run.pieces;
      AddRunVariants(run, c.variants);
      obfuscated = obfuscated || RunObfuscated(run);
    } else {
      if (e.channel == "qq" || e.channel == "phone") continue;
      const bool at = s[p] == '@';
      if (e.channel == "wechat") {
        Id id = ReadId(doc, p, false);
        // "V x i a n g 8 8 8": a term ending in a lone letter ("v x") took
        // the first letter of a spaced-out id; read the id from that letter.
        const std::string& t = e.term;
        if (t.size() >= 3 && t[t.size() - 2] == ' ' && IsLower(t.back()) && cue.end >= 1 &&
            s[cue.end - 1] == t.back() && id.pieces.size() > 1) {
          Id longer = ReadId(doc, cue.end - 1, false);
          if (longer.value.size() > id.value.size() && ValidWechatId(longer.value))
            id = std::move(longer);
        }
        if (!ValidWechatId(id.value)) continue;
        c.value = id.value;
        c.pieces = id.pieces;
        if (id.pieces.size() > 1) c.variants.push_back("spaced_letters"), obfuscated = true;
      } else if (e.channel == "telegram" || e.channel == "line") {
        // "@ name": blanks after the '@' are a disguise, not an end.
        uint32_t from = at ? p + 1 : p;
        while (at && from < n && from < p + 3 && (s[from] == ' ' || s[from] == kSymbol)) ++from;
        Id id = ReadId(doc, from, e.channel == "line");
        if (id.value.size() < (e.channel == "line" ? 4u : 5u) || id.value.size() > 32) continue;
        if (e.channel == "telegram" && !IsLower(id.value[0])) continue;
        // A bare English word after "line" or "飞机" is not an id: it needs
        // '@', a digit, '_' or an explicit separator (line: / line id).
        const bool marked = at || e.term.back() == ':' || e.term.find("id") != std::string::npos ||
                            std::any_of(id.value.begin(), id.value.end(),
                                        [](char ch) { return IsDigit(ch) || ch == '_'; });
        if (!marked && (e.channel == "line" || e.role == Role::kName)) continue;
        c.value = id.value;
        c.pieces = id.pieces;
        if (at) c.pieces.front().begin = p;
      } else {
        continue;
      }
    }
    c.score = std::min(1.0, kBoundContact + (obfuscated ? kObfuscatedBonus : 0));
    cue_used[k] = 1;
    consume(c.pieces);
    emit(std::move(c));
  }

  // ---- 4. bare phone numbers
  auto bound_label = [&](uint32_t p) {
    for (size_t k = 0; k < cues.size() && cues[k].begin < p; ++k) {
      if (cues[k].dead || lex[cues[k].entry].role != Role::kLabel || cues[k].end > p) continue;
      if (p - cues[k].end > 12) continue;
      bool clear = true;
      for (uint32_t q = cues[k].end; q < p && clear; ++q)
        clear = s[q] != '\n' && (s[q] != kWordChar || IsFillerWord(doc.cp(q)));
      if (clear) return true;
    }
    return false;
  };
  for (uint32_t i = doc.digit_count() >= 7 ? NextDigit(s, 0) : n; i < n;) {
    if (!IsDigit(s[i]) || consumed[i]) {
      i = NextDigit(s, i + 1);
      continue;
    }
    // Cheap pre-check: fewer than 7 digits in reach is no phone number.
    {
      uint32_t k = i, digits = 0, gap = 0;
      while (k < n && digits < 7 && gap <= static_cast<uint32_t>(kMaxGroupGap)) {
        if (IsDigit(s[k]))
          digits++, gap = 0;
        else if (IsSeparator(s[k]))
          gap += s[k] != kIgnorable;
        else
          break;
        ++k;
      }
      if (digits < 7) {
        while (i < n && IsDigit(s[i])) ++i;
        i = NextDigit(s, i);
        continue;
      }
    }
    DigitRun run = ReadDigitRun(doc, i);
    auto skip = [&] { i = std::max(run.end, i + 1); };
    const bool attached_before = i > 0 && (IsLower(s[i - 1]) || s[i - 1] == '_');
    const bool attached_after = run.end < n && (IsLower(s[run.end]) || s[run.end] == '_');
    if (run.pieces.size() > 1 && run.digits.size() > 11 && !attached_before && !attached_after) {
      DigitRun window;
      if (FindPhoneWindow(run, window)) {
        run = std::move(window);
        i = run.begin;
      }
    }
    if (attached_before || attached_after || run.digits.size() < 7 || run.digits.size() > 15) {
      skip();
      continue;
    }
    bool consumed_inside = false;
    for (uint32_t q = run.begin; q < run.end; ++q) consumed_inside |= consumed[q] != 0;
    if (consumed_inside) {
      skip();
      continue;
    }
    // Quantities and prices: a unit after, a currency sign before, a decimal part.
    uint32_t after = run.end;
    while (after < n && s[after] == ' ') ++after;
    uint32_t before = i;
    while (before > 0 && s[before - 1] == ' ') --before;
    const bool plus = before > 0 && s[before - 1] == '+';
    if ((after < n && IsUnit(doc.cp(after))) || (before > 0 && IsCurrency(doc.cp(before - 1))) ||
        (run.end + 1 < n && (s[run.end] == '.' || s[run.end] == ',') && IsDigit(s[run.end + 1])) ||
        (before > 1 &&
         (s[before - 1] == '#' || s[before - 1] == '/' || doc.cp(before - 1) == '.' ||
          doc.cp(before - 1) == U'．') &&
         IsAlnum(s[before - 2])) ||
        bound_label(i)) {
      skip();
      continue;
    }
    std::string d = run.digits;
    const bool intl = plus || d.substr(0, 2) == "00";
    if (d.substr(0, 2) == "00") d = d.substr(2);
    PhoneCheck check;
    if (intl)
      check = CheckPhone(d, true);
    else if (LooksLikeChinesePhone(d))
      check = CheckPhone(d, false);
    if (check.kind == PhoneKind::kNone) {
      skip();
      continue;
    }
    Contact c;
    c.channel = "phone";
    c.kind = "contact";
    c.value = NationalDigits(check);
    c.pieces = run.pieces;
    AddRunVariants(run, c.variants);
    if (is_lawful_service(c.value)) {
      skip();
      continue;
    }
    // Groups of a phone number: 3-4-4, 3-8, 4-7, 4-8 or digits one by one.
    bool regular = run.pieces.size() <= 4 || run.max_group <= 1;
    c.score = check.kind == PhoneKind::kMobile      ? kMobile
              : check.kind == PhoneKind::kFixedLine ? kFixedLine
                                                    : kOtherPhone;
    if (!regular)
      c.score = kIrregularRun;
    else if (RunObfuscated(run))
      c.score = std::min(1.0, c.score + kObfuscatedBonus * 2);
    consume(c.pieces);
    emit(std::move(c));
    skip();
  }

  // ---- 5. invitations and pointers
  auto has_channel = [&](const std::string& ch) {
    for (size_t q = first_out; q < out.size(); ++q)
      if (out[q].channel == ch) return true;
    return false;
  };
  for (size_t k = 0; k < cues.size(); ++k) {
    const Cue& cue = cues[k];
    const LexEntry& e = lex[cue.entry];
    if (cue.dead || cue_used[k]) continue;
    if (e.role == Role::kPointer) {
      emit(Contact{"profile", "pointer", "", {{cue.begin, cue.end}}, {}, e.term, kPointer});
      continue;
    }
    if (e.channel.empty() || has_channel(e.channel)) continue;
    if (e.role != Role::kName && e.role != Role::kSlang && e.role != Role::kAlias &&
        e.role != Role::kGroup && e.role != Role::kOfficial)
      continue;
    if (e.term == "wxid_") continue;
    // An invitation verb on the same line: next to the channel for a one-
    // character verb (扣扣见), within kInviteWindow positions otherwise.
    const Cue* invite = nullptr;
    // Cues are sorted by begin: only those that can be within the window.
    const uint32_t reach = 2 * kInviteWindow + 16;
    size_t m = std::lower_bound(cues.begin(), cues.end(), cue.begin > reach ? cue.begin - reach : 0,
                                [](const Cue& c, uint32_t b) { return c.begin < b; }) -
               cues.begin();
    for (; m < cues.size() && cues[m].begin <= cue.end + reach; ++m) {
      const Cue& o = cues[m];
      if (o.dead || lex[o.entry].role != Role::kInvite) continue;
      if (o.end > cue.begin && o.begin < cue.end) continue;  // overlapping words
      const uint32_t lo = o.end <= cue.begin ? o.end : cue.end;
      const uint32_t hi = o.end <= cue.begin ? cue.begin : o.begin;
      const bool ascii_verb = lex[o.entry].ascii && e.ascii;
      const uint32_t window = o.end - o.begin == 1 ? 1
                              : ascii_verb         ? 2 * kInviteWindow
                                                   : kInviteWindow;
      if (hi - lo > window) continue;
      bool same_line = true;
      for (uint32_t q = lo; q < hi; ++q) same_line &= s[q] != '\n';
      if (same_line) {
        invite = &o;
        break;
      }
    }
    // A warning ("请勿加微信") is not an invitation.
    if (!invite && !(e.role == Role::kSlang && !e.ascii)) continue;  // nothing to report
    const uint32_t start = invite ? std::min(invite->begin, cue.begin) : cue.begin;
    bool negated = false;
    // Only cues starting within reach can end just before `start`.
    size_t first = std::lower_bound(cues.begin(), cues.end(), start > 40 ? start - 40 : 0,
                                    [](const Cue& c, uint32_t b) { return c.begin < b; }) -
                   cues.begin();
    for (size_t q = first; q < cues.size() && cues[q].begin < start; ++q) {
      const Cue& o = cues[q];
      // Just before, or sharing its start's characters ("不加" in "不加微信",
      // where the cue is "加微").
      if (o.dead || lex[o.entry].role != Role::kNegate || (o.end <= start && start - o.end > 8))
        continue;
      bool same_line = true;
      for (uint32_t r = o.end; r < start; ++r) same_line &= s[r] != '\n';
      negated = negated || same_line;
    }
    if (negated) continue;
    if (invite) {
      Contact c{e.channel, "invitation", "", {}, {}, e.term, kInvitation};
      c.pieces.push_back({std::min(invite->begin, cue.begin), std::max(invite->end, cue.end)});
      if (e.role == Role::kSlang) c.variants.push_back("slang");
      emit(std::move(c));
    } else if (e.role == Role::kSlang && !e.ascii) {
      emit(Contact{
          e.channel, "invitation", "", {{cue.begin, cue.end}}, {"slang"}, e.term, kSlangAlone});
    }
  }
}

}  // namespace ipguard::diversion
