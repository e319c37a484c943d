#include "service/fields.h"

#include <cmath>

#include <fmt/format.h>

#include "core/time.h"

namespace ipguard::service {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const unsigned char c = p[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

Fields::Fields(const json::Value& body) : body_(body) {
  if (!body.is_object()) Fail("", "the request body must be a JSON object");
}

void Fields::Fail(std::string field, std::string message) {
  if (failed_) return;
  failed_ = true;
  error_ = Invalid(std::move(field), std::move(message));
}

const json::Value* Fields::Get(std::string_view key) const {
  if (!body_.is_object()) return nullptr;
  const json::Value* v = body_.Find(key);
  return v && !v->is_null() ? v : nullptr;
}

const json::Value* Fields::Present(std::string_view key, bool required) {
  if (failed_) return nullptr;
  const json::Value* v = Get(key);
  if (!v && required) Fail(std::string(key), fmt::format("{} is required", key));
  return v;
}

bool Fields::CheckString(const std::string& field, const std::string& s, size_t max_bytes) {
  if (s.empty()) {
    Fail(field, fmt::format("{} must not be empty", field));
  } else if (s.size() > max_bytes) {
    Fail(field,
         fmt::format("{} is {} bytes long; at most {} are allowed", field, s.size(), max_bytes));
  } else if (!IsValidUtf8(s)) {
    Fail(field, fmt::format("{} is not valid UTF-8", field));
  } else {
    for (unsigned char c : s) {
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
        Fail(field, fmt::format("{} contains a control character", field));
        break;
      }
    }
  }
  return !failed_;
}

std::string Fields::String(std::string_view key, bool required, size_t max_bytes) {
  const json::Value* v = Present(key, required);
  if (!v) return {};
  if (v->type() != json::Value::Type::kString) {
    Fail(std::string(key), fmt::format("{} must be a string", key));
    return {};
  }
  return CheckString(std::string(key), v->as_string(), max_bytes) ? v->as_string() : std::string();
}

std::vector<std::string> Fields::Strings(std::string_view key, bool required, size_t max_items,
                                         size_t max_bytes) {
  std::vector<std::string> out;
  const json::Value* v = Present(key, required);
  if (!v) return out;
  if (!v->is_array()) {
    Fail(std::string(key), fmt::format("{} must be a list of strings", key));
    return out;
  }
  if (required && v->items().empty()) {
    Fail(std::string(key), fmt::format("{} must list at least one value", key));
    return out;
  }
  if (v->items().size() > max_items) {
    Fail(std::string(key), fmt::format("{} lists {} values; at most {} are allowed", key,
                                       v->items().size(), max_items));
    return out;
  }
  for (size_t i = 0; i < v->items().size(); ++i) {
    const std::string field = fmt::format("{}[{}]", key, i);
    const json::Value& item = v->items()[i];
    if (item.type() != json::Value::Type::kString) {
      Fail(field, fmt::format("{} must be a string", field));
      return {};
    }
    if (!CheckString(field, item.as_string(), max_bytes)) return {};
    out.push_back(item.as_string());
  }
  return out;
}

std::optional<double> Fields::Number(std::string_view key, bool required, double min, double max) {
  const json::Value* v = Present(key, required);
  if (!v) return std::nullopt;
  if (v->type() != json::Value::Type::kNumber && v->type() != json::Value::Type::kInteger) {
    Fail(std::string(key), fmt::format("{} must be a number", key));
    return std::nullopt;
  }
  const double d = v->as_number();
  if (!std::isfinite(d) || d < min || d > max) {
    Fail(std::string(key), fmt::format("{} must be between {} and {}", key, min, max));
    return std::nullopt;
  }
  return d;
}

std::optional<int64_t> Fields::Integer(std::string_view key, bool required, int64_t min,
                                       int64_t max) {
  const json::Value* v = Present(key, required);
  if (!v) return std::nullopt;
  if (v->type() != json::Value::Type::kInteger) {
    Fail(std::string(key), fmt::format("{} must be an integer", key));
    return std::nullopt;
  }
  const int64_t i = v->as_integer();
  if (i < min || i > max) {
    Fail(std::string(key), fmt::format("{} must be between {} and {}", key, min, max));
    return std::nullopt;
  }
  return i;
}

std::optional<bool> Fields::Bool(std::string_view key) {
  const json::Value* v = Present(key, false);
  if (!v) return std::nullopt;
  if (v->type() != json::Value::Type::kBool) {
    Fail(std::string(key), fmt::format("{} must be true or false", key));
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<Timestamp> Fields::Time(std::string_view key, bool required) {
  const json::Value* v = Present(key, required);
  if (!v) return std::nullopt;
  std::optional<Timestamp> t;
  if (v->type() == json::Value::Type::kString) t = ParseRfc3339(v->as_string());
  if (!t) {
    Fail(std::string(key),
         fmt::format("{} must be an RFC 3339 time such as 2027-05-01T00:00:00Z", key));
  }
  return t;
}

std::string Fields::Enum(std::string_view key, bool required,
                         std::initializer_list<std::string_view> allowed) {
  std::string s = String(key, required, 64);
  if (s.empty()) return s;
  std::string list;
  for (auto a : allowed) {
    if (a == s) return s;
    list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
  }
  Fail(std::string(key), fmt::format("{} must be one of: {} (got \"{}\")", key, list, s));
  return {};
}

}  // namespace ipguard::service
