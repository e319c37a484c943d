// The detectors compiled into ipguard, one line each, in the order they run.
#include "detect/brand_mismatch/brand_mismatch_detector.h"
#include "detect/brand_variant/brand_variant_detector.h"
#include "detect/diversion/diversion_detector.h"
#include "detect/gang/gang_detector.h"
#include "detect/image_copy/image_copy_detector.h"
#include "detect/piracy/piracy_detector.h"
#include "detect/portrait/portrait_detector.h"
#include "ipguard/detector.h"

namespace ipguard {

std::span<const DetectorRegistration> AllDetectors() {
  static const DetectorRegistration kDetectors[] = {
      {"brand_variant", &CreateBrandVariantDetector},
      {"brand_mismatch", &CreateBrandMismatchDetector},
      {"portrait", &CreatePortraitDetector},
      {"piracy", &CreatePiracyDetector},
      {"diversion", &CreateDiversionDetector},
      {"image_copy", &CreateImageCopyDetector},
      {"gang", &CreateGangDetector},
  };
  return kDetectors;
}

}  // namespace ipguard
