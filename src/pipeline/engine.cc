#include "ipguard/engine.h"

#include <algorithm>

#include <fmt/format.h>

namespace ipguard {

Result<std::unique_ptr<Engine>> Engine::Create(std::shared_ptr<const Registry> registry,
                                               Policy policy,
                                               const std::vector<std::string>& only) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->registry_ = std::move(registry);
  engine->policy_ = std::move(policy);
  std::string known;
  for (const auto& reg : AllDetectors())
    known += fmt::format("{}{}", known.empty() ? "" : ", ", reg.name);
  for (const auto& name : only) {
    bool found = false;
    for (const auto& reg : AllDetectors()) found = found || reg.name == name;
    if (!found) {
      return Status::Error(fmt::format("unknown detector \"{}\" (known: {})", name, known));
    }
  }
  DetectorContext context{engine->registry_, &engine->policy_};
  for (const auto& reg : AllDetectors()) {
    if (!only.empty() && std::find(only.begin(), only.end(), reg.name) == only.end()) continue;
    auto detector = reg.create(context);
    if (!detector.ok()) {
      return Status::Error(fmt::format("detector {}: {}", reg.name, detector.status().message()));
    }
    engine->detectors_.push_back(std::move(detector).value());
  }
  return engine;
}

std::unique_ptr<Engine> Engine::FromDetectors(std::shared_ptr<const Registry> registry,
                                              Policy policy,
                                              std::vector<std::unique_ptr<Detector>> detectors) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->registry_ = std::move(registry);
  engine->policy_ = std::move(policy);
  engine->detectors_ = std::move(detectors);
  return engine;
}

PreparedItem Engine::Prepare(const Item& item) {
  PreparedItem p;
  Prepare(item, p);
  return p;
}

void Engine::Prepare(const Item& item, PreparedItem& p) {
  p.item = &item;
  p.kind = KindOf(item);
  p.id = IdOf(item);
  p.problems.clear();
  size_t n = 0;
  auto add = [&](std::string_view name, const std::string& text) {
    if (text.empty()) return;
    if (n == p.fields.size()) p.fields.emplace_back();
    TextField& f = p.fields[n++];
    f.name = name;
    f.original = text;
    Normalize(text, f.normalized);
  };
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, Listing>) {
          add("title", r.title);
          add("description", r.description);
        } else if constexpr (std::is_same_v<T, Content>) {
          add("text", r.text);
        } else if constexpr (std::is_same_v<T, Shop> || std::is_same_v<T, Account>) {
          add("name", r.name);
        }
      },
      item);
  p.fields.resize(n);
}

std::vector<std::unique_ptr<DetectorScratch>> Engine::NewScratch() const {
  std::vector<std::unique_ptr<DetectorScratch>> out;
  for (const auto& d : detectors_) out.push_back(d->NewScratch());
  return out;
}

void Engine::Scan(const PreparedItem& item, std::vector<std::unique_ptr<DetectorScratch>>& scratch,
                  std::vector<Finding>& out) const {
  const size_t first = out.size();
  for (size_t i = 0; i < detectors_.size(); ++i) {
    detectors_[i]->Scan(item, scratch[i].get(), out);
  }
  for (size_t i = first; i < out.size(); ++i) Decide(out[i]);
}

void Engine::ScanAlone(const PreparedItem& item,
                       std::vector<std::unique_ptr<DetectorScratch>>& scratch,
                       std::vector<Finding>& out) const {
  std::vector<Finding> findings;
  Scan(item, scratch, findings);
  std::vector<std::unique_ptr<DetectorSession>> sessions;
  for (const auto& d : detectors_) {
    if (auto s = d->NewSession()) sessions.push_back(std::move(s));
  }
  for (auto& s : sessions) s->Observe(item, findings);
  for (auto& s : sessions) s->Finish(findings);
  for (Finding& f : findings) {
    Decide(f);  // sessions may have added or rescored findings
    out.push_back(std::move(f));
  }
}

void Engine::Decide(Finding& finding) const {
  finding.action = policy_.Decide(finding.detector, finding.score, finding.max_action);
}

}  // namespace ipguard
