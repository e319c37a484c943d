// A finding: what a detector says about one item (contract §1.3).
#pragma once

#include <string>
#include <string_view>

#include "ipguard/json.h"

namespace ipguard {

enum class Action { kNone, kReview, kRemove };
std::string_view ActionName(Action action);

struct Finding {
  std::string item;               // id of the listing, content, shop or account
  std::string detector;           // contract detector name
  std::string target;             // registry record or gang id; empty where none applies
  double score = 0;               // confidence in [0, 1]
  Action action = Action::kNone;  // set by the policy from the score
  // The strongest action the policy may give this finding, whatever its score
  // (e.g. a gang tied to no infringing seed is review at most).
  Action max_action = Action::kRemove;
  json::Value evidence = json::Value::Object();

  // One NDJSON line (without the newline), fields in contract order.
  std::string ToJson() const;
};

}  // namespace ipguard
