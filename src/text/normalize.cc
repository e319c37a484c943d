// The foundation's normalizer: simple Unicode case folding, one pass, with
// the map back to original code points. The text engine (issue 3) extends it.
#include <unicode/uchar.h>

#include "core/utf8.h"
#include "ipguard/text.h"

namespace ipguard {

NormalizedText Normalize(std::string_view original) {
  NormalizedText out;
  out.text.reserve(original.size());
  out.origin_begin.reserve(original.size());
  out.origin_end.reserve(original.size());
  uint32_t index = 0;
  for (size_t pos = 0; pos < original.size(); ++index) {
    const auto byte = static_cast<unsigned char>(original[pos]);
    char32_t cp;
    if (byte < 0x80) {
      ++pos;
      cp = (byte >= 'A' && byte <= 'Z') ? byte + 32 : byte;
    } else {
      cp = utf8::Next(original, pos);
      cp = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT));
    }
    utf8::Append(out.text, cp);
    out.origin_begin.resize(out.text.size(), index);
    out.origin_end.resize(out.text.size(), index + 1);
  }
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
