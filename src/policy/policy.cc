#include "ipguard/policy.h"

#include <charconv>

#include <fmt/format.h>

#include "core/ini.h"

namespace ipguard {
namespace {

bool ParseDouble(std::string_view s, double& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

// Built-in defaults; data/policy.ini documents the same values.
Policy Policy::Defaults() {
  Policy p;
  p.default_ = {0.90, 0.50};
  p.per_detector_["brand_variant"] = {0.90, 0.50};
  p.per_detector_["brand_mismatch"] = {0.90, 0.55};
  p.per_detector_["diversion"] = {0.90, 0.55};
  p.per_detector_["image_copy"] = {0.92, 0.60};
  p.per_detector_["portrait"] = {0.90, 0.55};
  p.per_detector_["piracy"] = {0.90, 0.55};
  p.per_detector_["gang"] = {0.95, 0.60};
  return p;
}

Result<Policy> Policy::LoadFile(const std::string& path) {
  Policy p = Defaults();
  IniHandlers handlers;
  handlers.setting = [&](std::string_view section, std::string_view key, std::string_view value,
                         const std::string& where) {
    if (section.empty()) {
      return Status::Error(fmt::format("{}: setting outside a [detector] section", where));
    }
    return p.SetValue(section, key, value, where);
  };
  if (Status st = ReadIniFile(path, "policy file", handlers); !st.ok()) return st;
  return p;
}

Status Policy::Set(std::string_view setting) {
  const auto eq = setting.find('=');
  const auto dot = setting.find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq) {
    return Status::Error(fmt::format(
        "--set \"{}\": expected detector.key=value, e.g. brand_variant.remove=0.95", setting));
  }
  return SetValue(TrimBlanks(setting.substr(0, dot)),
                  TrimBlanks(setting.substr(dot + 1, eq - dot - 1)),
                  TrimBlanks(setting.substr(eq + 1)), fmt::format("--set \"{}\"", setting));
}

Status Policy::SetValue(std::string_view detector, std::string_view key, std::string_view value,
                        std::string_view where) {
  double d;
  if (!ParseDouble(value, d)) {
    return Status::Error(fmt::format("{}: \"{}\" is not a number", where, value));
  }
  if (key == "remove" || key == "review") {
    if (d < 0 || d > 1.0000001) {
      return Status::Error(fmt::format("{}: {} must be between 0 and 1", where, key));
    }
    auto& t = detector == "default"
                  ? default_
                  : per_detector_.try_emplace(std::string(detector), default_).first->second;
    (key == "remove" ? t.remove : t.review) = d;
    return Status::Ok();
  }
  params_[fmt::format("{}.{}", detector, key)] = d;
  return Status::Ok();
}

Thresholds Policy::For(std::string_view detector) const {
  auto it = per_detector_.find(detector);
  return it == per_detector_.end() ? default_ : it->second;
}

Action Policy::Decide(std::string_view detector, double score, Action max_action) const {
  const Thresholds t = For(detector);
  Action a = score >= t.remove   ? Action::kRemove
             : score >= t.review ? Action::kReview
                                 : Action::kNone;
  return std::min(a, max_action);
}

double Policy::Param(std::string_view detector, std::string_view key, double fallback) const {
  auto it = params_.find(fmt::format("{}.{}", detector, key));
  return it == params_.end() ? fallback : it->second;
}

}  // namespace ipguard
