// Shared by the text detectors' behaviour tests: an engine over a registry
// file, and the targets of the findings it acts on for one item.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "io/registry_loader.h"
#include "ipguard/engine.h"

namespace ipguard::test {

// An engine with `detectors` over the registry at `path` (relative to the
// repository root, where tests run); nullptr, with the test failed, when
// either cannot be made.
inline std::unique_ptr<Engine> EngineFor(const std::string& path,
                                         const std::vector<std::string>& detectors) {
  Rejections rejections;
  auto reg = LoadRegistry(path, rejections);
  if (!reg.ok()) {
    ADD_FAILURE() << path << ": " << reg.status().message();
    return nullptr;
  }
  auto engine = Engine::Create(reg->registry, Policy::Defaults(), detectors);
  if (!engine.ok()) {
    ADD_FAILURE() << engine.status().message();
    return nullptr;
  }
  return std::move(engine).value();
}

// Targets of the findings about `item` that `engine` acts on (review or
// remove), as "detector:target" when `with_detector`.
inline std::vector<std::string> FlaggedTargets(const Engine& engine, const Item& item,
                                               bool with_detector = false) {
  const PreparedItem p = Engine::Prepare(item);
  auto scratch = engine.NewScratch();
  std::vector<Finding> out;
  engine.Scan(p, scratch, out);
  std::vector<std::string> targets;
  for (const auto& f : out)
    if (f.action != Action::kNone)
      targets.push_back(with_detector ? f.detector + ":" + f.target : f.target);
  return targets;
}

}  // namespace ipguard::test
