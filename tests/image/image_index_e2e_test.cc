// `ipguard image-index add|query|stats` as a user runs it: a persistent
// index, reopened by each command, answering with the stored file names.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "image/test_data.h"
#include "support/run_binary.h"

namespace {

using ipguard::testing::RunIpguardLine;
using ipguard::testing::RunResult;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class ImageIndexCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ipguard-image-index-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    index_ = (dir_ / "photos.pdqidx").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string index_;
};

TEST_F(ImageIndexCommand, AddsQueriesAndReopens) {
  const std::string d = ipguard::testing::PdqData();
  const std::string orig = d + "/bridge-mods/aaa-orig.jpg", other = d + "/misc-images/c.png";
  RunResult add = RunIpguardLine("image-index add " + index_ + " " + orig + " " + other);
  ASSERT_EQ(add.exit_code, 0);
  const auto added = Lines(add.out);
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].rfind("0 ", 0), 0u) << added[0];
  EXPECT_EQ(added[1].rfind("1 ", 0), 0u) << added[1];

  // A blurred copy finds the original (a separate process: the index was
  // reopened from disk), and only it.
  const std::string blurred = d + "/bridge-mods/blur-a-lot.jpg";
  RunResult q = RunIpguardLine("image-index query " + index_ + " " + blurred);
  ASSERT_EQ(q.exit_code, 0);
  const auto found = Lines(q.out);
  ASSERT_EQ(found.size(), 1u) << q.out;
  std::istringstream f(found[0]);
  std::string file, transform, stored;
  int entry = -1, distance = -1;
  f >> file >> entry >> distance >> transform >> stored;
  EXPECT_EQ(file, blurred);
  EXPECT_EQ(entry, 0);
  EXPECT_LE(distance, 31);
  EXPECT_EQ(transform, "original");
  EXPECT_EQ(stored, orig);

  // Radius 0 is exact; a missing file is reported and gives status 2.
  EXPECT_TRUE(RunIpguardLine("image-index query --radius 0 " + index_ + " " + blurred).out.empty());
  EXPECT_EQ(
      RunIpguardLine("image-index query " + index_ + " " + (dir_ / "none.jpg").string()).exit_code,
      2);

  // Appending continues the entry numbers.
  RunResult more = RunIpguardLine("image-index add " + index_ + " " + blurred);
  ASSERT_EQ(more.exit_code, 0);
  EXPECT_EQ(more.out.rfind("2 ", 0), 0u) << more.out;
  RunResult stats = RunIpguardLine("image-index stats " + index_);
  EXPECT_EQ(stats.exit_code, 0);
  EXPECT_NE(stats.out.find("entries 3\n"), std::string::npos) << stats.out;
}

TEST_F(ImageIndexCommand, HelpAndBadArguments) {
  EXPECT_EQ(RunIpguardLine("image-index --help").exit_code, 0);
  EXPECT_EQ(RunIpguardLine("image-index").exit_code, 1);
  EXPECT_EQ(RunIpguardLine("image-index stats " + (dir_ / "absent").string()).exit_code, 1);
  const std::string garbage = (dir_ / "garbage").string();
  FILE* g = std::fopen(garbage.c_str(), "w");
  std::fputs("this is not an index\n", g);
  std::fclose(g);
  EXPECT_EQ(RunIpguardLine("image-index stats " + garbage).exit_code, 1);
}

}  // namespace
