// Reading and validating the fields of a JSON request body. Each getter
// checks one field; the first problem is kept (field name and reason) and
// every later getter becomes a no-op returning a default, so a handler reads
// all its fields and then checks ok() once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ipguard/json.h"
#include "ipguard/records.h"
#include "service/api_error.h"

namespace ipguard::service {

class Fields {
 public:
  // `body` must outlive the Fields; a body that is not an object is an error.
  explicit Fields(const json::Value& body);

  // A string of 1..max_bytes bytes (valid UTF-8, no control characters).
  std::string String(std::string_view key, bool required, size_t max_bytes = 200);
  // A list of such strings, at most max_items, each non-empty.
  std::vector<std::string> Strings(std::string_view key, bool required, size_t max_items = 100,
                                   size_t max_bytes = 200);
  std::optional<double> Number(std::string_view key, bool required, double min, double max);
  std::optional<int64_t> Integer(std::string_view key, bool required, int64_t min, int64_t max);
  std::optional<bool> Bool(std::string_view key);
  // An RFC 3339 time.
  std::optional<Timestamp> Time(std::string_view key, bool required);
  // One of `allowed`.
  std::string Enum(std::string_view key, bool required,
                   std::initializer_list<std::string_view> allowed);
  // The raw value, or nullptr when absent.
  const json::Value* Get(std::string_view key) const;

  // Records an error unless one is recorded already.
  void Fail(std::string field, std::string message);
  bool ok() const { return !failed_; }
  const ApiError& error() const { return error_; }

 private:
  const json::Value* Present(std::string_view key, bool required);
  bool CheckString(const std::string& field, const std::string& s, size_t max_bytes);
  const json::Value& body_;
  bool failed_ = false;
  ApiError error_;
};

// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

}  // namespace ipguard::service
