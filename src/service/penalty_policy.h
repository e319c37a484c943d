// Penalties as data: the escalation policy read from an INI file
// (data/penalties.ini documents every key). A strike weighs 1 point (a
// malicious one `malicious_weight`) and counts for `window_days` calendar
// days; the active points of a shop, and of its owner's account, pick the
// highest rung of the ladder reached: warn (education notice and warning),
// remove_listings, restrict, close. A policy loaded in shadow mode decides
// the same way but its penalties are only recorded.
#pragma once

#include <string>
#include <vector>

#include "ipguard/status.h"
#include "store/store.h"

namespace ipguard::service {

struct PenaltyRung {
  std::string action;  // warn, remove_listings, restrict, close
  double points = 0;   // reached at this many active points
  std::string notice;  // what the seller is told
};

struct PenaltyPolicy {
  std::string name = "default";
  int window_days = 365;  // calendar days a strike counts
  double malicious_weight = 2;
  std::vector<std::string> malicious_reasons = {"counterfeit"};
  std::vector<PenaltyRung> ladder;  // ascending points
  // Rights holders: once `min_decided` complaints are decided, a rejected
  // share >= untrust_rejected_share ends the fast lane, and >=
  // bad_faith_rejected_share flags the holder for bad faith.
  int64_t min_decided = 10;
  double untrust_rejected_share = 0.5;
  double bad_faith_rejected_share = 0.7;

  static PenaltyPolicy Defaults();
  // Reads an INI file; errors name the line and the key.
  static Result<PenaltyPolicy> Load(const std::string& path);

  bool IsMaliciousReason(std::string_view reason) const;
  // Active points of `strikes` at `now` (voided ones never count).
  double Points(const std::vector<store::Strike>& strikes, Timestamp now) const;
  // The highest rung reached by `points`, or nullptr below the first.
  const PenaltyRung* RungFor(double points) const;
  // The penalties of a new strike: the shop's rung, and the account's rung
  // when it is more severe (then scope "account": every shop of the owner).
  std::vector<store::Penalty> Decide(const store::Strike& strike,
                                     const std::vector<store::Strike>& shop_strikes,
                                     const std::vector<store::Strike>& account_strikes,
                                     bool shadow) const;
};

}  // namespace ipguard::service
