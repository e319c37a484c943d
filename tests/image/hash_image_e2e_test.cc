// `ipguard hash-image` as a user runs it (contract §2).
#include <cstdio>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "image/test_data.h"
#include "support/run_binary.h"

namespace {

using ipguard::testing::RunIpguardLine;
using ipguard::testing::RunResult;

TEST(HashImageCommand, PrintsHashQualityAndFileSeparatedBySpaces) {
  const std::string dir = ipguard::testing::PdqData();
  const std::string a = dir + "/bridge-mods/aaa-orig.jpg", b = dir + "/misc-images/c.png";
  RunResult r = RunIpguardLine("hash-image " + a + " " + b);
  EXPECT_EQ(r.exit_code, 0);
  std::istringstream lines(r.out);
  std::string line;
  const std::regex format("^[0-9a-f]{64} (100|[1-9]?[0-9]) (.+)$");
  std::vector<std::string> files;
  while (std::getline(lines, line)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, format)) << line;
    files.push_back(m[2]);
  }
  EXPECT_EQ(files, (std::vector<std::string>{a, b}));
}

TEST(HashImageCommand, Squash512ModeGivesTheReferenceHash) {
  const std::string f = ipguard::testing::PdqData() + "/bridge-mods/aaa-orig.jpg";
  RunResult r = RunIpguardLine("hash-image --mode squash512 " + f);
  EXPECT_EQ(r.out,
            "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22 100 " + f + "\n");
}

TEST(HashImageCommand, UnreadableFileIsReportedAndTheOthersStillHashed) {
  const std::string good = ipguard::testing::PdqData() + "/misc-images/wee.jpg";
  RunResult r = RunIpguardLine("hash-image /nonexistent.jpg " + good);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(good), std::string::npos);
  EXPECT_EQ(RunIpguardLine("hash-image").exit_code, 1);
  EXPECT_EQ(RunIpguardLine("hash-image --mode nope " + good).exit_code, 1);
}

}  // namespace
