// The normalizer (docs/text.md): one pass over the original code points
// producing `text` with its origin map and flags, then the key and phonetic
// layers derived from `text`.
#include <array>

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

class Normalizer {
 public:
  explicit Normalizer(NormalizedText& out) : out_(out) {}

  void Run(std::string_view original) {
    out_.text.reserve(original.size());
    out_.origin_begin.reserve(original.size());
    out_.origin_end.reserve(original.size());
    out_.flags.reserve(original.size());
    uint32_t index = 0;
    for (size_t pos = 0; pos < original.size(); ++index) {
      const auto byte = static_cast<unsigned char>(original[pos]);
      char32_t cp;
      if (byte < 0x80) {
        cp = byte;
        ++pos;
      } else {
        cp = utf8::Next(original, pos);
      }
      Feed(cp, index);
    }
    FlushDigits(CharClass::kSpace);
    FlushPending(CharClass::kSpace);
  }

 private:
  struct Held {
    uint32_t index;
    CharInfo info;
  };

  void Feed(char32_t cp, uint32_t index) {
    const CharInfo info = text::Lookup(cp);
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
            last_ == CharClass::kLatin && digits_.empty()) {
          digits_.push_back({index, info});
          return;
        }
        FlushDigits(CharClass::kSymbol);
        pending_.push_back({index, info});
        return;
      case CharClass::kDigit:
        // A digit right after a Latin letter may be leetspeak: hold it until
        // the next character says whether the word goes on.
        if (pending_.empty() && !emoji_ && (last_ == CharClass::kLatin || !digits_.empty()) &&
            info.length == 1 && digits_.size() < 3) {
          digits_.push_back({index, info});
          return;
        }
        FlushDigits(CharClass::kDigit);
        FlushPending(CharClass::kDigit);
        Emit(info, index, 0);
        return;
      default:
        break;
    }
    // A letter or Han character.
    FlushDigits(info.cls);
    FlushPending(info.cls);
    Emit(info, index, 0);
  }

  // Held digits: letters when a Latin letter follows (at most two digits),
  // otherwise digits.
  void FlushDigits(CharClass next) {
    if (digits_.empty()) return;
    const bool leet = next == CharClass::kLatin && digits_.size() <= 2 && pending_.empty();
    for (const Held& h : digits_) {
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
        Emit(letter, h.index, kNormLeet);
      } else {
        Emit(h.info, h.index, 0);
      }
    }
    digits_.clear();
  }

  // Separators between two letters (or Han characters) are dropped, leaving
  // one space where there was white space (none between Han characters);
  // elsewhere (next to digits, at the ends) symbols are kept.
  void FlushPending(CharClass next) {
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
    Append(U' ', index, 0);
    last_ = CharClass::kSpace;
  }

  void Emit(const CharInfo& info, uint32_t index, uint16_t extra) {
    if (emoji_ && IsWord(last_) && IsWord(info.cls)) carry_ |= kNormSeparator;
    emoji_ = false;
    uint16_t flags = info.flags | extra | carry_;
    if (zero_width_) flags |= kNormZeroWidth;
    zero_width_ = false;
    carry_ = 0;
    for (char32_t c : text::Output(info)) Append(c, index, flags);
    last_ = info.cls == CharClass::kIgnore ? last_ : info.cls;
  }

  void Append(char32_t c, uint32_t index, uint16_t flags) {
    if (c < 0x80) {
      out_.text.push_back(static_cast<char>(c));
      out_.origin_begin.push_back(index);
      out_.origin_end.push_back(index + 1);
      out_.flags.push_back(flags);
      return;
    }
    const size_t before = out_.text.size();
    utf8::Append(out_.text, c);
    const size_t after = out_.text.size();
    out_.origin_begin.resize(after, index);
    out_.origin_end.resize(after, index + 1);
    out_.flags.resize(after, flags);
    (void)before;
  }

  NormalizedText& out_;
  CharClass last_ = CharClass::kIgnore;  // class of the last emitted character (kIgnore: none)
  std::vector<Held> pending_;            // separators since the last emitted character
  std::vector<Held> digits_;             // digits held after a Latin letter
  bool zero_width_ = false, emoji_ = false;
  uint16_t carry_ = 0;
};

