// The normalizer (docs/text.md): one pass over the original code points
// producing `text` with its origin map and flags, then the key and phonetic
// layers derived from `text`.
#include <array>
#include <cstring>

#include "core/utf8.h"
#include "ipguard/text.h"
#include "text/char_table.h"
#include "text/pinyin.h"

namespace ipguard {
namespace {

using text::CharClass;
using text::CharInfo;

bool IsWord(CharClass c) {
  return c == CharClass::kLatin || c == CharClass::kHan || c == CharClass::kOther;
}

// Leetspeak reading of a digit inside a Latin word.
constexpr std::array<char, 10> kLeet = {'o', 'i', 'z', 'e', 'a', 's', 'g', 't', 'b', 'g'};

// Decodes the code point at s[pos] exactly as utf8::Next does (an invalid or
// truncated sequence is U+FFFD and advances one byte), inline for the hot loop.
inline char32_t Decode(const unsigned char* s, size_t size, size_t& pos) {
  const unsigned char b0 = s[pos];
  int len;
  char32_t cp, min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++pos;
    return utf8::kReplacement;
  }
  if (pos + len > size) {
    ++pos;
    return utf8::kReplacement;
  }
  for (int i = 1; i < len; ++i) {
    const unsigned char b = s[pos + i];
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return utf8::kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return utf8::kReplacement;
  }
  pos += len;
  return cp;
}

// Stores `v` into p[0..3], built in a register (a copy from a small array on
// the stack made the compiler store `v` narrow and reload it wide, which
// stalls store forwarding on every character). `first_extra` is or-ed into
// p[0] only.
inline void Fill4(uint16_t* p, uint16_t v, uint16_t first_extra = 0) {
  const uint64_t w = v * 0x0001000100010001ull | first_extra;
  std::memcpy(p, &w, sizeof w);
}
inline void Fill4(uint32_t* p, uint32_t v) {
  const uint64_t w = v * 0x0000000100000001ull;
  std::memcpy(p, &w, sizeof w);
  std::memcpy(p + 2, &w, sizeof w);
}

// One pass over the original code points. Each normalized code point is
// written straight into `out`'s buffers (sized ahead, so no per-byte
// push_back), and the key and phonetic layers are extended as it is written:
// both depend only on the normalized characters before it (and, for a Latin
// word's phonetic units, on the character that ends the word).
class Normalizer {
 public:
  void Run(std::string_view original, NormalizedText& out) {
    out_ = &out;
    table_ = text::TableData();
    Reset();
    // Most normalized forms are no longer than the original (Han 3 -> 3
    // bytes, ASCII 1 -> 1, full width 3 -> 1); Grow() covers the rest.
    Size(original.size() + kSlack);
    Decode(original);
    const char32_t* cps = cps_.data();
    const size_t count = cps_.size();
    for (uint32_t index = 0; index < count; ++index) {
      const char32_t cp = cps[index];
      if (static_cast<uint32_t>(cp - U'a') < 26u && digits_n_ == 0 && pending_.empty() && !emoji_ &&
          !zero_width_ && carry_ == 0) {
        // A lower-case letter with nothing held or carried: what Feed()
        // and Emit() would do, without the table.
        Append(cp, index, 0, false);
        last_ = CharClass::kLatin;
        continue;
      }
      Feed(cp, index);
    }
    FlushDigits(CharClass::kSpace);
    FlushPending(CharClass::kSpace);
    if (word_open_) CloseWord(false);
    out.text.resize(n_);
    out.origin_begin.resize(n_);
    out.origin_end.resize(n_);
    out.flags.resize(n_);
    out.key.resize(kn_);
    out.key_to_text.resize(kn_);
    out.key_flags.resize(kn_);
    out.units.assign(units_.begin(), units_.begin() + static_cast<std::ptrdiff_t>(un_));
  }

 private:
  struct Held {
    uint32_t index;
    CharInfo info;
  };
  // Room kept free for one appended code point (4 bytes), checked per code point.
  static constexpr size_t kSlack = 64;

