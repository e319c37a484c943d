// piracy (contract §1.3): pirated copies of a protected work, offered by a
// shop or account the work's holder has not authorized:
//   resource  the title or an alias (or a disguise of one) with
//             resource-selling wording (电子版, PDF, 网盘, 百度云, 无删减,
//             秒发...; data/lexicons/piracy_resource.txt);
//   set price the title with "complete set" wording (全集, 全套...) at a price
//             below the policy's piracy.set_price (default 50);
//   isbn      the ISBN of a protected book (with resource wording or a low
//             price it is certain; alone it goes to review).
// Genuine-goods wording (正版实体书...) without resource wording clears a
// title match. One finding per item and work.
#pragma once

#include "ipguard/detector.h"

namespace ipguard {

Result<std::unique_ptr<Detector>> CreatePiracyDetector(const DetectorContext& context);

}  // namespace ipguard
