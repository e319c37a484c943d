// portrait (contract §1.3), text part: a protected person's name or alias (or
// a disguise of one, every variant type of docs/text.md) used to sell: next
// to selling wording (XX同款, XX推荐, XX直播间爆款; data/lexicons/
// portrait_selling.txt) in a listing, video or live text, or with strong
// selling wording (portrait_selling_strong.txt) in a comment or post, by a
// shop or account the person has not authorized. Fans and reviewers talking
// about the person stay clean.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreatePortraitDetector(const DetectorContext& context);

}  // namespace ipguard
