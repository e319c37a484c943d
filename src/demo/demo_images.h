// Small synthetic product photos for the demo marketplace, written as PNG.
// Each picture is a deterministic function of its seed: a lit backdrop, a
// few soft shapes and a textured "product", so that different seeds give
// visually distinct images and a copy can be made recognisably altered.
#pragma once

#include <cstdint>
#include <string>

#include "ipguard/status.h"

namespace ipguard::demo {

enum class ImageEdit {
  kNone,      // the original
  kBrighter,  // brightness +12%
  kMirrored,  // left-right flip
  kBordered,  // a white border of 8% on every side
};

// Renders picture `seed` with `edit` applied and writes it to `path`.
Status WriteDemoImage(const std::string& path, uint64_t seed, ImageEdit edit, int size = 160);

}  // namespace ipguard::demo
