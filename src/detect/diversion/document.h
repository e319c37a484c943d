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
  std::vector<uint32_t> byte_to_cp;            // original byte offset -> code point index (size+1)
};

class Document {
 public:
  // Appends a segment; a break ('\n') separates it from the previous one.
  void Add(std::string_view item, std::string_view field, std::string_view original,
           const NormalizedText* normalized);
  void Clear();

  size_t size() const { return proj_.size(); }
  // The contact reading per position (see contact_chars.h); '\n' between segments.
  const std::string& proj() const { return proj_; }
  char at(size_t pos) const { return pos < proj_.size() ? proj_[pos] : '\n'; }
  char32_t cp(size_t pos) const { return pos < cps_.size() ? cps_[pos] : 0; }
  DigitForm form(size_t pos) const { return forms_[pos]; }
  const std::vector<Segment>& segments() const { return segments_; }
  // Index of the segment holding `pos` (the preceding one for a break).
  size_t SegmentOf(uint32_t pos) const;

 private:
  std::string proj_;
  std::vector<char32_t> cps_;
  std::vector<DigitForm> forms_;
  std::vector<Segment> segments_;
};

}  // namespace ipguard::diversion
