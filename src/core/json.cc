#include "ipguard/json.h"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace ipguard::json {

Value Value::Array(std::initializer_list<Value> items) {
  Value v = Array();
  v.items_.assign(items.begin(), items.end());
  return v;
}

Value& Value::Append(Value v) {
  items_.push_back(std::move(v));
  return items_.back();
}

Value& Value::Set(std::string_view key, Value v) {
  for (auto& [k, existing] : members_) {
    if (k == key) {
      existing = std::move(v);
      return existing;
    }
  }
  members_.emplace_back(std::string(key), std::move(v));
  return members_.back().second;
}

const Value* Value::Find(std::string_view key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

void AppendQuoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void Value::DumpTo(std::string& out) const {
  switch (type_) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += bool_ ? "true" : "false";
      break;
    case Type::kInteger:
      fmt::format_to(std::back_inserter(out), "{}", integer_);
      break;
    case Type::kNumber:
      if (!std::isfinite(number_)) {
        out += "null";
      } else {
        // Shortest representation that round-trips.
        fmt::format_to(std::back_inserter(out), "{}", number_);
      }
      break;
    case Type::kString:
      AppendQuoted(out, string_);
      break;
    case Type::kArray: {
      out.push_back('[');
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out.push_back(',');
        items_[i].DumpTo(out);
      }
      out.push_back(']');
      break;
    }
    case Type::kObject: {
      out.push_back('{');
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i) out.push_back(',');
        AppendQuoted(out, members_[i].first);
        out.push_back(':');
        members_[i].second.DumpTo(out);
      }
      out.push_back('}');
      break;
    }
  }
}

std::string Value::Dump() const {
  std::string out;
  DumpTo(out);
  return out;
}

}  // namespace ipguard::json
