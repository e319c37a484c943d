// libFuzzer target, built once per image format (IPGUARD_FUZZ_DECODE names the
// decoder: DecodeJpeg, DecodePng or DecodeWebp): the decoder on arbitrary
// bytes must return an image or an error, never crash, leak or allocate
// beyond DecodeLimits. Also hashes what it decodes, so PDQ's filters see odd
// sizes (1 px wide, huge aspect ratios).
#include <cstddef>
#include <cstdint>

#include "image/image.h"
#include "image/pdq.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ipguard::image;
  DecodeOptions options;
  options.limits.max_pixels = 1 << 20;  // keep each run fast
  options.limits.max_side = 8192;
  for (int min_side : {0, 64}) {
    options.min_side = min_side;
    options.luma = min_side > 0;
    auto img = IPGUARD_FUZZ_DECODE({data, size}, options);
    if (img.ok()) (void)PdqFromImage(*img, PdqMode::kFast);
  }
  // Fast mode's own decode (JPEG: DCT scaling from the box window), then
  // its hash, whose weights follow the source size.
  DecodeOptions fast = PdqDecodeOptions(PdqMode::kFast, options.limits);
  auto img = IPGUARD_FUZZ_DECODE({data, size}, fast);
  if (img.ok()) (void)PdqFromImage(*img, PdqMode::kFast);
  return 0;
}
