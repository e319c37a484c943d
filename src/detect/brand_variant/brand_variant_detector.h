// brand_variant (contract §1.3): a protected brand's name, alias or a
// disguise of one (every variant type of docs/text.md) used by a shop or
// account the brand has not authorized (directly, or through the shop's
// owner account). Context lexicons raise (counterfeit indicators) or clear
// (generic senses, compatibility wording, longer words, person and place
// names) a match. One finding per item and brand: its best match.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateBrandVariantDetector(const DetectorContext& context);

}  // namespace ipguard
