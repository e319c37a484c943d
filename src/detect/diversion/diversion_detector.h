// The `diversion` detector (contract §1.3): contact details and invitations
// that take buyers off the platform, in text (every channel, however
// disguised) and in QR codes in images. See docs/diversion.md.
#pragma once

#include <memory>

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateDiversionDetector(const DetectorContext& context);

}  // namespace ipguard
