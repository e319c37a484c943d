// A 256-bit PDQ hash: bit k (0..255) is DCT coefficient (k / 16, k % 16) of
// the 16x16 low-frequency block. Written as 64 hex digits, most significant
// bit (255) first, exactly as Meta's reference tools print it.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipguard::image {

struct PdqHash {
  std::array<uint64_t, 4> words{};  // words[q] holds bits 64q .. 64q+63

  void SetBit(int k) { words[k >> 6] |= uint64_t{1} << (k & 63); }
  bool Bit(int k) const { return (words[k >> 6] >> (k & 63)) & 1; }
  bool operator==(const PdqHash&) const = default;

  std::string ToHex() const;
  // nullopt unless exactly 64 hex digits.
  static std::optional<PdqHash> FromHex(std::string_view hex);
};

inline int Hamming(const PdqHash& a, const PdqHash& b) {
  return std::popcount(a.words[0] ^ b.words[0]) + std::popcount(a.words[1] ^ b.words[1]) +
         std::popcount(a.words[2] ^ b.words[2]) + std::popcount(a.words[3] ^ b.words[3]);
}

}  // namespace ipguard::image
