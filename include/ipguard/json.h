// A small JSON value for building output (findings and their evidence).
// Objects keep insertion order so that output is stable and readable.
// Parsing input is simdjson's job (src/io); this type only builds and writes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipguard::json {

class Value {
 public:
  enum class Type { kNull, kBool, kNumber, kInteger, kString, kArray, kObject };
  using Member = std::pair<std::string, Value>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::kBool), bool_(b) {}
  Value(double d) : type_(Type::kNumber), number_(d) {}
  Value(int i) : type_(Type::kInteger), integer_(i) {}
  Value(int64_t i) : type_(Type::kInteger), integer_(i) {}
  Value(uint32_t i) : type_(Type::kInteger), integer_(i) {}
  Value(uint64_t i) : type_(Type::kInteger), integer_(static_cast<int64_t>(i)) {}
  Value(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  Value(std::string_view s) : type_(Type::kString), string_(s) {}
  Value(const char* s) : type_(Type::kString), string_(s) {}

  static Value Array() {
    Value v;
    v.type_ = Type::kArray;
    return v;
  }
  static Value Object() {
    Value v;
    v.type_ = Type::kObject;
    return v;
  }
  static Value Array(std::initializer_list<Value> items);
  template <typename Range>
  static Value ArrayOf(const Range& items) {
    Value v = Array();
    for (const auto& item : items) v.Append(Value(item));
    return v;
  }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }
  bool as_bool() const { return bool_; }
  double as_number() const {
    return type_ == Type::kInteger ? static_cast<double>(integer_) : number_;
  }
  int64_t as_integer() const {
    return type_ == Type::kNumber ? static_cast<int64_t>(number_) : integer_;
  }
  const std::string& as_string() const { return string_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }

  // Arrays: append. Objects: set (replacing an existing key) and look up.
  Value& Append(Value v);
  Value& Set(std::string_view key, Value v);
  const Value* Find(std::string_view key) const;

  // Compact JSON, no trailing newline. Strings are escaped per RFC 8259;
  // non-finite numbers are written as null.
  std::string Dump() const;
  void DumpTo(std::string& out) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  int64_t integer_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

// Appends `s` to `out` as a quoted, escaped JSON string.
void AppendQuoted(std::string& out, std::string_view s);

}  // namespace ipguard::json
