// brand_variant, first version: exact, case-insensitive matching of every
// registered brand name and alias (Hyperscan literal database over the
// normalized text). Latin names match whole words only. No finding for a
// shop (or account) the brand authorized.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateBrandExactDetector(const DetectorContext& context);

}  // namespace ipguard
