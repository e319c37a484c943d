#include "io/line_reader.h"

#include <gtest/gtest.h>

#include "io/record_parser.h"
#include "support/temp_dir.h"

namespace ipguard {
namespace {

using testing::TempDir;

std::vector<std::pair<uint64_t, std::string>> ReadAll(const std::string& path,
                                                      size_t max_lines = 3) {
  auto reader = LineReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::vector<std::pair<uint64_t, std::string>> out;
  LineBatch batch;
  while (reader->Next(batch, max_lines, 1 << 20)) {
    for (const auto& l : batch.lines)
      out.emplace_back(l.number, std::string(batch.data(l), l.size));
  }
  EXPECT_TRUE(reader->status().ok());
  return out;
}

TEST(LineReader, EmptyFileHasNoLines) {
  TempDir dir;
  EXPECT_TRUE(ReadAll(dir.Write("empty.ndjson", "")).empty());
}

TEST(LineReader, CrlfAndBlankLinesAndByteOrderMark) {
  TempDir dir;
  auto lines = ReadAll(dir.Write("a.ndjson", "\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"b\":2}\r\n"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (std::pair<uint64_t, std::string>{1, "{\"a\":1}"}));
  EXPECT_EQ(lines[1], (std::pair<uint64_t, std::string>{4, "{\"b\":2}"}));  // numbers count blanks
}

TEST(LineReader, TruncatedLastLineIsStillDelivered) {
  TempDir dir;
  auto lines = ReadAll(dir.Write("t.ndjson", "{\"a\":1}\n{\"kind\":\"listing\",\"id\""));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].first, 2u);
  RecordParser parser(".");
  auto r = parser.ParseCopy(lines[1].second);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not valid JSON"), std::string::npos);
}

TEST(LineReader, LinesLongerThanTheReadChunk) {
  TempDir dir;
  const std::string big(3 * (1 << 20) + 17, 'x');
  auto lines = ReadAll(dir.Write("big.ndjson", "a\n" + big + "\nb"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].second.size(), big.size());
  EXPECT_EQ(lines[2], (std::pair<uint64_t, std::string>{3, "b"}));
}

TEST(LineReader, AHundredMegabyteRecordParses) {
  TempDir dir;
  std::string line = R"({"kind":"listing","id":"l","shop":"s","title":"t","description":")";
  line.append(100u << 20, 'a');
  line += "\"}\n";
  auto reader =
      LineReader::Open(dir.Write("huge.ndjson", line + R"({"kind":"shop","id":"s","name":"n"})"));
  ASSERT_TRUE(reader.ok());
  LineBatch batch;
  RecordParser parser(".");
  std::vector<std::string> kinds;
  while (reader->Next(batch, 256, 1 << 20)) {
    for (const auto& l : batch.lines) {
      auto r = parser.Parse(batch.data(l), l.size);
      ASSERT_TRUE(r.ok()) << r.status().message();
      kinds.push_back(std::string(KindName(KindOf(std::get<Item>(*r)))));
      if (kinds.size() == 1) {
        EXPECT_EQ(std::get<Listing>(std::get<Item>(*r)).description.size(), 100u << 20);
      }
    }
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"listing", "shop"}));
}

TEST(LineReader, MissingFileAndFolderSayWhy) {
  auto missing = LineReader::Open("/nonexistent/items.ndjson");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("No such file"), std::string::npos);
  TempDir dir;
  auto folder = LineReader::Open(dir.path());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.status().message().find("folder"), std::string::npos);
}

TEST(LineReader, BaseDirIsTheFilesFolder) {
  EXPECT_EQ(LineReader::Open("/etc/hostname")->base_dir(), "/etc");
}

}  // namespace
}  // namespace ipguard
