// Case files for offline enforcement: a gang (from `gang` findings) with
// everything a police officer or a platform's enforcement liaison needs to
// decide whether to act: who the members are, what ties them, which listings
// infringe and the evidence for each, the estimated value of the goods, and a
// value score with its reasons; cases ranked by that score (docs/gangs.md).
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "ipguard/json.h"
#include "ipguard/records.h"

namespace ipguard::cases {

// One finding read back from a scan's output.
struct FindingRecord {
  std::string item, detector, target, action;
  double score = 0;
  json::Value evidence;
};

struct CaseInputs {
  std::unordered_map<std::string, Listing> listings;
  std::unordered_map<std::string, Shop> shops;
  std::unordered_map<std::string, Account> accounts;
  std::unordered_map<std::string, Verdict> verdicts;  // by item
  std::vector<FindingRecord> findings;
};

struct ValueReason {
  double points;
  std::string why;
};

struct InfringingListing {
  const Listing* listing = nullptr;
  std::string shop;
  std::vector<const FindingRecord*> findings;  // non-gang findings (remove or review)
  const Verdict* verdict = nullptr;            // an `infringing` verdict
  std::optional<double> value;                 // price x quantity, when both known
};

struct GangCase {
  std::string gang;
  double score = 0;  // 0-100
  std::vector<ValueReason> reasons;
  std::vector<const FindingRecord*> members;  // one gang finding per member
  json::Value links;                          // evidence.links of the gang
  json::Value seeds;                          // evidence.seeds
  uint32_t operators = 0;
  std::vector<InfringingListing> listings;
  // Goods value per currency ("" = not stated): sum of price x quantity.
  std::map<std::string, double> goods_value;
  size_t listings_without_quantity = 0;
  std::map<std::string, double> listed_price_without_quantity;
};

// Groups `gang` findings by gang, attaches the members' infringing listings
// and scores each case; ranked by score, highest first.
std::vector<GangCase> BuildCases(const CaseInputs& inputs);

// The cases as one JSON document ({"cases": [...]}).
json::Value CasesToJson(const std::vector<GangCase>& cases, const CaseInputs& inputs);

// A report a reader who was not there can follow: what a case is, then each
// case with its summary, reasons, members, links and listings.
std::string CasesToMarkdown(const std::vector<GangCase>& cases, const CaseInputs& inputs);

}  // namespace ipguard::cases
