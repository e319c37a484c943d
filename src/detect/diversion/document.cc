#include "detect/diversion/document.h"

#include <algorithm>

#include "core/utf8.h"

namespace ipguard::diversion {

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
    forms_[pos] = DigitForm::kNone;
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
  bool latin = false;
  size_t last_digit = SIZE_MAX;  // position of the last digit, for keycaps
  const ContactChar* bmp = BmpContactTable();
  // Raw pointers: writes through char* may alias anything, so members would
  // be reloaded on every iteration.
  const auto* src = reinterpret_cast<const unsigned char*>(original.data());
  const size_t len = original.size();
  char* proj = proj_.data();
  DigitForm* forms = forms_.data();
  uint32_t* byte_of = byte_of_.data();
  for (size_t b = 0; b < len;) {
    const unsigned char byte = src[b];
    byte_of[pos] = static_cast<uint32_t>(b);
    ContactChar cc;
    if (byte < 0x80) {
      ++b;
      cc = bmp[byte];  // the BMP table holds the ASCII readings too
    } else {
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
      cc = c < 0x10000 ? bmp[c] : ReadContactChar(c);
      if (c == 0x20E3 && last_digit != SIZE_MAX && last_digit + 3 >= pos) {
        forms[last_digit] = DigitForm::kKeycap;
      }
    }
    if (IsDigit(cc.byte)) last_digit = pos, ++digits;
    latin |= IsLower(cc.byte);
    proj[pos] = cc.byte;
    forms[pos] = cc.form;
    ++pos;
  }
  size_ = pos;
  digits_ += digits;
  latin_ |= latin;
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
  segments_.clear();
}

size_t Document::SegmentOf(uint32_t pos) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](uint32_t p, const Segment& s) { return p < s.offset; });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

}  // namespace ipguard::diversion
