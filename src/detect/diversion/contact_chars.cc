#include "detect/diversion/contact_chars.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

namespace ipguard::diversion {
namespace {

struct Numeral {
  char32_t cp;
  char digit;
  DigitForm form;
};

// Numerals a seller can read out as digits. 幺 (yāo) and 两 are the spoken
// forms of 1 and 2 in phone numbers; 十/百 are not digits of a number.
constexpr Numeral kNumerals[] = {
    {U'零', '0', DigitForm::kChinese},   {U'〇', '0', DigitForm::kChinese},
    {U'一', '1', DigitForm::kChinese},   {U'幺', '1', DigitForm::kChinese},
    {U'二', '2', DigitForm::kChinese},   {U'两', '2', DigitForm::kChinese},
    {U'兩', '2', DigitForm::kChinese},   {U'三', '3', DigitForm::kChinese},
    {U'四', '4', DigitForm::kChinese},   {U'五', '5', DigitForm::kChinese},
    {U'六', '6', DigitForm::kChinese},   {U'七', '7', DigitForm::kChinese},
    {U'八', '8', DigitForm::kChinese},   {U'九', '9', DigitForm::kChinese},
    {U'壹', '1', DigitForm::kFinancial}, {U'贰', '2', DigitForm::kFinancial},
    {U'貳', '2', DigitForm::kFinancial}, {U'叁', '3', DigitForm::kFinancial},
    {U'參', '3', DigitForm::kFinancial}, {U'肆', '4', DigitForm::kFinancial},
    {U'伍', '5', DigitForm::kFinancial}, {U'陆', '6', DigitForm::kFinancial},
    {U'陸', '6', DigitForm::kFinancial}, {U'柒', '7', DigitForm::kFinancial},
    {U'捌', '8', DigitForm::kFinancial}, {U'玖', '9', DigitForm::kFinancial},
};

bool IsCircled(char32_t cp) {
  return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
         (cp >= 0x1F100 && cp <= 0x1F10C) || cp == 0x3007;
}
bool IsSuperscript(char32_t cp) {
  return cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || (cp >= 0x2070 && cp <= 0x209F);
}

ContactChar Ascii(char32_t cp) {
  ContactChar c;
  if (cp >= 'A' && cp <= 'Z') {
    c.byte = static_cast<char>(cp + 32);
  } else if ((cp >= 'a' && cp <= 'z')) {
    c.byte = static_cast<char>(cp);
  } else if (cp >= '0' && cp <= '9') {
    c.byte = static_cast<char>(cp);
    c.form = DigitForm::kAscii;
  } else if (cp == ' ' || cp == '\t') {
    c.byte = ' ';
  } else if (cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') {
    c.byte = '\n';
  } else if (cp < 0x20 || cp == 0x7F) {
    c.byte = kIgnorable;
  } else {
    c.byte = static_cast<char>(cp);  // ASCII punctuation is kept as itself
  }
  return c;
}

// The slow path: ICU character properties and NFKC.
ContactChar Classify(char32_t cp) {
  if (cp < 0x80) return Ascii(cp);
  for (const auto& n : kNumerals) {
    if (n.cp == cp) return {n.digit, n.form};
  }
  ContactChar c;
  const auto u = static_cast<UChar32>(cp);
  if (cp == 0x3002 || cp == 0xFF61) return {'.', DigitForm::kNone};  // ideographic full stop
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return {'\n', DigitForm::kNone};
  if (cp == 0x20E3 || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
      cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
    return {kIgnorable, DigitForm::kNone};
  }
  const int8_t type = static_cast<int8_t>(u_charType(u));
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK ||
      type == U_FORMAT_CHAR) {
    return {kIgnorable, DigitForm::kNone};
  }
  if (u_isUWhiteSpace(u)) return {' ', DigitForm::kNone};
  // Compatibility forms of ASCII letters, digits and punctuation (NFKC).
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString decomposed;
    if (nfkc->getDecomposition(u, decomposed)) {
      icu::UnicodeString composed = nfkc->normalize(decomposed, status);
      // Keep the one alphanumeric character of forms like ⑴ "(1)" or ⒈ "1.".
      char found = 0;
      int alnum = 0;
      bool all_ascii = true;
      for (int32_t i = 0; i < composed.length(); ++i) {
        const char16_t ch = composed.charAt(i);
        if (ch >= 0x80) all_ascii = false;
        if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
          ++alnum;
          found = static_cast<char>(ch);
        }
      }
      if (U_SUCCESS(status) && all_ascii) {
        if (composed.length() == 1 && alnum == 0) return Ascii(composed.charAt(0));
        if (alnum == 1) {
          c = Ascii(static_cast<char32_t>(found));
          if (c.form != DigitForm::kNone) {
            c.form = IsCircled(cp)       ? DigitForm::kCircled
                     : IsSuperscript(cp) ? DigitForm::kSuperscript
                                         : DigitForm::kWidth;
          }
          return c;
        }
      }
    }
  }
  // Dingbat circled digits (❶ ➀ ➊) and double-circled ones (⓵) have no NFKC
  // mapping: 1..9 in blocks of ten (the tenth is 10, not a digit).
  for (char32_t base : {char32_t{0x2776}, char32_t{0x2780}, char32_t{0x278A}, char32_t{0x24F5}}) {
    if (cp >= base && cp < base + 9) {
      return {static_cast<char>('1' + (cp - base)), DigitForm::kCircled};
    }
  }
  if (cp == 0x24EA || cp == 0x24FF || cp == 0x1F10B || cp == 0x1F10C) {
    return {'0', DigitForm::kCircled};  // ⓪ ⓿ 🄋 🄌 have no NFKC mapping
  }
  if (u_isalpha(u) || type == U_OTHER_LETTER) return {kWordChar, DigitForm::kNone};
  return {kSymbol, DigitForm::kNone};
}

struct BmpTable {
  std::array<ContactChar, 0x10000> chars;
  BmpTable() {
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
      chars[cp] =
          (cp >= 0xD800 && cp <= 0xDFFF) ? ContactChar{kSymbol, DigitForm::kNone} : Classify(cp);
    }
  }
};

const BmpTable& Table() {
  static const auto* table = new BmpTable();  // never destroyed: used by any thread
  return *table;
}

struct AsciiTable {
  ContactChar chars[128];
  AsciiTable() {
    for (char32_t c = 0; c < 128; ++c) chars[c] = Ascii(c);
  }
};

const AsciiTable kAsciiTable;

}  // namespace

const ContactChar* BmpContactTable() { return Table().chars.data(); }

ContactChar ReadAsciiContactChar(unsigned char byte) { return kAsciiTable.chars[byte & 0x7F]; }

ContactChar ReadContactChar(char32_t cp) {
  if (cp < 0x80) return kAsciiTable.chars[cp];
  if (cp < 0x10000) return Table().chars[cp];
  if (cp >= 0x1F300 && cp <= 0x1FAFF) return {kSymbol, DigitForm::kNone};    // emoji
  if (cp >= 0x20000 && cp <= 0x3FFFF) return {kWordChar, DigitForm::kNone};  // CJK ext.
  return Classify(cp);
}

}  // namespace ipguard::diversion
