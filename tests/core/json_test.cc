#include "ipguard/json.h"

#include <gtest/gtest.h>

namespace ipguard::json {
namespace {

TEST(JsonValue, EscapesStringsPerRfc8259) {
  Value v = Value::Object();
  v.Set("t", std::string("a\"b\\c\n\x01") + "耐克");
  EXPECT_EQ(v.Dump(), "{\"t\":\"a\\\"b\\\\c\\n\\u0001耐克\"}");
}

TEST(JsonValue, KeepsInsertionOrderAndReplacesKeys) {
  Value v = Value::Object();
  v.Set("b", 1);
  v.Set("a", Value::Array({1, "x", nullptr, true}));
  v.Set("b", 2.5);
  EXPECT_EQ(v.Dump(), "{\"b\":2.5,\"a\":[1,\"x\",null,true]}");
  ASSERT_NE(v.Find("a"), nullptr);
  EXPECT_EQ(v.Find("zz"), nullptr);
}

TEST(JsonValue, NonFiniteNumbersBecomeNull) { EXPECT_EQ(Value(1.0 / 0.0).Dump(), "null"); }

}  // namespace
}  // namespace ipguard::json
