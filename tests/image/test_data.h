// Paths of the shared reference data for image tests.
#pragma once

#include <cstdlib>
#include <string>

namespace ipguard::testing {

// IPGUARD_SHARED/data/pdq (the PDQ reference images and expected hashes).
inline std::string PdqData() {
  const char* shared = std::getenv("IPGUARD_SHARED");
  return std::string(shared ? shared : "../shared") + "/data/pdq";
}

}  // namespace ipguard::testing
