// `ipguard demo`: a deterministic synthetic marketplace for trying ipguard
// and for benchmarks. The same seed and size give the same files.
//
// Writes into `out_dir`:
//   registry.ndjson  rights holders, brands, works, images, portraits
//   items.ndjson     shops, accounts, listings, content, verdict seeds
//   truth.ndjson     the planted answers as `verdict` records (label
//                    infringing, or clean for lawful look-alikes) with a
//                    `note` naming the variant or the look-alike
//   images/          small PNG product photos, some copied between shops
#pragma once

#include <cstdint>
#include <string>

#include "ipguard/status.h"

namespace ipguard::demo {

struct DemoOptions {
  std::string out_dir = "demo-out";
  uint64_t seed = 42;
  uint64_t listings = 2000;
  uint64_t max_images = 240;  // distinct pictures at most (0: none)
  uint64_t extra_brands = 0;  // synthetic brands added to the registry
};

struct DemoCounts {
  uint64_t registry = 0, items = 0, truth = 0, images = 0;
};

Result<DemoCounts> GenerateDemo(const DemoOptions& options);

}  // namespace ipguard::demo
