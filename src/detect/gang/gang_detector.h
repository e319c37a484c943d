// The `gang` detector (contract §1.3): shops and accounts run by the same
// people, found across the whole scan. It has no per-item work; its session
// collects shops, accounts, listings, content, verdicts and every other
// detector's findings in input order, and emits one finding per gang member
// when the input ends (docs/gangs.md).
//
// Policy parameters (section [gang]): weak_gate, resolution, min_members,
// and cap.TYPE (e.g. cap.address = 48) for the hub caps. The allowlist is
// data/gang_allowlist.tsv (compiled in) plus the file named by the
// IPGUARD_GANG_ALLOWLIST environment variable, if set.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreateGangDetector(const DetectorContext& context);

}  // namespace ipguard