  // The code points of `original` into cps_, starting to load the table
  // entry of each non-ASCII one: the table is larger than the caches and a
  // title's Han characters are scattered over it, so the loads are issued
  // together here rather than one miss at a time in Feed().
  void Decode(std::string_view original) {
    const auto* s = reinterpret_cast<const unsigned char*>(original.data());
    const size_t size = original.size();
    cps_.resize(size);  // never more code points than bytes
    char32_t* out = cps_.data();
    size_t count = 0;
    for (size_t pos = 0; pos < size;) {
      const unsigned char byte = s[pos];
      char32_t cp;
      if (byte < 0x80) {
        cp = byte;
        ++pos;
      } else if ((byte & 0xF0) == 0xE0 && pos + 2 < size && (s[pos + 1] & 0xC0) == 0x80 &&
                 (s[pos + 2] & 0xC0) == 0x80 && (byte != 0xE0 || s[pos + 1] >= 0xA0) &&
                 (byte != 0xED || s[pos + 1] < 0xA0)) {
        // A well-formed three-byte sequence (Han, CJK punctuation, full
        // width): not overlong (E0 needs A0..BF next), not a surrogate (ED
        // needs 80..9F next).
        cp = (char32_t(byte & 0x0F) << 12) | (char32_t(s[pos + 1] & 0x3F) << 6) |
             (s[pos + 2] & 0x3F);
        pos += 3;
        __builtin_prefetch(table_ + cp);
      } else {
        cp = ipguard::Decode(s, size, pos);
        if (cp < text::kTableLimit) __builtin_prefetch(table_ + cp);
      }
      out[count++] = cp;
    }
    cps_.resize(count);
  }

  void Reset() {
    last_ = CharClass::kIgnore;
    pending_.clear();
    digits_n_ = 0;
    zero_width_ = emoji_ = false;
    carry_ = 0;
    n_ = kn_ = 0;
    boundary_ = true;
    prev_latin_ = false;
    token_letters_ = 0;
    prev_han_ = word_open_ = word_prev_han_ = false;
    un_ = 0;
  }

  // Sizes every buffer of `out_` to `cap` entries (key bytes never outnumber
  // text bytes) and takes their data pointers. Entries past n_ / kn_ are
  // scratch until Run() trims the buffers.
  void Size(size_t cap) {
    NormalizedText& t = *out_;
    cap_ = cap;
    t.text.resize(cap);
    t.origin_begin.resize(cap);
    t.origin_end.resize(cap);
    t.flags.resize(cap);
    t.key.resize(cap);
    t.key_to_text.resize(cap);
    t.key_flags.resize(cap);
    text_ = t.text.data();
    ob_ = t.origin_begin.data();
    oe_ = t.origin_end.data();
    fl_ = t.flags.data();
    key_ = t.key.data();
    k2t_ = t.key_to_text.data();
    kf_ = t.key_flags.data();
  }
  void Grow() { Size(cap_ * 2 + kSlack); }

  text::CharInfo Lookup(char32_t cp) const {
    return cp < text::kTableLimit ? table_[cp] : text::LookupBeyond(cp);
  }

  void Feed(char32_t cp, uint32_t index) {
    const CharInfo info = Lookup(cp);
    switch (info.cls) {
      case CharClass::kIgnore:
        zero_width_ = true;
        return;
      case CharClass::kEmoji:
        FlushDigits(CharClass::kEmoji);
        emoji_ = true;
        return;
      case CharClass::kSpace:
        FlushDigits(CharClass::kSpace);
        if (pending_.empty() || pending_.back().info.cls != CharClass::kSpace)
          pending_.push_back({index, info});
        return;
      case CharClass::kSymbol:
        // ! and $ right after a Latin letter may be leetspeak (D!OR): held
        // like a digit.
        if ((cp == U'!' || cp == U'$') && pending_.empty() && !emoji_ &&
            last_ == CharClass::kLatin && digits_n_ == 0) {
          digits_[digits_n_++] = {index, info};
          return;
        }
        FlushDigits(CharClass::kSymbol);
        pending_.push_back({index, info});
        return;
      case CharClass::kDigit:
        // A digit right after a Latin letter may be leetspeak: hold it until
        // the next character says whether the word goes on.
        if (pending_.empty() && !emoji_ && (last_ == CharClass::kLatin || digits_n_ != 0) &&
            info.length == 1 && digits_n_ < 3) {
          digits_[digits_n_++] = {index, info};
          return;
        }
        if (digits_n_ != 0) FlushDigits(CharClass::kDigit);
        if (!pending_.empty()) FlushPending(CharClass::kDigit);
        Emit(info, index, 0);
        return;
      default:
        break;
    }
    // A letter or Han character.
    if (digits_n_ != 0) FlushDigits(info.cls);
    if (!pending_.empty()) FlushPending(info.cls);
    Emit(info, index, 0);
  }

