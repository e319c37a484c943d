// A planted-gang world for accuracy tests and benchmarks: an innocent
// marketplace with hubs, families and lone infringers, and counterfeit gangs
// hidden in it (docs/gangs.md, "The planted-gang generator").
//
//  - gangs of min_gang..max_gang members (two or more accounts, their shops
//    and shops with no declared owner), linked through chains of strong
//    identifiers (payment, device, phone, ID number) and weak ones (return
//    address, IP, product photos) drawn from the gang's own pools;
//  - hubs shared by thousands (logistics warehouses, carrier NAT addresses, a
//    payment processor, a stock photo) and an allowlisted escrow account used
//    by fewer shops than any cap;
//  - family pairs: two accounts sharing a home address and home IP;
//  - camouflage: gang shops reuse an innocent shop's address, IP or photo and
//    the popular hubs;
//  - hijacked accounts: an innocent account (often one of a family pair)
//    taken over by a gang, which adds its device and payment account;
//  - seeds: an `infringing` verdict on one shop of some gangs, and on lone
//    infringers who belong to no gang.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ipguard/records.h"

namespace ipguard::graph {

struct PlantedOptions {
  uint64_t seed = 1;
  uint32_t innocent_accounts = 5000;  // each owns 1-3 shops
  uint32_t gangs = 30;
  uint32_t min_gang = 3, max_gang = 60;
  uint32_t hub_users = 2000;     // innocent shops per hub
  double family_rate = 0.10;     // share of innocent accounts in family pairs
  double camouflage_rate = 0.5;  // per gang shop
  double hijack_rate = 0.3;      // per gang
  double seed_rate = 0.6;        // per gang
  double strong_link = 0.7;      // chain links by a strong identifier
  uint32_t lone_infringers = 50;
};

struct PlantedWorld {
  std::vector<Account> accounts;
  std::vector<Shop> shops;
  std::vector<Verdict> verdicts;
  // Entity id -> gang number (0..gangs-1); innocents are absent.
  std::unordered_map<std::string, uint32_t> truth;
  std::vector<uint32_t> gang_size;
  // Innocent shops that share a hub (warehouse, NAT, processor, stock photo).
  std::vector<std::string> hub_users;
  // (attrs key, value) entries for the allowlist file.
  std::vector<std::pair<std::string, std::string>> allowlist;
};

PlantedWorld GeneratePlanted(const PlantedOptions& options);

}  // namespace ipguard::graph
