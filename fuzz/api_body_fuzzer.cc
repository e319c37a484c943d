// Fuzzes what `ipguard serve` does with an untrusted request body before any
// rule runs: JSON parsing into json::Value and field validation. Any input
// must give a value or an error naming a field, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "service/fields.h"
#include "service/json_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ipguard;
  auto body = service::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!body.ok()) return 0;
  service::Fields f(*body);
  f.String("name", false);
  f.Strings("listings", false, 300, 64);
  f.Number("price", false, 0, 1e12);
  f.Integer("limit", false, 0, 500);
  f.Bool("trusted");
  f.Time("expires_at", false);
  f.Enum("reason", false, {"counterfeit", "piracy"});
  (void)f.error();
  (void)body->Dump();  // round trip
  return 0;
}
