// JSON text -> json::Value, with simdjson (kept out of this header).
#pragma once

#include <string_view>

#include "ipguard/json.h"
#include "service/api_error.h"

namespace ipguard::service {

// Parses one JSON document. Errors are 400 "invalid" with the parser's reason.
Expected<json::Value> ParseJson(std::string_view text);

}  // namespace ipguard::service
