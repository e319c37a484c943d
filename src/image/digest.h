// What ipguard keeps of an image: its PDQ hashes (the whole picture, and the
// picture inside any uniform border), and how two digests are compared.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "image/pdq.h"
#include "ipguard/status.h"

namespace ipguard::image {

// PDQ: quality <= 49 is not trustworthy; such hashes never match alone.
inline constexpr int kMinMatchQuality = 50;

struct ImageDigest {
  Status status;  // why the image could not be read, when !ok()
  PdqResult pdq;
  // The picture inside a uniform border, pad or plain canvas, hashed on its
  // own (beyond PDQ); absent when the image has no such border.
  std::optional<PdqResult> trimmed;
  // Beyond PDQ, for the stored side: hashes of canonical sub-regions (the
  // centre 95% and 90%, and the picture less 5% or 10% on one side), so that
  // a copy cropped by up to 10% matches its original's region. Every region
  // is area-resampled to exactly 64 x 64 (PDQ's working size) before PDQ, so
  // a copy saved at another size meets its original at the same scale,
  // anti-aliased (cheap, and robust on small pictures).
  std::vector<PdqResult> regions;
  // Beyond PDQ, on both sides, at the same common scale: the whole picture,
  // four large overlapping windows (its top, bottom, left and right 75%) and
  // the border-trimmed content when there is a border. A sticker, logo or
  // watermark in one band of a copy leaves the window that avoids it equal
  // to the original's same window; the dihedral queries cover rotated and
  // mirrored copies (top <-> left/right/bottom).
  std::vector<PdqResult> windows;

  // The hashes an image is looked up with (quality >= kMinMatchQuality):
  // the whole picture, its border-trimmed content and its windows (the
  // windows only when the whole or trimmed picture is usable).
  std::vector<const PdqResult*> Usable() const;
  // The hashes an image is stored (matched against) with: Usable() and the
  // usable sub-region hashes (at most 2 + 6 + 10 = 18 per image).
  std::vector<const PdqResult*> Stored() const;
};

// Decodes (fast mode) and digests an image file or in-memory bytes.
ImageDigest DigestFile(const std::string& path);
ImageDigest DigestBytes(std::span<const uint8_t> bytes);
ImageDigest DigestImage(const Image& image);

struct DigestMatch {
  int distance = 257;
  int transform = 0;     // Dihedral: the copy is the original under it
  bool trimmed = false;  // matched through a border-trimmed hash
};

// How `copy` best matches `original`: the smallest distance between any
// dihedral hash of the copy's Usable() hashes and the original's Stored().
// distance 257 when either has nothing usable.
DigestMatch BestMatch(const ImageDigest& copy, const ImageDigest& original);

// Inverse of a dihedral transform (rotations swap, flips are their own).
inline int InverseDihedral(int t) {
  constexpr int kInverse[kDihedralCount] = {0, 3, 2, 1, 4, 5, 6, 7};
  return kInverse[t];
}

}  // namespace ipguard::image
