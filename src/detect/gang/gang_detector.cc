#include "detect/gang/gang_detector.h"

#include <cstdlib>

#include "detect/gang/gang_analysis.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

class GangSession : public DetectorSession {
 public:
  explicit GangSession(const GangSettings* settings) : settings_(settings) {}
  void Observe(const PreparedItem& item, std::vector<Finding>& findings) override {
    if (item.item) inputs_.Observe(*item.item, findings);
  }
  void Finish(std::vector<Finding>& out) override {
    auto found = AnalyzeGangs(inputs_, *settings_);
    for (auto& f : found) out.push_back(std::move(f));
    inputs_ = GangInputs();
  }

 private:
  const GangSettings* settings_;
  GangInputs inputs_;
};

class GangDetector : public Detector {
 public:
  explicit GangDetector(GangSettings settings) : settings_(std::move(settings)) {}
  std::string_view name() const override { return "gang"; }
  void Scan(const PreparedItem&, DetectorScratch*, std::vector<Finding>&) const override {}
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<GangSession>(&settings_);
  }

 private:
  GangSettings settings_;
};

}  // namespace

Result<std::unique_ptr<Detector>> CreateGangDetector(const DetectorContext& context) {
  GangSettings s;
  s.graph.hubs.allowlist = graph::Allowlist::BuiltIn();
  if (const char* path = std::getenv("IPGUARD_GANG_ALLOWLIST"); path && *path) {
    auto extra = graph::Allowlist::Load(path);
    if (!extra.ok()) {
      return Status::Error("gang detector: " + extra.status().message() +
                           " (fix IPGUARD_GANG_ALLOWLIST)");
    }
    s.graph.hubs.allowlist.Merge(*extra);
  }
  if (const Policy* p = context.policy) {
    s.graph.weak_gate = p->Param("gang", "weak_gate", s.graph.weak_gate);
    s.graph.resolution = p->Param("gang", "resolution", s.graph.resolution);
    const double min_members = p->Param("gang", "min_members", s.graph.min_members);
    if (min_members < 2 || min_members > 1e6) {
      return Status::Error("gang.min_members must be between 2 and 1000000");
    }
    s.graph.min_members = static_cast<uint32_t>(min_members);
    for (int t = 0; t < graph::kAttrTypeCount; ++t) {
      const auto type = static_cast<graph::AttrType>(t);
      const double cap =
          p->Param("gang", "cap." + std::string(graph::NameOf(type)), s.graph.hubs.cap[t]);
      if (cap < 1) return Status::Error("gang.cap.* must be at least 1");
      s.graph.hubs.cap[t] = cap > 4e9 ? UINT32_MAX : static_cast<uint32_t>(cap);
    }
  }
  return std::unique_ptr<Detector>(std::make_unique<GangDetector>(std::move(s)));
}

}  // namespace ipguard
