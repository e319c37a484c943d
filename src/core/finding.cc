#include "ipguard/finding.h"

namespace ipguard {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kNone:
      return "none";
    case Action::kReview:
      return "review";
    case Action::kRemove:
      return "remove";
  }
  return "none";
}

std::string Finding::ToJson() const {
  json::Value v = json::Value::Object();
  v.Set("item", item);
  v.Set("detector", detector);
  if (!target.empty()) v.Set("target", target);
  // Scores are rounded to 4 decimals: stable output, no false precision.
  v.Set("score", static_cast<double>(static_cast<int64_t>(score * 10000 + 0.5)) / 10000);
  v.Set("action", ActionName(action));
  v.Set("evidence", evidence);
  return v.Dump();
}

}  // namespace ipguard
