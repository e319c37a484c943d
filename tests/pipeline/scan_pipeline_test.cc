#include "pipeline/scan_pipeline.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <sstream>

#include "support/temp_dir.h"

namespace ipguard {
namespace {

// Flags every listing whose title contains "fake"; its session learns
// "trusted" shops from shop records (name "trusted") and drops findings on
// their later listings, and at the end reports how many items it saw.
class ProbeDetector : public Detector {
 public:
  std::string_view name() const override { return "probe"; }
  void Scan(const PreparedItem& item, DetectorScratch*, std::vector<Finding>& out) const override {
    auto* l = std::get_if<Listing>(item.item);
    if (!l || l->title.find("fake") == std::string::npos) return;
    Finding f;
    f.item = l->id;
    f.detector = "probe";
    f.target = l->shop;
    f.score = 0.95;
    out.push_back(std::move(f));
  }
  std::unique_ptr<DetectorSession> NewSession() const override {
    return std::make_unique<Session>();
  }

 private:
  class Session : public DetectorSession {
   public:
    void Observe(const PreparedItem& item, std::vector<Finding>& findings) override {
      ++seen_;
      if (auto* s = std::get_if<Shop>(item.item); s && s->name == "trusted") trusted_.insert(s->id);
      std::erase_if(findings, [&](const Finding& f) { return trusted_.count(f.target) > 0; });
    }
    void Finish(std::vector<Finding>& out) override {
      Finding f;
      f.item = "summary";
      f.detector = "probe";
      f.score = static_cast<double>(seen_) / 1e6;
      out.push_back(std::move(f));
    }

   private:
    std::set<std::string> trusted_;
    uint64_t seen_ = 0;
  };
};

std::string RunProbe(const std::string& path, unsigned threads) {
  std::vector<std::unique_ptr<Detector>> detectors;
  detectors.push_back(std::make_unique<ProbeDetector>());
  auto engine =
      Engine::FromDetectors(Registry::Builder().Build(), Policy::Defaults(), std::move(detectors));
  auto reader = LineReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  Rejections rejections(err);
  ScanOptions options;
  options.threads = threads;
  options.batch_lines = 7;  // many small batches, finished out of order
  auto summary = RunScan(*engine, *reader, out, rejections, options);
  EXPECT_TRUE(summary.ok());
  std::rewind(out);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, out)) > 0;) text.append(buf, n);
  std::fclose(out);
  std::fclose(err);
  return text;
}

TEST(ScanPipeline, SessionsObserveInInputOrderAndMayDropFindings) {
  testing::TempDir dir;
  std::ostringstream items;
  for (int i = 0; i < 3000; ++i) {
    const std::string shop = "s" + std::to_string(i % 50);
    if (i == 1500)
      items << R"({"kind":"shop","id":"s7","name":"trusted"})"
            << "\n";
    items << R"({"kind":"listing","id":"l)" << i << R"(","shop":")" << shop << R"(","title":"fake )"
          << i << "\"}\n";
  }
  const auto path = dir.Write("items.ndjson", items.str());
  const std::string one = RunProbe(path, 1);
  // Listings of s7 are flagged before the shop record says it is trusted, and
  // dropped after, whatever the threads do.
  EXPECT_NE(one.find(R"("item":"l1407","detector":"probe","target":"s7")"), std::string::npos);
  EXPECT_EQ(one.find(R"("item":"l1507")"), std::string::npos);
  EXPECT_NE(one.find(R"({"item":"summary","detector":"probe","score":0.003,"action":"none")"),
            std::string::npos)
      << one.substr(one.size() - 200);
  for (int run = 0; run < 3; ++run) EXPECT_EQ(RunProbe(path, 4), one);
}

}  // namespace
}  // namespace ipguard
