// The detectors compiled into ipguard, one line each, in the order they run.
#include "detect/brand_exact/brand_exact_detector.h"
#include "detect/image_copy/image_copy_detector.h"
#include "ipguard/detector.h"

namespace ipguard {

std::span<const DetectorRegistration> AllDetectors() {
  static const DetectorRegistration kDetectors[] = {
      {"brand_variant", &CreateBrandExactDetector},
      {"image_copy", &CreateImageCopyDetector},
  };
  return kDetectors;
}

}  // namespace ipguard
