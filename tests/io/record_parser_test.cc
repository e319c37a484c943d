#include "io/record_parser.h"

#include <gtest/gtest.h>

namespace ipguard {
namespace {

std::string ErrorOf(std::string_view line) {
  RecordParser parser("/data");
  auto r = parser.ParseCopy(line);
  return r.ok() ? std::string("<ok>") : r.status().message();
}

template <typename T>
T ParseAs(std::string_view line, const std::string& base = "/data") {
  RecordParser parser(base);
  auto r = parser.ParseCopy(line);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if constexpr (std::is_constructible_v<Item, T>) {
    if (auto* item = std::get_if<Item>(&*r)) {
      if (auto* t = std::get_if<T>(item)) return *t;
    }
  } else {
    if (auto* reg = std::get_if<RegistryRecord>(&*r)) {
      if (auto* t = std::get_if<T>(reg)) return *t;
    }
  }
  ADD_FAILURE() << "wrong kind for " << line;
  return T{};
}

TEST(RecordParser, ParsesEveryListingField) {
  auto l = ParseAs<Listing>(
      R"({"kind":"listing","id":"l1","shop":"s1","title":"耐克 跑鞋","description":"d","price":199.5,)"
      R"("currency":"CNY","category":"shoes","brand":"b1","images":["a.jpg","/abs/b.png"],)"
      R"("published_at":"2023-05-01T10:00:00Z","extra":{"ignored":[1,2]}})");
  EXPECT_EQ(l.id, "l1");
  EXPECT_EQ(l.shop, "s1");
  EXPECT_EQ(l.title, "耐克 跑鞋");
  EXPECT_EQ(l.price, 199.5);
  EXPECT_EQ(l.brand, "b1");
  ASSERT_EQ(l.images.size(), 2u);
  EXPECT_EQ(l.images[0], "/data/a.jpg");  // relative to the file's folder
  EXPECT_EQ(l.images[1], "/abs/b.png");
  EXPECT_EQ(l.published_at, 1682935200000);
}

TEST(RecordParser, ParsesRegistryKinds) {
  auto b = ParseAs<Brand>(
      R"({"kind":"brand","id":"b","holder":"h","names":["Nike","耐克"],"aliases":["钩子"],)"
      R"("authorized_shops":["s9"],"price_floor":{"shoes":299},"generic_senses":["耐克服"]})");
  EXPECT_EQ(b.names.size(), 2u);
  ASSERT_EQ(b.price_floor.size(), 1u);
  EXPECT_EQ(b.price_floor[0].first, "shoes");
  EXPECT_EQ(b.price_floor[0].second, 299);
  auto h = ParseAs<RightsHolder>(R"({"kind":"rights_holder","id":"h","name":"N","trusted":true})");
  EXPECT_TRUE(h.trusted);
  EXPECT_FALSE(h.verified);
  auto w = ParseAs<Work>(
      R"({"kind":"work","id":"w","holder":"h","type":"book","title":"三体","isbn":"978"})");
  EXPECT_EQ(w.isbn, "978");
  auto i = ParseAs<ImageRecord>(R"({"kind":"image","id":"i","holder":"h","path":"x/y.jpg"})");
  EXPECT_EQ(i.path, "/data/x/y.jpg");
  auto p = ParseAs<Portrait>(
      R"({"kind":"portrait","id":"p","holder":"h","names":["林小夏"],"images":["f.jpg"]})");
  EXPECT_EQ(p.images[0], "/data/f.jpg");
}

TEST(RecordParser, ParsesShopAttributesAsPairs) {
  auto s = ParseAs<Shop>(
      R"({"kind":"shop","id":"s","name":"n","attrs":{"phone":["138","139"],"device":"d1","qq":12345,"x":null}})");
  ASSERT_EQ(s.attrs.size(), 4u);
  EXPECT_EQ(s.attrs[0], (std::pair<std::string, std::string>{"phone", "138"}));
  EXPECT_EQ(s.attrs[1].second, "139");
  EXPECT_EQ(s.attrs[3], (std::pair<std::string, std::string>{"qq", "12345"}));
}

TEST(RecordParser, UnknownKindsAreNotErrors) {
  RecordParser parser(".");
  auto r = parser.ParseCopy(R"({"kind":"hologram","id":"x"})");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(std::holds_alternative<UnknownKind>(*r));
  EXPECT_EQ(std::get<UnknownKind>(*r).kind, "hologram");
}

TEST(RecordParser, BrokenJsonIsRejected) {
  EXPECT_NE(ErrorOf(R"({"kind":"listing","id":"l1")").find("not valid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf("not json at all").find("not valid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"kind":"listing"} trailing)").find("not valid JSON"), std::string::npos);
}

TEST(RecordParser, NonObjectsAreRejected) {
  EXPECT_NE(ErrorOf("[1,2,3]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(ErrorOf("\"listing\"").find("must be a JSON object"), std::string::npos);
}

TEST(RecordParser, MissingRequiredFieldsAreNamed) {
  EXPECT_EQ(ErrorOf(R"({"id":"l1"})"), "missing required field \"kind\"");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l1","shop":"s"})"),
            "missing required field \"title\" (kind listing)");
  EXPECT_EQ(ErrorOf(R"({"kind":"brand","id":"b","holder":"h"})"),
            "missing required field \"names\" (kind brand)");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"","shop":"s","title":"t"})"),
            "field \"id\" must not be empty");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l1","shop":"s","title":null})"),
            "missing required field \"title\" (kind listing)");
}

TEST(RecordParser, WrongTypesAreNamed) {
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":7,"shop":"s","title":"t"})"),
            "field \"id\" must be a string, not a number");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l","shop":"s","title":"t","price":"12"})"),
            "field \"price\" must be a number, not a string");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l","shop":"s","title":"t","images":[1]})"),
            "field \"images\"[0] must be a string, not a number");
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l","shop":"s","title":"t","price":-1})"),
            "field \"price\" must be a non-negative number");
  EXPECT_EQ(ErrorOf(R"({"kind":"rights_holder","id":"h","name":"n","trusted":"yes"})"),
            "field \"trusted\" must be true or false, not a string");
  EXPECT_EQ(ErrorOf(R"({"kind":"verdict","item":"l","label":"guilty"})"),
            "field \"label\" must be \"infringing\" or \"clean\", not \"guilty\"");
  EXPECT_EQ(ErrorOf(R"({"kind":17})"), "field \"kind\" must be a string, not a number");
}

TEST(RecordParser, BadTimesAreRejected) {
  EXPECT_EQ(ErrorOf(R"({"kind":"listing","id":"l","shop":"s","title":"t","published_at":"May 1"})"),
            "field \"published_at\" is not an RFC 3339 time: \"May 1\"");
}

TEST(RecordParser, InvalidUtf8IsRejected) {
  EXPECT_EQ(ErrorOf("{\"kind\":\"listing\",\"id\":\"l\",\"shop\":\"s\",\"title\":\"\xff\xfe\"}"),
            "not valid JSON: invalid UTF-8");
  EXPECT_EQ(ErrorOf("{\"kind\":\"listing\",\"id\":\"l\",\"shop\":\"s\",\"title\":\"\xe8\x80\"}"),
            "not valid JSON: invalid UTF-8");
}

}  // namespace
}  // namespace ipguard
