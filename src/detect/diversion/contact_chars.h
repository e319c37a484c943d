// Contact-specific reading of code points. The shared normalizer (text.h)
// folds text for every detector; contacts need a different, narrower reading:
// every way of writing a digit (Chinese and financial numerals, circled,
// superscript, full-width, keycap) is a digit, and every character is kept as
// exactly one position so that a contact maps back to original code points
// without a table. This is not a general normalizer: it only answers "which
// ASCII character of a contact does this code point stand for, if any".
#pragma once

#include <cstdint>

namespace ipguard::diversion {

// Projection bytes for code points that stand for no ASCII character.
inline constexpr char kWordChar = '\x01';   // a letter of another script (CJK, ...)
inline constexpr char kSymbol = '\x02';     // emoji, symbol, punctuation: a separator
inline constexpr char kIgnorable = '\x03';  // combining mark, ZWJ, variation selector

// How a digit was written (for evidence.variant).
enum class DigitForm : uint8_t {
  kNone = 0,
  kAscii,
  kWidth,        // full-width or another compatibility form (NFKC)
  kCircled,      // ① ❶ ➀ ⓪ and other enclosed digits
  kSuperscript,  // ¹ ₁
  kChinese,      // 一二三 幺 两 〇
  kFinancial,    // 壹贰叁
  kKeycap,       // 1️⃣ (set by the reader when U+20E3 follows)
};

struct ContactChar {
  char byte =
      kSymbol;  // lower-case ASCII letter, digit, ASCII punctuation, ' ', '\n', or a k* code
  DigitForm form = DigitForm::kNone;
};

// The contact reading of one code point. Thread-safe; the BMP is tabulated
// once on first use (ICU NFKC decides compatibility forms).
ContactChar ReadContactChar(char32_t cp);

// The tabulated readings of the whole BMP (65536 entries), for hot loops.
const ContactChar* BmpContactTable();

// The same for an ASCII byte (< 0x80), from a constant table.
ContactChar ReadAsciiContactChar(unsigned char byte);

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAlnum(char c) { return IsDigit(c) || IsLower(c); }

}  // namespace ipguard::diversion
