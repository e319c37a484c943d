// Reads findings NDJSON (the output of `ipguard scan`) back into records.
#pragma once

#include <string_view>

#include "cases/gang_case.h"
#include "ipguard/status.h"

namespace ipguard::cases {

// One findings line; errors name the field and the problem.
Result<FindingRecord> ParseFinding(std::string_view line);

}  // namespace ipguard::cases