// The key layer: `text` without spaces, l folded into i, repeated Latin
// letters collapsed, with word boundaries marked.
void BuildKey(NormalizedText& t) {
  t.key.reserve(t.text.size());
  t.key_to_text.reserve(t.text.size());
  t.key_flags.reserve(t.text.size());
  bool boundary = true;
  bool prev_latin = false;
  size_t token_letters = 0;  // Latin letters since the last word boundary
  for (size_t pos = 0; pos < t.text.size();) {
    const size_t at = pos;
    const unsigned char b = static_cast<unsigned char>(t.text[pos]);
    if (b == ' ') {
      boundary = true;
      ++pos;
      continue;
    }
    const bool latin = b >= 'a' && b <= 'z';
    uint16_t flags = t.flags[at];
    if (flags & kNormSeparator) boundary = true;
    if (latin != prev_latin) boundary = true;
    if (latin) {
      const char c = b == 'l' ? 'i' : static_cast<char>(b);
      // A repeat collapses within a word, or across a boundary after a lone
      // letter (G U C C I), never across two words (vuitton new).
      const bool same_run = !boundary || token_letters == 1;
      if (boundary) token_letters = 0;
      ++token_letters;
      if (!t.key.empty() && t.key.back() == c && prev_latin && same_run) {
        t.key_flags.back() |= kNormRepeat | (flags & ~kNormBoundary);
        ++pos;
        boundary = false;
        continue;
      }
      t.key.push_back(c);
      t.key_to_text.push_back(static_cast<uint32_t>(at));
      t.key_flags.push_back(flags | (boundary ? kNormBoundary : 0));
      ++pos;
    } else {
      if (b < 0x80)
        ++pos;
      else
        utf8::Next(t.text, pos);
      for (size_t i = at; i < pos; ++i) {
        t.key.push_back(t.text[i]);
        t.key_to_text.push_back(static_cast<uint32_t>(i));
        t.key_flags.push_back(flags | (boundary && i == at ? kNormBoundary : 0));
      }
    }
    prev_latin = latin;
    boundary = false;
  }
}

// The phonetic stream: Han characters, pinyin syllables of Latin words that
// are pinyin, and lone letters beside Han characters (initials: 耐K).
void BuildUnits(NormalizedText& t) {
  std::vector<uint16_t> syllables;
  std::vector<uint8_t> ends;
  const std::string& s = t.text;
  size_t pos = 0;
  bool prev_han = false;
  while (pos < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b >= 'a' && b <= 'z') {
      // A Latin word: letters up to a space, a non-letter or a dropped separator.
      size_t end = pos + 1;
      while (end < s.size() && s[end] >= 'a' && s[end] <= 'z' && !(t.flags[end] & kNormSeparator))
        ++end;
      const std::string_view word(s.data() + pos, end - pos);
      size_t after = end;
      const bool next_han = after < s.size() && static_cast<unsigned char>(s[after]) >= 0x80 &&
                            text::ClassOf(utf8::Next(s, after)) == CharClass::kHan;
      if (word.size() == 1 && (prev_han || next_han)) {
        t.units.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(end), b, 0,
                           PhoneticUnit::kLatinInitial, true, true});
      } else if (word.size() >= 2 && text::SegmentPinyin(word, syllables, ends)) {
        uint32_t from = static_cast<uint32_t>(pos);
        for (size_t i = 0; i < syllables.size(); ++i) {
          const uint32_t to = static_cast<uint32_t>(pos + ends[i]);
          t.units.push_back({from, to, 0, syllables[i], PhoneticUnit::kLatinSyllable, i == 0,
                             i + 1 == syllables.size()});
          from = to;
        }
      }
      prev_han = false;
      pos = end;
      continue;
    }
    const size_t at = pos;
    const char32_t c = b < 0x80 ? (++pos, b) : utf8::Next(s, pos);
    prev_han = b >= 0x80 && text::ClassOf(c) == CharClass::kHan;
    if (prev_han)
      t.units.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(pos), c, 0,
                         PhoneticUnit::kHan, true, true});
  }
}

}  // namespace

NormalizedText Normalize(std::string_view original) {
  NormalizedText out;
  Normalizer(out).Run(original);
  BuildKey(out);
  BuildUnits(out);
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
