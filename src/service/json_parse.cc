#include "service/json_parse.h"

#include <simdjson.h>

#include <fmt/format.h>

namespace ipguard::service {
namespace {

// Converts a parsed element; depth is bounded by simdjson's own limit.
json::Value Convert(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY: {
      json::Value out = json::Value::Array();
      simdjson::dom::array array;
      if (e.get(array) != simdjson::SUCCESS) return out;
      for (simdjson::dom::element item : array) out.Append(Convert(item));
      return out;
    }
    case simdjson::dom::element_type::OBJECT: {
      json::Value out = json::Value::Object();
      simdjson::dom::object object;
      if (e.get(object) != simdjson::SUCCESS) return out;
      for (auto field : object) out.Set(field.key, Convert(field.value));
      return out;
    }
    case simdjson::dom::element_type::INT64: {
      int64_t v = 0;
      if (e.get(v) != simdjson::SUCCESS) return json::Value();
      return json::Value(v);
    }
    case simdjson::dom::element_type::UINT64: {
      uint64_t v = 0;
      if (e.get(v) != simdjson::SUCCESS) return json::Value();
      return json::Value(static_cast<double>(v));
    }
    case simdjson::dom::element_type::DOUBLE: {
      double v = 0;
      if (e.get(v) != simdjson::SUCCESS) return json::Value();
      return json::Value(v);
    }
    case simdjson::dom::element_type::STRING: {
      std::string_view v;
      if (e.get(v) != simdjson::SUCCESS) return json::Value();
      return json::Value(v);
    }
    case simdjson::dom::element_type::BOOL: {
      bool v = false;
      if (e.get(v) != simdjson::SUCCESS) return json::Value();
      return json::Value(v);
    }
    case simdjson::dom::element_type::NULL_VALUE:
      return json::Value();
  }
  return json::Value();
}

}  // namespace

Expected<json::Value> ParseJson(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto error = parser.parse(text.data(), text.size()).get(doc);
  if (error) {
    return Invalid(
        "", fmt::format("the request body is not valid JSON: {}", simdjson::error_message(error)));
  }
  return Convert(doc);
}

}  // namespace ipguard::service