  // Held digits: letters when a Latin letter follows (at most two digits),
  // otherwise digits.
  [[gnu::noinline]] void FlushDigits(CharClass next) {
    if (digits_n_ == 0) return;
    const bool leet = next == CharClass::kLatin && digits_n_ <= 2 && pending_.empty();
    for (size_t i = 0; i < digits_n_; ++i) {
      const Held& h = digits_[i];
      if (h.info.cls == CharClass::kSymbol && !leet) {
        pending_.push_back(h);  // an ordinary symbol after all
        continue;
      }
      if (leet) {
        CharInfo letter = h.info;
        letter.out = h.info.cls == CharClass::kSymbol
                         ? (h.info.out == U'$' ? U's' : U'i')
                         : static_cast<char32_t>(kLeet[h.info.out - U'0']);
        letter.cls = CharClass::kLatin;
        letter.out_han = false;
        Emit(letter, h.index, kNormLeet);
      } else {
        Emit(h.info, h.index, 0);
      }
    }
    digits_n_ = 0;
  }

  // Separators between two letters (or Han characters) are dropped, leaving
  // one space where there was white space (none between Han characters);
  // elsewhere (next to digits, at the ends) symbols are kept.
  [[gnu::noinline]] void FlushPending(CharClass next) {
    if (pending_.empty()) return;
    const bool between_words = IsWord(last_) && IsWord(next);
    bool had_space = false, had_symbol = emoji_;
    for (const Held& h : pending_) {
      if (h.info.cls == CharClass::kSpace)
        had_space = true;
      else
        had_symbol = true;
    }
    if (between_words) {
      const bool han = last_ == CharClass::kHan && next == CharClass::kHan;
      if (had_space && !han) {
        for (const Held& h : pending_)
          if (h.info.cls == CharClass::kSpace) {
            EmitSpace(h.index);
            break;
          }
      }
      if (had_symbol || (had_space && han)) carry_ |= kNormSeparator;
    } else {
      for (const Held& h : pending_) {
        if (h.info.cls == CharClass::kSpace) {
          if (last_ != CharClass::kIgnore && next != CharClass::kSpace) EmitSpace(h.index);
        } else {
          Emit(h.info, h.index, 0);
        }
      }
    }
    pending_.clear();
    emoji_ = false;
  }

  void EmitSpace(uint32_t index) {
    Append(U' ', index, 0, false);
    last_ = CharClass::kSpace;
  }

  [[gnu::always_inline]] void Emit(const CharInfo& info, uint32_t index, uint16_t extra) {
    if (emoji_ && IsWord(last_) && IsWord(info.cls)) carry_ |= kNormSeparator;
    emoji_ = false;
    uint16_t flags = info.flags | extra | carry_;
    if (zero_width_) flags |= kNormZeroWidth;
    zero_width_ = false;
    carry_ = 0;
    if (info.length == 1) {
      Append(info.out, index, flags, info.out_han);
    } else {
      for (char32_t c : text::Output(info))
        Append(c, index, flags, c >= 0x80 && Lookup(c).cls == CharClass::kHan);
    }
    last_ = info.cls == CharClass::kIgnore ? last_ : info.cls;
  }

