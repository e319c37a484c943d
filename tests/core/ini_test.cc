#include "core/ini.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace ipguard {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Ini, ReadsSectionsAndTrimmedSettingsInOrder) {
  const std::string path =
      WriteTemp("ini_ok.ini", "name = top\r\n# comment\n; also a comment\n\n[ a ]\n k\t= v w \n");
  std::vector<std::string> seen;
  IniHandlers h;
  h.section = [&](std::string_view s, const std::string& where) {
    seen.push_back(
        std::string("[").append(s).append("]@").append(where.substr(where.rfind(':') + 1)));
    return Status::Ok();
  };
  h.setting = [&](std::string_view s, std::string_view k, std::string_view v, const std::string&) {
    seen.push_back(std::string(s) + "|" + std::string(k) + "|" + std::string(v));
    return Status::Ok();
  };
  ASSERT_TRUE(ReadIniFile(path, "test file", h).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"|name|top", "[a]@5", "a|k|v w"}));
}

TEST(Ini, ErrorsNameTheFileAndLine) {
  IniHandlers h;
  h.setting = [](std::string_view, std::string_view, std::string_view, const std::string&) {
    return Status::Ok();
  };
  Status st = ReadIniFile(WriteTemp("ini_bad1.ini", "[a]\nno equals sign\n"), "test file", h);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("ini_bad1.ini:2: expected `key = value`"), std::string::npos)
      << st.message();
  st = ReadIniFile(WriteTemp("ini_bad2.ini", "[a\n"), "test file", h);
  EXPECT_NE(st.message().find("ini_bad2.ini:1: a section header must end with ]"),
            std::string::npos)
      << st.message();
  st = ReadIniFile(::testing::TempDir() + "no_such.ini", "test file", h);
  EXPECT_NE(st.message().find("cannot read test file"), std::string::npos) << st.message();
}

TEST(Ini, AHandlerErrorStopsTheRead) {
  int calls = 0;
  IniHandlers h;
  h.setting = [&](std::string_view, std::string_view k, std::string_view, const std::string& w) {
    ++calls;
    return k == "bad" ? Status::Error(w + ": bad key") : Status::Ok();
  };
  Status st = ReadIniFile(WriteTemp("ini_stop.ini", "a=1\nbad=2\nc=3\n"), "test file", h);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_NE(st.message().find("ini_stop.ini:2: bad key"), std::string::npos);
}

}  // namespace
}  // namespace ipguard
