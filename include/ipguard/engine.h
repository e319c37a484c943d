// An Engine is one registry snapshot with every detector compiled for it and
// the policy that turns scores into actions. It is immutable once built and
// may be shared by any number of scanning threads; a registry change builds a
// new Engine beside the old one and swaps it in.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ipguard/detector.h"
#include "ipguard/policy.h"
#include "ipguard/registry.h"
#include "ipguard/status.h"

namespace ipguard {

class Engine {
 public:
  // Builds every detector in AllDetectors(), or only those named in `only`
  // (an unknown name is an error that lists the known ones).
  static Result<std::unique_ptr<Engine>> Create(std::shared_ptr<const Registry> registry,
                                                Policy policy,
                                                const std::vector<std::string>& only = {});

  // An engine with exactly these detectors (for embedding and tests).
  static std::unique_ptr<Engine> FromDetectors(std::shared_ptr<const Registry> registry,
                                               Policy policy,
                                               std::vector<std::unique_ptr<Detector>> detectors);

  const Registry& registry() const { return *registry_; }
  const std::shared_ptr<const Registry>& registry_ptr() const { return registry_; }
  const Policy& policy() const { return policy_; }
  const std::vector<std::unique_ptr<Detector>>& detectors() const { return detectors_; }

  // Parses nothing, normalizes the item's text fields once.
  static PreparedItem Prepare(const Item& item);
  // The same into `out`, replacing all it held (fields, problems) and
  // reusing its fields' normalization buffers: a scan loop that prepares item
  // after item into one PreparedItem allocates only when a text is longer
  // than the ones before it. `out` refers to `item` (and its strings) after.
  static void Prepare(const Item& item, PreparedItem& out);

  // Per-thread scratch for every detector, in detector order.
  std::vector<std::unique_ptr<DetectorScratch>> NewScratch() const;
  // Runs every detector's Scan on one item and applies the policy.
  void Scan(const PreparedItem& item, std::vector<std::unique_ptr<DetectorScratch>>& scratch,
            std::vector<Finding>& out) const;
  // Runs every detector on one item as if it were the whole input: Scan,
  // then each detector's session (Observe, Finish), so cross-item detectors
  // (e.g. image copies of registered images, found at the end of a scan)
  // report what they can see from this item alone. Used by triage.
  void ScanAlone(const PreparedItem& item, std::vector<std::unique_ptr<DetectorScratch>>& scratch,
                 std::vector<Finding>& out) const;
  // Applies the policy to findings a detector emitted (sets `action`).
  void Decide(Finding& finding) const;

 private:
  Engine() = default;
  std::shared_ptr<const Registry> registry_;
  Policy policy_;
  std::vector<std::unique_ptr<Detector>> detectors_;
};

}  // namespace ipguard
