// Loads a demo marketplace (the files `ipguard demo` writes) into a fresh
// platform: every rights holder with a holder account, every registry record
// as an approved asset (images into the content-addressed store), every
// account as a seller owning its shops, every listing; plus a reviewer. All
// demo accounts share the password kDemoPassword (published: demo use only).
#pragma once

#include <string>

#include "service/api_error.h"
#include "service/platform.h"

namespace ipguard::service {

inline constexpr const char* kDemoPassword = "demo-password";

struct DemoLoad {
  int holders = 0, assets = 0, sellers = 0, shops = 0, listings = 0, rejected_lines = 0;
};

// Reads DIR/registry.ndjson and DIR/items.ndjson. Lines that cannot be used
// are counted in rejected_lines, never fatal.
Expected<DemoLoad> LoadDemo(Platform& platform, const std::string& dir);

}  // namespace ipguard::service
