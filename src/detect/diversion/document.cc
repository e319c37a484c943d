#include "detect/diversion/document.h"

#include <algorithm>

#include "core/utf8.h"

namespace ipguard::diversion {

void Document::Add(std::string_view item, std::string_view field, std::string_view original,
                   const NormalizedText* normalized) {
  if (!segments_.empty()) {
    proj_.push_back('\n');
    cps_.push_back(0);
    forms_.push_back(DigitForm::kNone);
  }
  Segment seg;
  seg.item = item;
  seg.field = field;
  seg.original = original;
  seg.normalized = normalized;
  seg.offset = static_cast<uint32_t>(proj_.size());
  seg.byte_to_cp.resize(original.size() + 1);
  size_t last_digit = SIZE_MAX;  // position of the last digit, for keycaps
  uint32_t index = 0;
  for (size_t pos = 0; pos < original.size(); ++index) {
    const size_t start = pos;
    const char32_t c = utf8::Next(original, pos);
    for (size_t b = start; b < pos; ++b) seg.byte_to_cp[b] = index;
    const ContactChar cc = ReadContactChar(c);
    if (c == 0x20E3 && last_digit != SIZE_MAX && last_digit + 3 >= proj_.size()) {
      forms_[last_digit] = DigitForm::kKeycap;
    }
    if (IsDigit(cc.byte)) last_digit = proj_.size();
    proj_.push_back(cc.byte);
    cps_.push_back(c);
    forms_.push_back(cc.form);
  }
  seg.byte_to_cp[original.size()] = index;
  seg.length = index;
  segments_.push_back(std::move(seg));
}

void Document::Clear() {
  proj_.clear();
  cps_.clear();
  forms_.clear();
  segments_.clear();
}

size_t Document::SegmentOf(uint32_t pos) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](uint32_t p, const Segment& s) { return p < s.offset; });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

}  // namespace ipguard::diversion
