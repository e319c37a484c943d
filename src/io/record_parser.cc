#include "io/record_parser.h"

#include <simdjson.h>

#include <fmt/format.h>
#include <cmath>

#include "core/time.h"

namespace ipguard {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

static_assert(RecordParser::kPadding >= simdjson::SIMDJSON_PADDING);

std::string_view TypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY:
      return "a list";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "?";
}

// Field access with errors that name the field and what was expected.
class Fields {
 public:
  Fields(object obj, std::string_view kind, const std::string& base_dir)
      : obj_(obj), kind_(kind), base_dir_(base_dir) {}

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }

  // A required, non-empty string.
  std::string Required(std::string_view key) {
    element e;
    if (!Lookup(key, e)) {
      Fail(fmt::format("missing required field \"{}\" (kind {})", key, kind_));
      return {};
    }
    std::string s = AsString(key, e);
    if (ok() && s.empty()) Fail(fmt::format("field \"{}\" must not be empty", key));
    return s;
  }

  std::string Optional(std::string_view key) {
    element e;
    return Lookup(key, e) ? AsString(key, e) : std::string();
  }

  // A list of strings; a single string is taken as a list of one.
  std::vector<std::string> List(std::string_view key, bool required = false) {
    std::vector<std::string> out;
    element e;
    if (!Lookup(key, e)) {
      if (required) Fail(fmt::format("missing required field \"{}\" (kind {})", key, kind_));
      return out;
    }
    if (e.type() == element_type::STRING) {
      out.emplace_back(std::string_view(e));
    } else if (e.type() == element_type::ARRAY) {
      size_t i = 0;
      simdjson::dom::array items = e.get_array().value_unsafe();
      for (element item : items) {
        if (item.type() != element_type::STRING) {
          Fail(fmt::format("field \"{}\"[{}] must be a string, not {}", key, i,
                           TypeName(item.type())));
          return {};
        }
        out.emplace_back(std::string_view(item));
        ++i;
      }
    } else {
      Fail(fmt::format("field \"{}\" must be a list of strings, not {}", key, TypeName(e.type())));
      return {};
    }
    if (required && out.empty()) Fail(fmt::format("field \"{}\" must not be empty", key));
    return out;
  }

  std::vector<std::string> Paths(std::string_view key) {
    std::vector<std::string> out = List(key);
    for (auto& p : out) p = ResolvePath(base_dir_, p);
    return out;
  }

  std::optional<double> Number(std::string_view key) {
    element e;
    if (!Lookup(key, e)) return std::nullopt;
    double d;
    if (e.get_double().get(d) != simdjson::SUCCESS) {
      Fail(fmt::format("field \"{}\" must be a number, not {}", key, TypeName(e.type())));
      return std::nullopt;
    }
    return d;
  }

  bool Bool(std::string_view key) {
    element e;
    if (!Lookup(key, e)) return false;
    bool b;
    if (e.get_bool().get(b) != simdjson::SUCCESS) {
      Fail(fmt::format("field \"{}\" must be true or false, not {}", key, TypeName(e.type())));
      return false;
    }
    return b;
  }

  std::optional<Timestamp> Time(std::string_view key) {
    element e;
    if (!Lookup(key, e)) return std::nullopt;
    std::string s = AsString(key, e);
    if (!ok()) return std::nullopt;
    auto t = ParseRfc3339(s);
    if (!t) Fail(fmt::format("field \"{}\" is not an RFC 3339 time: \"{}\"", key, s));
    return t;
  }

  // attrs: {type: string | number | [strings or numbers]}.
  Attributes Attrs(std::string_view key) {
    Attributes out;
    element e;
    if (!Lookup(key, e)) return out;
    if (e.type() != element_type::OBJECT) {
      Fail(fmt::format("field \"{}\" must be an object, not {}", key, TypeName(e.type())));
      return out;
    }
    object members = e.get_object().value_unsafe();
    for (auto member : members) {
      const std::string_view name = member.key;
      const element value = member.value;
      auto add = [&](element v) {
        switch (v.type()) {
          case element_type::STRING:
            out.emplace_back(name, std::string_view(v));
            return true;
          case element_type::INT64:
            out.emplace_back(name, std::to_string(int64_t(v)));
            return true;
          case element_type::UINT64:
            out.emplace_back(name, std::to_string(uint64_t(v)));
            return true;
          default:
            Fail(fmt::format("attribute \"{}\" must be a string or a list of strings, not {}", name,
                             TypeName(v.type())));
            return false;
        }
      };
      if (value.type() == element_type::ARRAY) {
        simdjson::dom::array values = value.get_array().value_unsafe();
        for (element v : values) {
          if (!add(v)) return {};
        }
      } else if (value.type() != element_type::NULL_VALUE && !add(value)) {
        return {};
      }
    }
    return out;
  }

  std::vector<std::pair<std::string, double>> NumberMap(std::string_view key) {
    std::vector<std::pair<std::string, double>> out;
    element e;
    if (!Lookup(key, e)) return out;
    if (e.type() != element_type::OBJECT) {
      Fail(fmt::format("field \"{}\" must be an object, not {}", key, TypeName(e.type())));
      return out;
    }
    object members = e.get_object().value_unsafe();
    for (auto [name, value] : members) {
      double d;
      if (value.get_double().get(d) != simdjson::SUCCESS) {
        Fail(fmt::format("field \"{}\".\"{}\" must be a number, not {}", key, name,
                         TypeName(value.type())));
        return {};
      }
      out.emplace_back(name, d);
    }
    return out;
  }

 private:
  // Absent and null are the same: the field was not given.
  bool Lookup(std::string_view key, element& e) {
    if (!ok()) return false;
    if (obj_[key].get(e) != simdjson::SUCCESS) return false;
    return e.type() != element_type::NULL_VALUE;
  }

  std::string AsString(std::string_view key, element e) {
    if (e.type() == element_type::STRING) return std::string(std::string_view(e));
    Fail(fmt::format("field \"{}\" must be a string, not {}", key, TypeName(e.type())));
    return {};
  }

  void Fail(std::string message) {
    if (status_.ok()) status_ = Status::Error(std::move(message));
  }

  object obj_;
  std::string_view kind_;
  const std::string& base_dir_;
  Status status_;
};

