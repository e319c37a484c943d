// `ipguard gang-case` end to end: scan a small marketplace with two gangs,
// then build the cases; the ranking, values, masking and exit codes.
#include <gtest/gtest.h>

#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string Shell(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = pclose(p);
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class GangCase : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* b = std::getenv("IPGUARD_BIN");
    ASSERT_NE(b, nullptr);
    bin_ = b;
    // One folder per test: ctest runs tests in parallel processes.
    dir_ = ::testing::TempDir() + "gang_case_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
           std::to_string(getpid());
    std::filesystem::create_directories(dir_);
    int status = 0;
    Shell(bin_ +
              " scan -q -r tests/corpus/gangs/case_registry.ndjson -i "
              "tests/corpus/gangs/case_items.ndjson -o " +
              dir_ + "/findings.ndjson",
          status);
    ASSERT_EQ(status, 0);
  }
  std::string bin_, dir_;
};

TEST_F(GangCase, RanksCasesByValueWithEvidenceAndMaskedData) {
  int status = 0;
  const std::string md =
      Shell(bin_ + " gang-case -i tests/corpus/gangs/case_items.ndjson -f " + dir_ +
                "/findings.ndjson --json " + dir_ + "/cases.json 2>/dev/null",
            status);
  EXPECT_EQ(status, 0);
  const std::string json = Slurp(dir_ + "/cases.json");
  // The Chanel gang (goods value 171,880) ranks above the Nike gang (77,700).
  const size_t chanel = json.find("\"b-chanel\"");
  const size_t nike = json.find("\"b-nike\"");
  ASSERT_NE(chanel, std::string::npos);
  ASSERT_NE(nike, std::string::npos);
  EXPECT_LT(chanel, nike);
  EXPECT_NE(json.find("\"rank\":1"), std::string::npos);
  EXPECT_NE(json.find("\"goods_value\":{\"CNY\":171880"), std::string::npos) << json.substr(0, 400);
  EXPECT_NE(json.find("\"listings_without_quantity\":1"), std::string::npos);
  // The honest shop at the same warehouse and IP is in no case.
  EXPECT_EQ(json.find("shop-honest"), std::string::npos);
  EXPECT_EQ(md.find("shop-honest"), std::string::npos);
  // Personal data masked in both outputs.
  for (const std::string* out : {&json, &md}) {
    EXPECT_EQ(out->find("6222021001123456"), std::string::npos);
    EXPECT_EQ(out->find("13911112222"), std::string::npos);
  }
  // The report explains itself and each case.
  EXPECT_NE(md.find("How to read this report"), std::string::npos);
  EXPECT_NE(md.find("## Case 1: "), std::string::npos);
  EXPECT_NE(md.find("Why it ranks here"), std::string::npos);
  EXPECT_NE(md.find("CNY 107,880.00"), std::string::npos);
}

TEST_F(GangCase, BadFindingLinesAreReportedAndExitTwo) {
  std::ofstream(dir_ + "/findings.ndjson", std::ios::app)
      << "not json\n{\"item\":\"x\",\"detector\":\"gang\",\"score\":0.9}\n";
  int status = 0;
  const std::string err = Shell(bin_ + " gang-case -i tests/corpus/gangs/case_items.ndjson -f " +
                                    dir_ + "/findings.ndjson --report /dev/null 2>&1",
                                status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(err.find("findings.ndjson:"), std::string::npos) << err;
  EXPECT_NE(err.find("without \"target\""), std::string::npos) << err;
}

TEST_F(GangCase, MissingFileCannotRun) {
  int status = 0;
  const std::string err = Shell(
      bin_ + " gang-case -i /nonexistent.ndjson -f " + dir_ + "/findings.ndjson 2>&1", status);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(err.find("fix --input"), std::string::npos) << err;
}

}  // namespace

namespace {

// The demo marketplace (`ipguard demo`, written independently of the gang
// generator) scored by `ipguard evaluate`: gang precision >= 0.95, recall
// >= 0.90 against its planted answers.
TEST(GangOnDemo, MeetsTheFiguresOnTheDemoMarketplace) {
  const char* b = std::getenv("IPGUARD_BIN");
  ASSERT_NE(b, nullptr);
  const std::string bin = b;
  const std::string dir = ::testing::TempDir() + "gang_demo_" + std::to_string(getpid());
  int status = 0;
  Shell(bin + " demo -o " + dir + " -n 20000 --max-images 0 --seed 7 2>/dev/null", status);
  ASSERT_EQ(status, 0);
  Shell(bin + " scan -q --detectors gang -r " + dir + "/registry.ndjson -i " + dir +
            "/items.ndjson -o " + dir + "/findings.ndjson",
        status);
  ASSERT_EQ(status, 0);
  const std::string report = Shell(bin + " evaluate --truth " + dir + "/truth.ndjson --findings " +
                                       dir + "/findings.ndjson 2>&1",
                                   status);
  std::istringstream lines(report);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string name;
    long correct, false_alarms, missed;
    double precision, recall;
    if (!(f >> name >> correct >> false_alarms >> missed >> precision >> recall)) continue;
    if (name != "gang") continue;
    found = true;
    EXPECT_GT(correct, 20);
    EXPECT_GE(precision, 0.95) << report;
    EXPECT_GE(recall, 0.90) << report;
  }
  EXPECT_TRUE(found) << report;
  std::filesystem::remove_all(dir);
}

}  // namespace
