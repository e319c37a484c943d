// Content-addressed files (proof documents, evidence, images): the bytes of
// a file live at ROOT/ab/abcdef... named by their SHA-256, written once to a
// temporary name and renamed, so a reader never sees half a file and the
// same content is stored once.
#pragma once

#include <string>
#include <string_view>

#include "ipguard/status.h"

namespace ipguard::store {

class BlobStore {
 public:
  // Creates `root` when absent.
  static Result<BlobStore> Open(std::string root);

  // Stores `bytes`; returns their hex SHA-256.
  Result<std::string> Put(std::string_view bytes) const;
  // The path of a stored blob (which may not exist).
  std::string PathOf(std::string_view sha256) const;
  bool Has(std::string_view sha256) const;

  // True when `s` is 64 lower-case hex digits.
  static bool IsSha256(std::string_view s);

 private:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  std::string root_;
};

}  // namespace ipguard::store
