#include "store/audit_chain.h"

#include <sodium.h>

#include <fmt/format.h>

namespace ipguard::store {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string AuditHash(const AuditEntry& e) {
  // Canonical form: each field as "<byte length>:<bytes>\n", in a fixed order.
  std::string canon;
  auto field = [&](std::string_view v) { canon += fmt::format("{}:{}\n", v.size(), v); };
  field(e.prev_hash);
  field(std::to_string(e.seq));
  field(std::to_string(e.at));
  field(e.actor);
  field(e.action);
  field(e.object);
  field(e.before);
  field(e.after);
  return Sha256Hex(canon);
}

Status AuditVerifier::Add(const AuditEntry& e) {
  if (e.seq != last_seq_ + 1) {
    return Status::Error(fmt::format(
        "audit entry seq {} follows seq {}: an entry was deleted, inserted or reordered", e.seq,
        last_seq_));
  }
  if (e.prev_hash != last_hash_) {
    return Status::Error(fmt::format(
        "audit entry seq {}: prev_hash does not match the hash of entry {} (an earlier entry was "
        "edited, deleted or reordered)",
        e.seq, last_seq_));
  }
  if (AuditHash(e) != e.hash) {
    return Status::Error(
        fmt::format("audit entry seq {}: its hash does not match its content (the entry was "
                    "edited: actor {}, action {}, object {})",
                    e.seq, e.actor, e.action, e.object));
  }
  ++count_;
  last_seq_ = e.seq;
  last_hash_ = e.hash;
  return Status::Ok();
}

}  // namespace ipguard::store
