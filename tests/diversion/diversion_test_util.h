// Helpers for the diversion tests: scan one item with the diversion detector.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "detect/diversion/diversion_detector.h"
#include "ipguard/engine.h"
#include "ipguard/policy.h"
#include "ipguard/registry.h"

namespace ipguard::testing {

class DiversionFixture {
 public:
  explicit DiversionFixture(std::shared_ptr<const Registry> registry = nullptr,
                            Policy policy = Policy::Defaults())
      : policy_(std::move(policy)) {
    registry_ = registry ? registry : Registry::Builder().Build();
    auto d = CreateDiversionDetector({registry_, &policy_});
    if (d.ok()) detector_ = std::move(d).value();
    error_ = d.status().message();
    if (detector_) scratch_ = detector_->NewScratch();
  }
  bool ok() const { return detector_ != nullptr; }
  const std::string& error() const { return error_; }
  const Detector& detector() const { return *detector_; }

  std::vector<Finding> Scan(const Item& item) const {
    PreparedItem p = Engine::Prepare(item);
    std::vector<Finding> out;
    detector_->Scan(p, scratch_.get(), out);
    return out;
  }
  std::vector<Finding> ScanTitle(const std::string& title, const std::string& shop = "s1") const {
    Listing l;
    l.id = "l1";
    l.shop = shop;
    l.title = title;
    return Scan(l);
  }

 private:
  Policy policy_;
  std::shared_ptr<const Registry> registry_;
  std::unique_ptr<Detector> detector_;
  std::unique_ptr<DetectorScratch> scratch_;
  std::string error_;
};

inline std::string Str(const Finding& f, const char* key) {
  const json::Value* v = f.evidence.Find(key);
  return v ? v->as_string() : std::string();
}

}  // namespace ipguard::testing
