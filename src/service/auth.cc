#include "service/auth.h"

#include <sodium.h>

#include "store/audit_chain.h"

namespace ipguard::service {

bool InitCrypto() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  const bool minimum = cost == PasswordCost::kMinimum;
  const unsigned long long ops =
      minimum ? crypto_pwhash_argon2id_OPSLIMIT_MIN : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
  const size_t mem =
      minimum ? crypto_pwhash_argon2id_MEMLIMIT_MIN : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Error("cannot hash the password (out of memory)");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(size_t n) {
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  std::string hex(2 * n + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), n);
  hex.pop_back();
  return hex;
}

std::string NewToken() { return "ipg_" + RandomHex(32); }

std::string TokenDigest(std::string_view token) { return store::Sha256Hex(token); }

}  // namespace ipguard::service