  // Writes one normalized code point (`han`: it is of class kHan) with its
  // origin and flags, and extends the key and phonetic layers with it.
  [[gnu::always_inline]] void Append(char32_t c, uint32_t index, uint16_t flags, bool han) {
    if (n_ + 4 > cap_) [[unlikely]]
      Grow();
    const size_t at = n_;
    if (c < 0x80) {
      text_[at] = static_cast<char>(c);
      ob_[at] = index;
      oe_[at] = index + 1;
      fl_[at] = flags;
      n_ = at + 1;
      KeyAscii(static_cast<char>(c), at, flags);
      UnitsAscii(static_cast<char>(c), at, flags);
      return;
    }
    // The UTF-8 bytes in one word, first byte lowest (stored with one
    // 4-byte write, here and into the key).
    size_t len;
    uint32_t bytes;
    if (c < 0x800) {
      bytes = (0xC0 | (c >> 6)) | (0x80 | (c & 0x3F)) << 8;
      len = 2;
    } else if (c < 0x10000) {
      bytes = (0xE0 | (c >> 12)) | (0x80 | ((c >> 6) & 0x3F)) << 8 | (0x80 | (c & 0x3F)) << 16;
      len = 3;
    } else {
      bytes = (0xF0 | (c >> 18)) | (0x80 | ((c >> 12) & 0x3F)) << 8 |
              (0x80 | ((c >> 6) & 0x3F)) << 16 | (0x80 | (c & 0x3F)) << 24;
      len = 4;
    }
    // Four entries each, whatever the length: the buffers keep room for them
    // (entries past the code point are overwritten next or trimmed).
    std::memcpy(text_ + at, &bytes, 4);
    Fill4(ob_ + at, index);
    Fill4(oe_ + at, index + 1);
    Fill4(fl_ + at, flags);
    n_ = at + len;
    KeyOther(at, len, flags, bytes);
    if (word_open_) CloseWord(han);
    prev_han_ = han;
    if (han)
      PushUnit({static_cast<uint32_t>(at), static_cast<uint32_t>(at + len), c, 0,
                PhoneticUnit::kHan, true, true});
  }

  void PushUnit(const PhoneticUnit& u) {
    if (un_ == units_.size()) [[unlikely]]
      units_.resize(units_.size() * 2 + 64);
    units_[un_++] = u;
  }

  // The key layer: `text` without spaces, l folded into i, repeated Latin
  // letters collapsed, with word boundaries marked.
  void KeyAscii(char b, size_t at, uint16_t flags) {
    if (b == ' ') {
      boundary_ = true;
      return;
    }
    const bool latin = b >= 'a' && b <= 'z';
    if (flags & kNormSeparator) boundary_ = true;
    if (latin != prev_latin_) boundary_ = true;
    if (latin) {
      const char c = b == 'l' ? 'i' : b;
      // A repeat collapses within a word, or across a boundary after a lone
      // letter (G U C C I), never across two words (vuitton new).
      const bool same_run = !boundary_ || token_letters_ == 1;
      if (boundary_) token_letters_ = 0;
      ++token_letters_;
      if (kn_ != 0 && key_[kn_ - 1] == c && prev_latin_ && same_run) {
        kf_[kn_ - 1] |= kNormRepeat | (flags & ~kNormBoundary);
        boundary_ = false;
        return;
      }
      key_[kn_] = c;
    } else {
      key_[kn_] = b;
    }
    k2t_[kn_] = static_cast<uint32_t>(at);
    kf_[kn_] = flags | (boundary_ ? kNormBoundary : 0);
    ++kn_;
    prev_latin_ = latin;
    boundary_ = false;
  }

  // A non-ASCII code point of `len` bytes written at text byte `at`
  // (`bytes`: its UTF-8, first byte lowest).
  void KeyOther(size_t at, size_t len, uint16_t flags, uint32_t bytes) {
    if ((flags & kNormSeparator) || prev_latin_) boundary_ = true;
    // Four entries each, as in Append (key bytes never outnumber text bytes).
    std::memcpy(key_ + kn_, &bytes, 4);
    const uint32_t a = static_cast<uint32_t>(at);
    const uint32_t to_text[4] = {a, a + 1, a + 2, a + 3};
    std::memcpy(k2t_ + kn_, to_text, sizeof to_text);
    Fill4(kf_ + kn_, flags, boundary_ ? kNormBoundary : 0);
    kn_ += len;
    prev_latin_ = false;
    boundary_ = false;
  }

