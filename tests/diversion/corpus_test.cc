// Accuracy on the labelled corpus (tests/corpus/diversion/corpus.ndjson):
// the ipguard binary scans it as a user would, and the test fails below
// precision 0.97 or recall 0.95 (issue 4). An item counts as flagged when a
// diversion finding about it is at least at the policy's review threshold.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>

namespace {

// The string value of "key" in a flat JSON line (enough for ids and labels).
std::string FieldOf(const std::string& line, const std::string& key) {
  const std::string marker = "\"" + key + "\":";
  const size_t at = line.find(marker);
  if (at == std::string::npos) return "";
  size_t start = line.find('"', at + marker.size());
  if (start == std::string::npos) return "";
  ++start;
  return line.substr(start, line.find('"', start) - start);
}

double ScoreOf(const std::string& line) {
  const size_t at = line.find("\"score\":");
  return at == std::string::npos ? 0 : std::atof(line.c_str() + at + 8);  // atof skips spaces
}

TEST(DiversionCorpus, PrecisionAndRecall) {
  const char* bin = std::getenv("IPGUARD_BIN");
  ASSERT_NE(bin, nullptr) << "IPGUARD_BIN is not set";
  const std::string dir = "tests/corpus/diversion/";
  const std::string out = ::testing::TempDir() + "/diversion_corpus_findings.ndjson";
  // The generated corpus and the hand-written one, scanned in one input.
  const std::string input = ::testing::TempDir() + "/diversion_corpus.ndjson";
  {
    std::ofstream all(input);
    for (const char* name : {"corpus.ndjson", "handwritten.ndjson"}) {
      std::ifstream part(dir + name);
      ASSERT_TRUE(part) << "missing " << dir << name;
      all << part.rdbuf();
    }
  }
  const std::string cmd = std::string(bin) + " scan --quiet --detectors diversion --registry " +
                          dir + "registry.ndjson --input " + input + " --output " + out;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  std::set<std::string> flagged;
  std::ifstream findings(out);
  for (std::string line; std::getline(findings, line);) {
    if (FieldOf(line, "detector") == "diversion" && ScoreOf(line) >= 0.55) {
      flagged.insert(FieldOf(line, "item"));
    }
  }
  std::ifstream corpus(input);
  int tp = 0, fp = 0, fn = 0, positives = 0, negatives = 0;
  std::map<std::string, int> misses;
  for (std::string line; std::getline(corpus, line);) {
    const std::string id = FieldOf(line, "id");
    const std::string expect = FieldOf(line, "expect");
    const bool hit = flagged.count(id) > 0;
    if (expect == "flag") {
      ++positives;
      hit ? ++tp : ++fn;
    } else {
      ++negatives;
      if (hit) ++fp;
    }
    if ((expect == "flag") != hit) {
      ++misses[FieldOf(line, "case")];
      std::printf("%s %s\n", hit ? "false positive:" : "missed:", line.c_str());
    }
  }
  ASSERT_GE(positives + negatives, 600);
  ASSERT_GE(negatives, (positives + negatives) * 45 / 100);
  const double precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0;
  const double recall = positives ? static_cast<double>(tp) / positives : 0;
  std::printf("diversion corpus: %d items (%d to flag, %d clean): precision %.3f recall %.3f\n",
              positives + negatives, positives, negatives, precision, recall);
  EXPECT_GE(precision, 0.97);
  EXPECT_GE(recall, 0.95);
}

}  // namespace