template <typename T>
Result<Record> Finish(Fields& f, T record) {
  if (!f.ok()) return f.status();
  if constexpr (std::is_constructible_v<RegistryRecord, T> && !std::is_constructible_v<Item, T>) {
    return Record(RegistryRecord(std::move(record)));
  } else {
    return Record(Item(std::move(record)));
  }
}

Result<Record> Build(std::string_view kind, Fields& f) {
  if (kind == "listing") {
    Listing r;
    r.id = f.Required("id");
    r.shop = f.Required("shop");
    r.title = f.Required("title");
    r.description = f.Optional("description");
    r.price = f.Number("price");
    r.currency = f.Optional("currency");
    r.category = f.Optional("category");
    r.brand = f.Optional("brand");
    r.images = f.Paths("images");
    r.published_at = f.Time("published_at");
    if (f.ok() && r.price && (!std::isfinite(*r.price) || *r.price < 0)) {
      return Status::Error("field \"price\" must be a non-negative number");
    }
    return Finish(f, std::move(r));
  }
  if (kind == "content") {
    Content r;
    r.id = f.Required("id");
    r.account = f.Required("account");
    r.type = f.Required("type");
    r.text = f.Optional("text");
    r.images = f.Paths("images");
    r.listings = f.List("listings");
    r.published_at = f.Time("published_at");
    return Finish(f, std::move(r));
  }
  if (kind == "shop") {
    Shop r;
    r.id = f.Required("id");
    r.name = f.Required("name");
    r.account = f.Optional("account");
    r.attrs = f.Attrs("attrs");
    r.created_at = f.Time("created_at");
    return Finish(f, std::move(r));
  }
  if (kind == "account") {
    Account r;
    r.id = f.Required("id");
    r.name = f.Required("name");
    r.attrs = f.Attrs("attrs");
    r.shops = f.List("shops");
    return Finish(f, std::move(r));
  }
  if (kind == "verdict") {
    Verdict r;
    r.item = f.Required("item");
    r.label = f.Required("label");
    if (f.ok() && r.label != "infringing" && r.label != "clean") {
      return Status::Error(
          fmt::format("field \"label\" must be \"infringing\" or \"clean\", not \"{}\"", r.label));
    }
    r.detector = f.Optional("detector");
    r.target = f.Optional("target");
    return Finish(f, std::move(r));
  }
  if (kind == "rights_holder") {
    RightsHolder r;
    r.id = f.Required("id");
    r.name = f.Required("name");
    r.verified = f.Bool("verified");
    r.trusted = f.Bool("trusted");
    return Finish(f, std::move(r));
  }
  if (kind == "brand") {
    Brand r;
    r.id = f.Required("id");
    r.holder = f.Required("holder");
    r.names = f.List("names", /*required=*/true);
    r.aliases = f.List("aliases");
    r.categories = f.List("categories");
    r.authorized_shops = f.List("authorized_shops");
    r.price_floor = f.NumberMap("price_floor");
    r.generic_senses = f.List("generic_senses");
    return Finish(f, std::move(r));
  }
  if (kind == "work") {
    Work r;
    r.id = f.Required("id");
    r.holder = f.Required("holder");
    r.type = f.Required("type");
    r.title = f.Required("title");
    r.author = f.Optional("author");
    r.isbn = f.Optional("isbn");
    r.aliases = f.List("aliases");
    r.authorized_shops = f.List("authorized_shops");
    return Finish(f, std::move(r));
  }
  if (kind == "image") {
    ImageRecord r;
    r.id = f.Required("id");
    r.holder = f.Required("holder");
    auto paths = f.Paths("path");
    if (f.ok() && paths.size() != 1) {
      return Status::Error("missing required field \"path\" (kind image)");
    }
    if (f.ok()) r.path = paths[0];
    r.published_at = f.Time("published_at");
    r.shop = f.Optional("shop");
    return Finish(f, std::move(r));
  }
  if (kind == "portrait") {
    Portrait r;
    r.id = f.Required("id");
    r.holder = f.Required("holder");
    r.names = f.List("names", /*required=*/true);
    r.aliases = f.List("aliases");
    r.images = f.Paths("images");
    r.authorized_shops = f.List("authorized_shops");
    return Finish(f, std::move(r));
  }
  return Record(UnknownKind{std::string(kind)});
}