  // The phonetic stream: Han characters, pinyin syllables of Latin words
  // that are pinyin, and lone letters beside Han characters (initials: 耐K).
  // A Latin word is a run of letters up to a space, a non-letter or a dropped
  // separator; it is closed (and segmented) by the character after it.
  void UnitsAscii(char b, size_t at, uint16_t flags) {
    if (b >= 'a' && b <= 'z') {
      if (!word_open_ || (flags & kNormSeparator)) {
        if (word_open_) CloseWord(false);
        word_open_ = true;
        word_begin_ = at;
        word_prev_han_ = prev_han_;
      }
      word_end_ = at + 1;
      return;
    }
    if (word_open_) CloseWord(false);
    prev_han_ = false;
  }

  void CloseWord(bool next_han) {
    word_open_ = false;
    prev_han_ = false;
    const std::string_view word(text_ + word_begin_, word_end_ - word_begin_);
    if (word.size() == 1 && (word_prev_han_ || next_han)) {
      PushUnit({static_cast<uint32_t>(word_begin_), static_cast<uint32_t>(word_end_),
                static_cast<char32_t>(word[0]), 0, PhoneticUnit::kLatinInitial, true, true});
    } else if (word.size() >= 2) {
      const size_t count = text::SegmentPinyin(word, syllables_, ends_);
      uint32_t from = static_cast<uint32_t>(word_begin_);
      for (size_t i = 0; i < count; ++i) {
        const uint32_t to = static_cast<uint32_t>(word_begin_ + ends_[i]);
        PushUnit(
            {from, to, 0, syllables_[i], PhoneticUnit::kLatinSyllable, i == 0, i + 1 == count});
        from = to;
      }
    }
  }

  // The stream.
  NormalizedText* out_ = nullptr;
  const CharInfo* table_ = nullptr;
  CharClass last_ = CharClass::kIgnore;  // class of the last emitted character (kIgnore: none)
  std::vector<Held> pending_;            // separators since the last emitted character
  std::array<Held, 3> digits_;           // digits (or ! $) held after a Latin letter
  size_t digits_n_ = 0;
  bool zero_width_ = false, emoji_ = false;
  uint16_t carry_ = 0;
  // The output buffers (out_'s, sized cap_) and their fill.
  char* text_ = nullptr;
  uint32_t *ob_ = nullptr, *oe_ = nullptr;
  uint16_t* fl_ = nullptr;
  char* key_ = nullptr;
  uint32_t* k2t_ = nullptr;
  uint16_t* kf_ = nullptr;
  size_t n_ = 0, kn_ = 0, cap_ = 0;
  // The key layer's state.
  bool boundary_ = true, prev_latin_ = false;
  size_t token_letters_ = 0;  // Latin letters since the last word boundary
  // The phonetic layer's state.
  bool prev_han_ = false;  // the last character was Han
  bool word_open_ = false, word_prev_han_ = false;
  size_t word_begin_ = 0, word_end_ = 0;
  std::vector<char32_t> cps_;        // the original code points (Decode)
  std::vector<PhoneticUnit> units_;  // the phonetic stream so far: [0, un_)
  size_t un_ = 0;
  uint16_t syllables_[text::kMaxPinyinLetters];  // SegmentPinyin's output
  uint8_t ends_[text::kMaxPinyinLetters];
};

}  // namespace

void Normalize(std::string_view original, NormalizedText& out) {
  // One normalizer per thread keeps its held-separator list's capacity.
  thread_local Normalizer normalizer;
  normalizer.Run(original, out);
}

NormalizedText Normalize(std::string_view original) {
  NormalizedText out;
  Normalize(original, out);
  return out;
}

std::string SubstrCodePoints(std::string_view utf8, uint32_t begin, uint32_t end) {
  size_t pos = 0;
  uint32_t index = 0;
  while (pos < utf8.size() && index < begin) {
    utf8::Next(utf8, pos);
    ++index;
  }
  const size_t start = pos;
  while (pos < utf8.size() && index < end) {
    utf8::Next(utf8, pos);
    ++index;
  }
  return std::string(utf8.substr(start, pos - start));
}

}  // namespace ipguard
