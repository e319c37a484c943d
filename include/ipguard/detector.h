// The detector plug-in interface. A detector is one folder under src/detect/
// and one line in src/detect/all_detectors.cc.
//
// Lifecycle, per registry snapshot:
//   create(context)  compile whatever the registry needs (dictionaries,
//                    indexes); may be slow, runs beside any running scan.
//   Scan(item)       called concurrently from every worker thread, one call
//                    per item; must be thread-safe (const). Per-thread mutable
//                    state lives in the DetectorScratch that NewScratch made.
// Per scan, for detectors that reason across items (gangs, provenance):
//   NewSession()     per-scan state, or nullptr when the detector needs none.
//   Observe(item)    called on one thread, in input order, after every
//                    detector's Scan of that item, with all their findings,
//                    which it may amend before they are written. Results thus
//                    depend only on input order, never on thread timing.
//   Finish()         called once at the end of the input; may emit findings.
// The Detector itself stays immutable, so one Engine serves many scans.
// Detectors never throw: failures become findings-free items or a Status at
// create time.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "ipguard/finding.h"
#include "ipguard/records.h"
#include "ipguard/registry.h"
#include "ipguard/status.h"
#include "ipguard/text.h"

namespace ipguard {

class Policy;

// One item, parsed and normalized once, as every detector sees it.
struct PreparedItem {
  const Item* item = nullptr;
  ItemKind kind = ItemKind::kListing;
  std::string_view id;
  // Text fields in contract order (listing: title, description; content:
  // text; shop and account: name), each normalized once.
  std::vector<TextField> fields;
};

// Per-thread working memory of a detector (e.g. a Hyperscan scratch).
class DetectorScratch {
 public:
  virtual ~DetectorScratch() = default;
};

// Cross-item state of one detector during one scan.
class DetectorSession {
 public:
  virtual ~DetectorSession() = default;
  // `findings` are every detector's findings about this item, not yet
  // written: a session may drop, amend or add findings about this item (e.g.
  // drop one whose shop turns out to be authorized through its owner, learned
  // from an earlier shop record). The policy runs again afterwards.
  virtual void Observe(const PreparedItem& item, std::vector<Finding>& findings) = 0;
  virtual void Finish(std::vector<Finding>& out) = 0;
};

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string_view name() const = 0;

  virtual std::unique_ptr<DetectorScratch> NewScratch() const { return nullptr; }
  // Appends findings about `item` to `out` (score and evidence; the policy
  // sets the action afterwards).
  virtual void Scan(const PreparedItem& item, DetectorScratch* scratch,
                    std::vector<Finding>& out) const = 0;

  virtual std::unique_ptr<DetectorSession> NewSession() const { return nullptr; }
};

struct DetectorContext {
  std::shared_ptr<const Registry> registry;
  const Policy* policy = nullptr;
};

using DetectorFactory = Result<std::unique_ptr<Detector>> (*)(const DetectorContext&);

struct DetectorRegistration {
  std::string_view name;
  DetectorFactory create;
};

// Every detector compiled into this binary, in the order they run.
std::span<const DetectorRegistration> AllDetectors();

}  // namespace ipguard
