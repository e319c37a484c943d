// brand_mismatch (contract §1.3): a listing (or content) whose declared
// brand, price or wording contradicts the brand it advertises:
//   declared  the listing's `brand` is another brand, or "no brand"
//             (data/lexicons/no_brand.txt), while a protected brand is named;
//   price     the price is below the advertised brand's price_floor for the
//             listing's category;
//   dupe      "同款 / 平替 / same as / dupe / inspired by"
//             (data/lexicons/dupe_wording.txt) next to a protected brand.
// Shops the brand authorized are exempt. One finding per item and brand,
// with every reason in evidence.reasons.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateBrandMismatchDetector(const DetectorContext& context);

}  // namespace ipguard
