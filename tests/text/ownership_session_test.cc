// Authorization through a shop's owner account (issue 3, context rules) is
// learned by the text detectors' sessions in input order: the scan's output
// is the same whatever the threads and batches.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "pipeline/scan_pipeline.h"
#include "support/temp_dir.h"

namespace ipguard {
namespace {

std::shared_ptr<const Registry> OneBrand() {
  Registry::Builder b;
  Brand brand;
  brand.id = "chanel";
  brand.holder = "h";
  brand.names = {"香奈儿", "Chanel"};
  brand.authorized_shops = {"flagship"};
  b.Add(std::move(brand));
  return std::move(b).Build();
}

std::string Scan(const std::string& path, unsigned threads, size_t batch_lines) {
  auto engine = Engine::Create(OneBrand(), Policy::Defaults(),
                               {"brand_variant", "brand_mismatch", "portrait", "piracy"});
  EXPECT_TRUE(engine.ok());
  auto reader = LineReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  Rejections rejections(err);
  ScanOptions options;
  options.threads = threads;
  options.batch_lines = batch_lines;
  auto summary = RunScan(**engine, *reader, out, rejections, options);
  EXPECT_TRUE(summary.ok());
  std::rewind(out);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, out)) > 0;) text.append(buf, n);
  std::fclose(out);
  std::fclose(err);
  return text;
}

TEST(OwnershipSession, SameOutputWithOneThreadAndFourThreadsTinyBatches) {
  testing::TempDir dir;
  std::ostringstream items;
  // Shops s0..s9 sell 香奈儿 bags; halfway, the account that owns the
  // authorized flagship shop turns out to own s3 too, and a shop record
  // says s5 belongs to that account: their later listings are authorized.
  for (int i = 0; i < 400; ++i) {
    if (i == 200)
      items << R"({"kind":"account","id":"acct","name":"A","shops":["flagship","s3"]})"
            << "\n"
            << R"({"kind":"shop","id":"s5","name":"S5","account":"acct"})"
            << "\n";
    items << R"({"kind":"listing","id":"l)" << i << R"(","shop":"s)" << i % 10
          << R"(","title":"香奈儿 经典 手袋 )" << i << "\"}\n";
  }
  const std::string path = dir.Write("items.ndjson", items.str());
  const std::string one = Scan(path, 1, 256);
  const std::string four = Scan(path, 4, 1);
  EXPECT_EQ(one, four);
  // Before the links: every shop's listings are findings; after: s3 and s5
  // (authorized through the flagship's owner) are not.
  auto has = [&](int i) {
    return one.find("\"item\":\"l" + std::to_string(i) + "\"") != std::string::npos;
  };
  EXPECT_TRUE(has(3));
  EXPECT_TRUE(has(5));
  EXPECT_TRUE(has(4));
  EXPECT_FALSE(has(203));
  EXPECT_FALSE(has(205));
  EXPECT_TRUE(has(204));
  for (int i = 200; i < 400; ++i) {
    if (i % 10 == 3 || i % 10 == 5) {
      EXPECT_FALSE(has(i)) << i;
    }
  }
}

}  // namespace
}  // namespace ipguard
