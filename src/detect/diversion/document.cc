#include "detect/diversion/document.h"

#include <algorithm>

#include "core/utf8.h"

namespace ipguard::diversion {

namespace {

// The projection byte of every BMP code point (the contact reading without
// its digit form): 64 KB, half the full table, for the per-character loop.
const char* BmpByteTable() {
  static const char* table = [] {
    auto* t = new char[0x10000];  // never destroyed: used by any thread
    const ContactChar* full = BmpContactTable();
    for (size_t c = 0; c < 0x10000; ++c) t[c] = full[c].byte;
    return t;
  }();
  return table;
}

}  // namespace

void Document::Add(std::string_view item, std::string_view field, std::string_view original,
                   const NormalizedText* normalized) {
  size_t pos = size_;
  const size_t capacity = pos + original.size() + 1;  // at most one position per byte
  if (proj_.size() < capacity) {
    const size_t grown = std::max(capacity, proj_.size() * 2);
    proj_.resize(grown);
    forms_.resize(grown);
    byte_of_.resize(grown);
  }
  if (!segments_.empty()) {
    proj_[pos] = '\n';
    byte_of_[pos] = 0;
    ++pos;
  }
  Segment seg;
  seg.item = item;
  seg.field = field;
  seg.original = original;
  seg.normalized = normalized;
  seg.offset = static_cast<uint32_t>(pos);
  uint32_t digits = 0;
  bool latin = false, spelled = false;
  bool after_lower = false;      // the previous position reads as a Latin letter
  size_t last_digit = SIZE_MAX;  // position of the last digit, for keycaps
  const char* table = BmpByteTable();
  const ContactChar* full = BmpContactTable();
  // Raw pointers: writes through char* may alias anything, so members would
  // be reloaded on every iteration.
  const auto* src = reinterpret_cast<const unsigned char*>(original.data());
  const size_t len = original.size();
  char* proj = proj_.data();
  DigitForm* forms = forms_.data();
  uint32_t* byte_of = byte_of_.data();
  static_assert(static_cast<int>(DigitForm::kAscii) == 1);
  for (size_t b = 0; b < len;) {
    if (src[b] < 0x80) {
      // A run of ASCII in its own loop, without branches: one table read
      // per byte (the table holds the ASCII readings too).
      char r;
      do {
        r = table[src[b]];
        byte_of[pos] = static_cast<uint32_t>(b);
        proj[pos] = r;
        forms[pos] = static_cast<DigitForm>(IsDigit(r));  // kAscii or kNone
        last_digit = IsDigit(r) ? pos : last_digit;
        digits += IsDigit(r);
        latin |= IsLower(r);
        ++pos, ++b;
      } while (b < len && src[b] < 0x80);
      after_lower = IsLower(r);
      continue;
    }
    const unsigned char byte = src[b];
    byte_of[pos] = static_cast<uint32_t>(b);
    char32_t c;
    if ((byte & 0xF0) == 0xE0 && b + 2 < len && (src[b + 1] & 0xC0) == 0x80 &&
        (src[b + 2] & 0xC0) == 0x80 && byte != 0xE0 && byte != 0xED) {
      // The common case inline: a well-formed 3-byte sequence (CJK),
      // outside the overlong (E0) and surrogate (ED) lead bytes.
      c = ((byte & 0x0F) << 12) | ((src[b + 1] & 0x3F) << 6) | (src[b + 2] & 0x3F);
      b += 3;
    } else {
      c = utf8::Next(original, b);
    }
    const char r = c < 0x10000 ? table[c] : ReadContactChar(c).byte;
    proj[pos] = r;
    // Digit forms are only read at digits: written there alone.
    if (IsDigit(r)) {
      forms[pos] = c < 0x10000 ? full[c].form : ReadContactChar(c).form;
      last_digit = pos;
      ++digits;
    } else if (r == kIgnorable) {
      if (c == 0x20E3 && last_digit != SIZE_MAX && last_digit + 3 >= pos) {
        forms[last_digit] = DigitForm::kKeycap;
      }
    } else if (after_lower && (c == U'点' || c == U'艾')) {
      spelled = true;  // a spelled '.' or '@' after a Latin letter (see MaySpellLinks)
    }
    latin |= IsLower(r);
    after_lower = IsLower(r);
    ++pos;
  }
  size_ = pos;
  digits_ += digits;
  latin_ |= latin;
  spelled_cjk_ |= spelled;
  seg.length = static_cast<uint32_t>(pos - seg.offset);
  segments_.push_back(seg);
}

std::string_view Document::OriginalText(const Segment& seg, uint32_t begin, uint32_t end) const {
  end = std::min(end, seg.length);
  if (begin >= end) return {};
  const uint32_t from = byte_of_[seg.offset + begin];
  const uint32_t to = end < seg.length ? byte_of_[seg.offset + end] : seg.original.size();
  return seg.original.substr(from, to - from);
}

uint32_t Document::CodePointOfByte(const Segment& seg, size_t byte) const {
  auto first = byte_of_.begin() + seg.offset;
  auto it = std::lower_bound(first, first + seg.length, static_cast<uint32_t>(byte));
  return static_cast<uint32_t>(it - first);
}

char32_t Document::cp(size_t pos) const {
  if (pos >= size_ || segments_.empty()) return 0;
  const Segment& seg = segments_[SegmentOf(static_cast<uint32_t>(pos))];
  if (pos < seg.offset || pos >= seg.offset + seg.length) return 0;  // a break
  size_t b = byte_of_[pos];
  return utf8::Next(seg.original, b);
}

void Document::Clear() {
  size_ = 0;
  digits_ = 0;
  latin_ = false;
  spelled_cjk_ = false;
  segments_.clear();
}

size_t Document::SegmentOf(uint32_t pos) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](uint32_t p, const Segment& s) { return p < s.offset; });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

}  // namespace ipguard::diversion
