// The demo marketplace: deterministic, complete, and scannable.
#include <gtest/gtest.h>

#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace ipguard {
namespace {

using testing::ReadFile;
using testing::RunIpguard;
using testing::TempDir;

TEST(DemoE2E, SameSeedSameFilesOtherSeedOtherFiles) {
  TempDir dir;
  for (const char* out : {"a", "b"}) {
    auto r = RunIpguard({"demo", "-o", dir.File(out), "-n", "300", "--seed", "7"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  ASSERT_EQ(RunIpguard({"demo", "-o", dir.File("c"), "-n", "300", "--seed", "8"}).exit_code, 0);
  for (const char* f :
       {"/registry.ndjson", "/items.ndjson", "/truth.ndjson", "/images/photo-00000.png"}) {
    EXPECT_EQ(ReadFile(dir.File("a") + f), ReadFile(dir.File("b") + f)) << f;
  }
  EXPECT_NE(ReadFile(dir.File("a") + "/items.ndjson"), ReadFile(dir.File("c") + "/items.ndjson"));
}

TEST(DemoE2E, PlantsEveryDetectorKindAndLawfulLookAlikes) {
  TempDir dir;
  ASSERT_EQ(RunIpguard({"demo", "-o", dir.path(), "-n", "1500"}).exit_code, 0);
  const std::string truth = ReadFile(dir.File("truth.ndjson"));
  for (const char* detector : {"brand_variant", "brand_mismatch", "diversion", "image_copy",
                               "portrait", "piracy", "gang"}) {
    EXPECT_NE(truth.find(std::string(R"("label":"infringing","detector":")") + detector + "\""),
              std::string::npos)
        << detector;
  }
  for (const char* lawful : {"generic sense", "lawful look-alike", "authorized shop",
                             "lawful numbers", "fan talk", "lawful copy"}) {
    EXPECT_NE(truth.find(lawful), std::string::npos) << lawful;
  }
  const std::string items = ReadFile(dir.File("items.ndjson"));
  for (const char* kind : {"\"kind\":\"shop\"", "\"kind\":\"account\"", "\"kind\":\"listing\"",
                           "\"kind\":\"content\"", "\"kind\":\"verdict\"", "\"images\":["}) {
    EXPECT_NE(items.find(kind), std::string::npos) << kind;
  }
}

TEST(DemoE2E, ScanAndEvaluateTheDemo) {
  TempDir dir;
  ASSERT_EQ(RunIpguard({"demo", "-o", dir.path(), "-n", "800"}).exit_code, 0);
  auto scan = RunIpguard({"scan", "-r", dir.File("registry.ndjson"), "-i", dir.File("items.ndjson"),
                          "-o", dir.File("findings.ndjson")});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;  // the demo has no bad lines
  EXPECT_NE(scan.err.find("listing 800"), std::string::npos) << scan.err;
  auto eval =
      RunIpguard({"evaluate", "-t", dir.File("truth.ndjson"), "-f", dir.File("findings.ndjson")});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("brand_variant"), std::string::npos);
  EXPECT_NE(eval.out.find("precision"), std::string::npos);
}

TEST(DemoE2E, BadArgumentsAreExitOne) {
  auto r = RunIpguard({"demo", "-n", "0"});
  EXPECT_EQ(r.exit_code, 1);
  r = RunIpguard({"demo", "-o", "/proc/definitely/not/here"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot create"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ipguard
