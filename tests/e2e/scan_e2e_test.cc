// End to end: runs the ipguard binary on files, as a user does.
#include <gtest/gtest.h>

#include <sstream>

#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace ipguard {
namespace {

using testing::RunIpguard;
using testing::TempDir;

constexpr char kRegistry[] =
    R"({"kind":"rights_holder","id":"h1","name":"Nike, Inc."})"
    "\n"
    R"({"kind":"brand","id":"b-nike","holder":"h1","names":["Nike","耐克"],"aliases":["钩子"],"authorized_shops":["s-official"]})"
    "\n";

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(ScanE2E, FindsBrandNamesWithSpansInOriginalCodePoints) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  const auto items = dir.Write(
      "items.ndjson", R"({"kind":"listing","id":"l1","shop":"s1","title":"【正品】NIKE 气垫鞋"})"
                      "\n");
  auto r = RunIpguard({"scan", "--registry", reg, "--input", items});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(Lines(r.out).size(), 1u) << r.out;
  EXPECT_EQ(
      r.out,
      R"({"item":"l1","detector":"brand_variant","target":"b-nike","score":0.95,"action":"remove",)"
      R"("evidence":{"field":"title","span":[4,8],"text":"NIKE","normalized":"nike","variant":["exact"],"name":"Nike"}})"
      "\n");
  EXPECT_NE(r.err.find("findings:"), std::string::npos);
  EXPECT_NE(r.err.find("rejected:  none"), std::string::npos);
}

TEST(ScanE2E, AuthorizedShopsAndPartsOfWordsStayClean) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  const auto items =
      dir.Write("items.ndjson",
                R"({"kind":"listing","id":"l1","shop":"s-official","title":"Nike Air Max 官方"})"
                "\n"
                R"({"kind":"listing","id":"l2","shop":"s2","title":"Nikelodeon cartoon mug"})"
                "\n"
                R"({"kind":"account","id":"a1","name":"耐克官方店主","shops":["s-official"]})"
                "\n");
  auto r = RunIpguard({"scan", "-r", reg, "-i", items});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ScanE2E, BadLinesAreReportedAndEverythingElseIsScanned) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  const auto items = dir.Write(
      "items.ndjson",
      R"({"kind":"listing","id":"l1","shop":"s1","title":"耐克 跑鞋"})"
      "\n"
      "this is not json\n"
      R"({"kind":"listing","id":"l2","shop":"s1"})"
      "\r\n"
      R"({"kind":"listing","id":"l3","shop":"s1","title":"钩子 同款","price":"cheap"})"
      "\n"
      R"({"kind":"content","id":"c1","account":"a","type":"comment","text":"钩 子 yyds"})");
  auto r = RunIpguard({"scan", "-r", reg, "-i", items});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  auto found = Lines(r.out);
  ASSERT_EQ(found.size(), 2u) << r.out;
  EXPECT_NE(found[0].find(R"("item":"l1")"), std::string::npos);
  EXPECT_NE(found[1].find(R"("item":"c1")"), std::string::npos);
  EXPECT_NE(r.err.find("items.ndjson:2: rejected: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("items.ndjson:3: rejected: missing required field \"title\" (kind listing)"),
            std::string::npos);
  EXPECT_NE(r.err.find("items.ndjson:4: rejected: field \"price\" must be a number, not a string"),
            std::string::npos);
  EXPECT_NE(r.err.find("rejected:  3 lines"), std::string::npos);
}

TEST(ScanE2E, ReadsItemsFromStandardInputAndWritesAnOutputFile) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  auto r = RunIpguard({"scan", "-r", reg, "-i", "-", "-o", dir.File("out.ndjson")},
                      R"({"kind":"listing","id":"l1","shop":"s1","title":"耐克"})"
                      "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(testing::ReadFile(dir.File("out.ndjson")).find(R"("item":"l1")"), std::string::npos);
}

TEST(ScanE2E, OutputFollowsInputOrderOnAllThreads) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  std::string items;
  for (int i = 0; i < 20000; ++i) {
    items += R"({"kind":"listing","id":"l)" + std::to_string(i) + R"(","shop":"s","title":")" +
             (i % 3 ? "普通商品 " : "耐克 ") + std::to_string(i) + "\"}\n";
  }
  const auto path = dir.Write("items.ndjson", items);
  auto r = RunIpguard({"scan", "-r", reg, "-i", path, "--threads", "4", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");  // --quiet
  auto found = Lines(r.out);
  ASSERT_EQ(found.size(), 6667u);
  for (size_t k = 0; k < found.size(); ++k) {
    ASSERT_NE(found[k].find("\"item\":\"l" + std::to_string(k * 3) + "\""), std::string::npos) << k;
  }
}

TEST(ScanE2E, PolicyThresholdsComeFromTheCommandLineAndFiles) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  const auto items =
      dir.Write("items.ndjson", R"({"kind":"listing","id":"l1","shop":"s1","title":"Nike"})");
  auto r = RunIpguard({"scan", "-r", reg, "-i", items, "--set", "brand_variant.remove=0.99"});
  EXPECT_NE(r.out.find(R"("action":"review")"), std::string::npos) << r.out;
  const auto policy = dir.Write("p.ini", "[brand_variant]\nreview = 0.96\nremove = 0.99\n");
  r = RunIpguard({"scan", "-r", reg, "-i", items, "--policy", policy});
  EXPECT_NE(r.out.find(R"("action":"none")"), std::string::npos) << r.out;
  r = RunIpguard({"scan", "-r", reg, "-i", items, "--set", "brand_variant.remove=lots"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not a number"), std::string::npos);
}

TEST(ScanE2E, CouldNotRunIsExitOneWithAMessage) {
  TempDir dir;
  const auto items = dir.Write("items.ndjson", "");
  auto r = RunIpguard({"scan", "-r", dir.File("missing.ndjson"), "-i", items});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos);
  EXPECT_NE(r.err.find("fix --registry"), std::string::npos);
  r = RunIpguard({"scan", "-r", "-", "-i", "-"});
  EXPECT_EQ(r.exit_code, 1);
  r = RunIpguard({"scan", "-r", items});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--input"), std::string::npos);
  r = RunIpguard({"scan", "-r", items, "-i", items, "--detectors", "nonsense"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown detector \"nonsense\""), std::string::npos);
}

TEST(ScanE2E, EmptyInputIsFine) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", kRegistry);
  const auto items = dir.Write("items.ndjson", "");
  auto r = RunIpguard({"scan", "-r", reg, "-i", items});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
}

TEST(ScanE2E, EveryCommandHasHelp) {
  for (const char* cmd : {"scan", "demo", "evaluate"}) {
    auto r = RunIpguard({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << r.out;
  }
  auto r = RunIpguard({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("scan"), std::string::npos);
}

}  // namespace
}  // namespace ipguard
