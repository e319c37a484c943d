// Text fields as detectors see them: the original characters, and the text
// normalized once (per field, per item) with a map back to the original code
// points, so that evidence points at what the seller actually wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipguard {

struct NormalizedText {
  std::string text;  // normalized UTF-8
  // For byte i of `text`, the original code points it came from:
  // [origin_begin[i], origin_end[i]). Both have text.size() entries.
  std::vector<uint32_t> origin_begin;
  std::vector<uint32_t> origin_end;

  // The original code-point span [begin, end) of normalized bytes
  // [byte_begin, byte_end). Precondition: byte_begin < byte_end <= text.size().
  std::pair<uint32_t, uint32_t> OriginalSpan(size_t byte_begin, size_t byte_end) const {
    return {origin_begin[byte_begin], origin_end[byte_end - 1]};
  }
};

// Normalizes `original` (UTF-8). Never fails: invalid sequences become U+FFFD.
NormalizedText Normalize(std::string_view original);

// The code points [begin, end) of `utf8` as UTF-8.
std::string SubstrCodePoints(std::string_view utf8, uint32_t begin, uint32_t end);

struct TextField {
  std::string_view name;      // contract field name: title, description, text, name
  std::string_view original;  // as the seller wrote it
  NormalizedText normalized;
};

}  // namespace ipguard
