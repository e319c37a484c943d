// Passwords and API tokens. Passwords are hashed with Argon2id (libsodium's
// crypto_pwhash_str, salt and parameters inside the hash string). API tokens
// are 256 random bits; only their SHA-256 is stored, so a stolen database
// yields no usable token.
#pragma once

#include <string>
#include <string_view>

#include "ipguard/status.h"

namespace ipguard::service {

// kInteractive: libsodium's interactive limits (64 MiB, 2 passes), for
// production. kMinimum: the smallest limits, for tests only.
enum class PasswordCost { kInteractive, kMinimum };

// Initializes libsodium once; false when it cannot be used.
bool InitCrypto();

Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
// Constant-time check of `password` against a crypto_pwhash_str hash.
bool VerifyPassword(const std::string& hash, std::string_view password);

// A fresh token: "ipg_" + 64 hex digits.
std::string NewToken();
// What the store keeps for a token.
std::string TokenDigest(std::string_view token);
// `n` random bytes as hex (ids).
std::string RandomHex(size_t n);

}  // namespace ipguard::service
