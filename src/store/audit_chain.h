// The hash chain of the audit log. Each entry's hash is the SHA-256 of the
// previous entry's hash and every field of the entry (length-prefixed, so no
// two different entries serialize alike). Editing, deleting, inserting or
// reordering any entry breaks every later link, which VerifyAuditChain finds.
#pragma once

#include <string>
#include <string_view>

#include "ipguard/status.h"
#include "store/store.h"

namespace ipguard::store {

// Hex SHA-256 of `data` (64 lower-case digits).
std::string Sha256Hex(std::string_view data);

// The hash `entry` must carry, given its seq, at, fields and prev_hash.
std::string AuditHash(const AuditEntry& entry);

// The prev_hash of the first entry.
inline constexpr std::string_view kAuditGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Checks entries one by one, in order. Feed every entry from seq 1 upwards.
class AuditVerifier {
 public:
  // OK, or an error naming the first entry that breaks the chain and how.
  Status Add(const AuditEntry& entry);
  int64_t count() const { return count_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  int64_t count_ = 0;
  int64_t last_seq_ = 0;
  std::string last_hash_ = std::string(kAuditGenesis);
};

}  // namespace ipguard::store
