// Reads a registry NDJSON file into an immutable snapshot.
#pragma once

#include <memory>
#include <string>

#include "io/rejections.h"
#include "ipguard/registry.h"
#include "ipguard/status.h"

namespace ipguard {

struct RegistryLoad {
  std::shared_ptr<const Registry> registry;
  uint64_t lines = 0;          // records read (not counting blank lines)
  uint64_t replaced = 0;       // records that replaced an earlier one with the same id
  uint64_t unknown_kinds = 0;  // ignored, per the contract
};

// Lines that cannot be used (including item kinds, which belong in the
// scan's input) are reported to `rejections`; only an unreadable file fails.
Result<RegistryLoad> LoadRegistry(const std::string& path, Rejections& rejections);

}  // namespace ipguard
