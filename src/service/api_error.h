// Errors of the platform service as the HTTP API reports them: a status code,
// a stable machine code, the request field at fault (when one is) and a
// sentence saying what to fix. Expected<T> carries a value or an ApiError.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "ipguard/json.h"

namespace ipguard::service {

struct ApiError {
  int http = 400;
  std::string code;     // invalid, unauthorized, forbidden, not_found, conflict, ...
  std::string field;    // e.g. "listings[3]"; empty when no single field is at fault
  std::string message;  // what is wrong and what to do

  // {"error":{"code":..,"field":..,"message":..}}
  json::Value ToJson() const {
    json::Value e = json::Value::Object();
    e.Set("code", code);
    if (!field.empty()) e.Set("field", field);
    e.Set("message", message);
    json::Value out = json::Value::Object();
    out.Set("error", std::move(e));
    return out;
  }
};

inline ApiError Invalid(std::string field, std::string message) {
  return {400, "invalid", std::move(field), std::move(message)};
}
inline ApiError Unauthorized(std::string message) {
  return {401, "unauthorized", "", std::move(message)};
}
inline ApiError Forbidden(std::string message) {
  return {403, "forbidden", "", std::move(message)};
}
inline ApiError NotFound(std::string message) { return {404, "not_found", "", std::move(message)}; }
inline ApiError Conflict(std::string field, std::string message) {
  return {409, "conflict", std::move(field), std::move(message)};
}
inline ApiError Unprocessable(std::string field, std::string message) {
  return {422, "unprocessable", std::move(field), std::move(message)};
}
inline ApiError Internal(std::string message) { return {500, "internal", "", std::move(message)}; }

template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Expected(ApiError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const ApiError& error() const { return std::get<ApiError>(state_); }

 private:
  std::variant<T, ApiError> state_;
};

// A successful reply: HTTP status and JSON body.
struct Reply {
  int http = 200;
  json::Value body;
};
using Response = Expected<Reply>;

}  // namespace ipguard::service
