// Accuracy on the labelled corpus (tests/corpus/diversion/corpus.ndjson and
// handwritten.ndjson) and, scored on its own, the held-out probe
// (probe_s5.ndjson): the ipguard binary scans them as a user would, and each
// test fails below precision 0.97 or recall 0.95 (issue 4). An item counts as flagged when a
// diversion finding about it is at least at the policy's review threshold.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

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

struct Score {
  int tp = 0, fp = 0, fn = 0, positives = 0, negatives = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  double recall() const { return positives ? static_cast<double>(tp) / positives : 0; }
};

// Scans `files` (in tests/corpus/diversion/, concatenated into one input) with
// the ipguard binary as a user would and scores every item labelled
// "expect":"flag" or "clean"; other labels ("context": a comment that only
// completes a later one) are scanned but not scored. Prints every miss and
// returns the totals; `by_case` gets the same figures per "case" field.
Score ScanAndScore(const std::vector<std::string>& files, const std::string& tag,
                   std::map<std::string, Score>* by_case = nullptr) {
  Score total;
  const char* bin = std::getenv("IPGUARD_BIN");
  EXPECT_NE(bin, nullptr) << "IPGUARD_BIN is not set";
  if (!bin) return total;
  const std::string dir = "tests/corpus/diversion/";
  const std::string out = ::testing::TempDir() + "/diversion_" + tag + "_findings.ndjson";
  const std::string input = ::testing::TempDir() + "/diversion_" + tag + ".ndjson";
  {
    std::ofstream all(input);
    for (const std::string& name : files) {
      std::ifstream part(dir + name);
      EXPECT_TRUE(part) << "missing " << dir << name;
      all << part.rdbuf();
    }
  }
  const std::string cmd = std::string(bin) + " scan --quiet --detectors diversion --registry " +
                          dir + "registry.ndjson --input " + input + " --output " + out;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;

  std::set<std::string> flagged;
  std::ifstream findings(out);
  for (std::string line; std::getline(findings, line);) {
    if (FieldOf(line, "detector") == "diversion" && ScoreOf(line) >= 0.55) {
      flagged.insert(FieldOf(line, "item"));
    }
  }
  std::ifstream corpus(input);
  for (std::string line; std::getline(corpus, line);) {
    const std::string expect = FieldOf(line, "expect");
    if (expect != "flag" && expect != "clean") continue;
    const bool hit = flagged.count(FieldOf(line, "id")) > 0;
    Score scratch;
    for (Score* sc : {&total, by_case ? &(*by_case)[FieldOf(line, "case")] : &scratch}) {
      if (expect == "flag") {
        ++sc->positives;
        hit ? ++sc->tp : ++sc->fn;
      } else {
        ++sc->negatives;
        if (hit) ++sc->fp;
      }
    }
    if ((expect == "flag") != hit)
      std::printf("%s %s\n", hit ? "false positive:" : "missed:", line.c_str());
  }
  return total;
}

TEST(DiversionCorpus, PrecisionAndRecall) {
  // The generated corpus and the hand-written one, scanned in one input.
  const Score s = ScanAndScore({"corpus.ndjson", "handwritten.ndjson"}, "corpus");
  ASSERT_GE(s.positives + s.negatives, 600);
  ASSERT_GE(s.negatives, (s.positives + s.negatives) * 45 / 100);
  std::printf("diversion corpus: %d items (%d to flag, %d clean): precision %.3f recall %.3f\n",
              s.positives + s.negatives, s.positives, s.negatives, s.precision(), s.recall());
  EXPECT_GE(s.precision(), 0.97);
  EXPECT_GE(s.recall(), 0.95);
}

// The session-5 held-out probe (probe_s5.ndjson: batch A written before
// reading the corpus or the detector's code, batch B after batch A's fixes),
// scored on its own so that it cannot hide behind the larger corpus.
TEST(DiversionCorpus, HeldOutProbe) {
  std::map<std::string, Score> by_case;
  const Score s = ScanAndScore({"probe_s5.ndjson"}, "probe", &by_case);
  ASSERT_GE(s.positives + s.negatives, 250);
  ASSERT_GE(s.negatives, (s.positives + s.negatives) * 40 / 100);
  for (const auto& [name, c] : by_case)
    std::printf("  %s: %d to flag, %d clean: precision %.3f recall %.3f\n", name.c_str(),
                c.positives, c.negatives, c.precision(), c.recall());
  std::printf("diversion probe: %d items (%d to flag, %d clean): precision %.3f recall %.3f\n",
              s.positives + s.negatives, s.positives, s.negatives, s.precision(), s.recall());
  EXPECT_GE(s.precision(), 0.97);
  EXPECT_GE(s.recall(), 0.95);
}

}  // namespace
