// The detectors compiled into ipguard, one line each, in the order they run.
#include "detect/brand_exact/brand_exact_detector.h"
#include "detect/diversion/diversion_detector.h"
#include "ipguard/detector.h"

namespace ipguard {

std::span<const DetectorRegistration> AllDetectors() {
  static const DetectorRegistration kDetectors[] = {
      {"brand_variant", &CreateBrandExactDetector},
      {"diversion", &CreateDiversionDetector},
  };
  return kDetectors;
}

}  // namespace ipguard
