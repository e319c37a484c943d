#include "image/digest.h"

#include "image/trim.h"

namespace ipguard::image {

std::vector<const PdqResult*> ImageDigest::Usable() const {
  std::vector<const PdqResult*> out;
  if (!status.ok()) return out;
  if (pdq.quality >= kMinMatchQuality) out.push_back(&pdq);
  if (trimmed && trimmed->quality >= kMinMatchQuality) out.push_back(&*trimmed);
  return out;
}

ImageDigest DigestImage(const Image& image) {
  ImageDigest d;
  std::vector<float> luma = LumaOf(image);
  if (auto box = FindContentBox(luma, image.height, image.width)) {
    std::vector<float> inner = CropLuma(luma, image.width, *box);
    d.trimmed = PdqFromLuma(inner, box->height, box->width);
  }
  d.pdq = PdqFromLuma(luma, image.height, image.width);
  return d;
}

ImageDigest DigestBytes(std::span<const uint8_t> bytes) {
  auto img = Decode(bytes, PdqDecodeOptions(PdqMode::kFast));
  if (!img.ok()) {
    ImageDigest d;
    d.status = img.status();
    return d;
  }
  return DigestImage(*img);
}

ImageDigest DigestFile(const std::string& path) {
  auto img = DecodeFile(path, PdqDecodeOptions(PdqMode::kFast));
  if (!img.ok()) {
    ImageDigest d;
    d.status = img.status();
    return d;
  }
  return DigestImage(*img);
}

DigestMatch BestMatch(const ImageDigest& copy, const ImageDigest& original) {
  DigestMatch best;
  for (const PdqResult* c : copy.Usable()) {
    for (const PdqResult* o : original.Usable()) {
      for (int t = 0; t < kDihedralCount; ++t) {
        const int d = Hamming(c->dihedral[t], o->hash());
        if (d < best.distance) best = {d, InverseDihedral(t), c != &copy.pdq || o != &original.pdq};
      }
    }
  }
  return best;
}

}  // namespace ipguard::image
