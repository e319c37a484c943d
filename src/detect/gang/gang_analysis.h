// What the `gang` detector knows at the end of a scan, and the findings it
// makes of it (contract §1.3, detector `gang`): one finding per member of
// every reportable gang, target = the gang's id, evidence.members = every
// member, evidence.links = the shared attributes that tie them (type, value
// masked where it is personal data, how many members and how many entities
// of the whole input share it, whether it is a hub).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "graph/gang_finder.h"
#include "ipguard/finding.h"
#include "ipguard/records.h"

namespace ipguard {

struct GangInputs {
  std::vector<Shop> shops;
  std::vector<Account> accounts;
  // Listing -> shop and content -> account, to attribute what is found in
  // them (contacts, image hashes, findings, verdicts) to their seller.
  std::unordered_map<std::string, std::string> listing_shop, content_account;
  std::unordered_map<std::string, Timestamp> listing_time;
  struct Contact {
    std::string item;  // listing, content, shop or account id
    std::string channel, value;
  };
  std::vector<Contact> contacts;  // from diversion findings
  struct ImageHash {
    std::string item;
    std::string hash;
  };
  std::vector<ImageHash> images;  // from image findings that carry a hash
  // Seeds: item id -> (weight, why). Verdicts `infringing` weigh 1, other
  // detectors' findings 0.8 (remove) or 0.4 (review).
  struct Seed {
    double weight = 0;
    std::string why;
  };
  std::unordered_map<std::string, Seed> seeds;
  std::unordered_map<std::string, int> clean;  // items with a `clean` verdict

  // Records what one observed item and its findings contribute.
  void Observe(const Item& item, std::span<const Finding> findings);
};

struct GangSettings {
  graph::GangOptions graph;
};

// Builds the entity graph, finds the gangs and returns their findings
// (action not yet set; max_action = review for a gang tied to no seed).
// Gangs are ranked by seeds and closeness, members by name.
std::vector<Finding> AnalyzeGangs(const GangInputs& inputs, const GangSettings& settings);

// The gang's id: "gang-" and 10 hex digits of a hash of its smallest member
// id, stable while that member stays in it.
std::string GangId(std::string_view smallest_member);

}  // namespace ipguard
