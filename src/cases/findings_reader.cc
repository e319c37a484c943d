#include "cases/findings_reader.h"

#include <simdjson.h>

namespace ipguard::cases {
namespace {

json::Value Convert(simdjson::dom::element e) {
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      json::Value v = json::Value::Array();
      simdjson::dom::array arr;
      if (e.get_array().get(arr) == simdjson::SUCCESS) {
        for (simdjson::dom::element x : arr) v.Append(Convert(x));
      }
      return v;
    }
    case T::OBJECT: {
      json::Value v = json::Value::Object();
      simdjson::dom::object obj;
      if (e.get_object().get(obj) == simdjson::SUCCESS) {
        for (simdjson::dom::key_value_pair kv : obj) v.Set(kv.key, Convert(kv.value));
      }
      return v;
    }
    case T::INT64:
      return json::Value(e.get_int64().value_unsafe());
    case T::UINT64:
      return json::Value(e.get_uint64().value_unsafe());
    case T::DOUBLE:
      return json::Value(e.get_double().value_unsafe());
    case T::STRING:
      return json::Value(e.get_string().value_unsafe());
    case T::BOOL:
      return json::Value(e.get_bool().value_unsafe());
    default:
      return json::Value();
  }
}

}  // namespace

Result<FindingRecord> ParseFinding(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(line);
  simdjson::dom::element doc;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) return Status::Error("not valid JSON");
  simdjson::dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return Status::Error("not a JSON object");
  FindingRecord f;
  std::string_view s;
  if (obj["item"].get_string().get(s) != simdjson::SUCCESS) {
    return Status::Error("field \"item\" missing or not a string");
  }
  f.item = s;
  if (obj["detector"].get_string().get(s) != simdjson::SUCCESS) {
    return Status::Error("field \"detector\" missing or not a string");
  }
  f.detector = s;
  if (obj["target"].get_string().get(s) == simdjson::SUCCESS) f.target = s;
  if (obj["action"].get_string().get(s) == simdjson::SUCCESS) f.action = s;
  double d;
  if (obj["score"].get_double().get(d) != simdjson::SUCCESS) {
    return Status::Error("field \"score\" missing or not a number");
  }
  f.score = d;
  simdjson::dom::element ev;
  if (obj["evidence"].get(ev) == simdjson::SUCCESS) f.evidence = Convert(ev);
  if (f.detector == "gang" && f.target.empty()) {
    return Status::Error("gang finding without \"target\" (the gang id)");
  }
  return f;
}

}  // namespace ipguard::cases