std::string_view ErrorText(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    case simdjson::EMPTY:
      return "empty line";
    case simdjson::CAPACITY:
      return "line too large for the JSON parser";
    case simdjson::MEMALLOC:
      return "out of memory while parsing";
    default:
      return simdjson::error_message(code);
  }
}

}  // namespace

struct RecordParser::Impl {
  simdjson::dom::parser parser;
  std::string base_dir;
  std::string copy;
};

RecordParser::RecordParser(std::string base_dir) : impl_(std::make_unique<Impl>()) {
  impl_->base_dir = std::move(base_dir);
}
RecordParser::~RecordParser() = default;

Result<Record> RecordParser::Parse(const char* data, size_t size) {
  element root;
  auto err = impl_->parser.parse(data, size, /*realloc_if_needed=*/false).get(root);
  if (err) return Status::Error(fmt::format("not valid JSON: {}", ErrorText(err)));
  if (root.type() != element_type::OBJECT) {
    return Status::Error(
        fmt::format("a record must be a JSON object, not {}", TypeName(root.type())));
  }
  object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS)
    return Status::Error("a record must be a JSON object");
  element kind_el;
  if (obj["kind"].get(kind_el) != simdjson::SUCCESS || kind_el.type() == element_type::NULL_VALUE) {
    return Status::Error("missing required field \"kind\"");
  }
  if (kind_el.type() != element_type::STRING) {
    return Status::Error(
        fmt::format("field \"kind\" must be a string, not {}", TypeName(kind_el.type())));
  }
  const std::string_view kind(kind_el);
  Fields fields(obj, kind, impl_->base_dir);
  return Build(kind, fields);
}

Result<Record> RecordParser::ParseCopy(std::string_view line) {
  impl_->copy.assign(line);
  impl_->copy.resize(line.size() + kPadding);
  return Parse(impl_->copy.data(), line.size());
}

std::string ResolvePath(const std::string& base_dir, std::string_view path) {
  if (path.empty() || path.front() == '/' || base_dir.empty() || base_dir == ".") {
    return std::string(path);
  }
  std::string out = base_dir;
  if (out.back() != '/') out.push_back('/');
  out.append(path);
  return out;
}

}  // namespace ipguard
