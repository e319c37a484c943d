// The text a diversion scan reads: one or more segments (the text fields of
// an item, or the comments of one account joined in input order), read with
// the contact reading of contact_chars.h into one position per original code
// point, with a break between segments. Positions map back to
// (segment, original code point) without a table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/diversion/contact_chars.h"
#include "ipguard/text.h"

namespace ipguard::diversion {

struct Segment {
  std::string_view item;   // id of the item the segment belongs to
  std::string_view field;  // contract field name
  std::string_view original;
  const NormalizedText* normalized = nullptr;  // the shared normalizer's output, if any
  uint32_t offset = 0;                         // position of the segment's first code point
  uint32_t length = 0;                         // code points
};

class Document {
 public:
  // Appends a segment; a break ('\n') separates it from the previous one.
  void Add(std::string_view item, std::string_view field, std::string_view original,
           const NormalizedText* normalized);
  void Clear();

  size_t size() const { return size_; }
  // The contact reading per position (see contact_chars.h); '\n' between segments.
  std::string_view proj() const { return std::string_view(proj_.data(), size_); }
  char at(size_t pos) const { return pos < size_ ? proj_[pos] : '\n'; }
  // The original code point at `pos` (0 for a break), decoded from the
  // segment's text: no per-position code point array is kept.
  char32_t cp(size_t pos) const;
  // How the digit at `pos` was written (kNone when it is no digit; forms are
  // only stored at digits).
  DigitForm form(size_t pos) const {
    return pos < size_ && IsDigit(proj_[pos]) ? forms_[pos] : DigitForm::kNone;
  }
  const std::vector<Segment>& segments() const { return segments_; }
  // Counts taken while reading, for cheap early exits: digits in any form,
  // and whether any ASCII letter (any width) was read.
  uint32_t digit_count() const { return digits_; }
  bool has_latin() const { return latin_; }
  // Whether 点 or 艾 was read right after a Latin letter (a spelled-out '.'
  // or '@' of a link, "abc点com").
  bool has_spelled_cjk() const { return spelled_cjk_; }
  // Index of the segment holding `pos` (the preceding one for a break).
  size_t SegmentOf(uint32_t pos) const;
  // The code point index in `seg` of byte offset `byte` of its original text
  // (seg.length for the end). O(log n).
  uint32_t CodePointOfByte(const Segment& seg, size_t byte) const;
  // The original text of code points [begin, end) of `seg` (segment-relative).
  std::string_view OriginalText(const Segment& seg, uint32_t begin, uint32_t end) const;

 private:
  // Buffers grow and are reused across items; size_ positions are valid.
  size_t size_ = 0;
  uint32_t digits_ = 0;
  bool latin_ = false;
  bool spelled_cjk_ = false;
  std::string proj_;
  std::vector<DigitForm> forms_;   // valid at digits only
  std::vector<uint32_t> byte_of_;  // per position: byte offset in its segment's original
  std::vector<Segment> segments_;
};

}  // namespace ipguard::diversion
