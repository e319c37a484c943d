#include "image/pdq_hash.h"

namespace ipguard::image {

std::string PdqHash::ToHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int d = 0; d < 64; ++d) {
    const int k = 252 - 4 * d;  // lowest bit of this digit
    out[d] = kDigits[(words[k >> 6] >> (k & 63)) & 0xF];
  }
  return out;
}

std::optional<PdqHash> PdqHash::FromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  PdqHash h;
  for (int d = 0; d < 64; ++d) {
    const char c = hex[d];
    uint64_t v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    const int k = 252 - 4 * d;
    h.words[k >> 6] |= v << (k & 63);
  }
  return h;
}

}  // namespace ipguard::image
