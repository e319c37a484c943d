// Policy as data: for each detector, the score at or above which a finding is
// recommended for removal and the score at or above which it goes to review.
// Defaults are documented in docs/policy.md and data/policy.ini; a policy file
// and command-line settings override them.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "ipguard/finding.h"
#include "ipguard/status.h"

namespace ipguard {

struct Thresholds {
  double remove = 0.90;
  double review = 0.50;
};

class Policy {
 public:
  // The built-in defaults (the same as data/policy.ini).
  static Policy Defaults();
  // Defaults overridden by an INI file: `[detector]` sections with
  // `remove = 0.9` and `review = 0.5` lines; `#` and `;` start comments.
  static Result<Policy> LoadFile(const std::string& path);

  // Applies one `detector.key=value` setting (key: remove or review, or any
  // detector parameter). Errors name the setting and what is wrong.
  Status Set(std::string_view setting);

  Thresholds For(std::string_view detector) const;
  // Action for a score, capped by the finding's max_action.
  Action Decide(std::string_view detector, double score, Action max_action = Action::kRemove) const;
  // A numeric detector parameter (e.g. image_copy.radius), or `fallback`.
  double Param(std::string_view detector, std::string_view key, double fallback) const;

 private:
  Status SetValue(std::string_view detector, std::string_view key, std::string_view value,
                  std::string_view where);
  Thresholds default_;
  std::map<std::string, Thresholds, std::less<>> per_detector_;
  std::map<std::string, double, std::less<>> params_;  // "detector.key"
};

}  // namespace ipguard
