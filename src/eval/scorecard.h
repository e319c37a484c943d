// Precision and recall of findings against labelled answers (`verdict`
// records: label infringing or clean, detector, optional target).
//
// Per detector: a finding (at or above the chosen action) on an item the
// answers call infringing for that detector, with the same target when the
// answer names one, is a true positive; any other finding is a false
// positive; an infringing answer with no such finding is a miss. Items the
// answers do not mention are taken as clean.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ipguard/finding.h"
#include "ipguard/records.h"
#include "ipguard/status.h"

namespace ipguard {

struct DetectorScore {
  uint64_t true_positives = 0, false_positives = 0, misses = 0;
  double precision() const {
    const uint64_t flagged = true_positives + false_positives;
    return flagged ? static_cast<double>(true_positives) / flagged : 1.0;
  }
  double recall() const {
    const uint64_t positives = true_positives + misses;
    return positives ? static_cast<double>(true_positives) / positives : 1.0;
  }
  std::vector<std::string> false_alarms, missed;  // "item target" examples
};

class Scorecard {
 public:
  explicit Scorecard(Action min_action = Action::kReview) : min_action_(min_action) {}

  void AddAnswer(const Verdict& answer);
  void AddFinding(const std::string& item, const std::string& detector, const std::string& target,
                  Action action);
  void AddFinding(const Finding& f) { AddFinding(f.item, f.detector, f.target, f.action); }

  // Scores per detector (every detector named by an answer or a finding).
  std::map<std::string, DetectorScore> Score() const;

 private:
  Action min_action_;
  // (detector, item) -> targets ("" when the answer names none)
  std::map<std::pair<std::string, std::string>, std::set<std::string>> infringing_;
  std::set<std::string> detectors_;
  std::set<std::tuple<std::string, std::string, std::string>> findings_;  // detector, item, target
};

// Reads answers (verdict records) and findings (NDJSON as `ipguard scan`
// writes them) from files into a scorecard.
Status LoadAnswers(const std::string& path, Scorecard& card);
Status LoadFindings(const std::string& path, Scorecard& card);

}  // namespace ipguard
