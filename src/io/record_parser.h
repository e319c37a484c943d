// NDJSON line -> typed record (contract §1), with simdjson.
//
// Contract: a line that is not a JSON object, lacks a required field, has a
// field of the wrong type, an impossible time or invalid UTF-8 yields an error
// Status whose message names the field and the problem (the caller adds file
// and line). Unknown fields are ignored; an unknown kind yields UnknownKind.
// Image paths are resolved against `base_dir` (the NDJSON file's folder).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ipguard/records.h"
#include "ipguard/status.h"

namespace ipguard {

class RecordParser {
 public:
  explicit RecordParser(std::string base_dir);
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  // `data` must stay readable for kPadding bytes past `size` (any content).
  Result<Record> Parse(const char* data, size_t size);
  // Copies `line` into a padded buffer first; for tests and one-off use.
  Result<Record> ParseCopy(std::string_view line);

  static constexpr size_t kPadding = 64;  // >= SIMDJSON_PADDING

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Resolves an image path from an NDJSON file against the file's folder.
std::string ResolvePath(const std::string& base_dir, std::string_view path);

}  // namespace ipguard
