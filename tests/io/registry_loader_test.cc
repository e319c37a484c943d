#include "io/registry_loader.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "support/temp_dir.h"

namespace ipguard {
namespace {

TEST(RegistryLoader, BuildsASnapshotAndReportsBadLines) {
  testing::TempDir dir;
  const auto path =
      dir.Write("reg.ndjson", R"({"kind":"rights_holder","id":"h","name":"H"})"
                              "\n"
                              R"({"kind":"brand","id":"b","holder":"h","names":["A"]})"
                              "\n"
                              R"({"kind":"brand","id":"b","holder":"h","names":["B"]})"
                              "\n"
                              R"({"kind":"listing","id":"l","shop":"s","title":"t"})"
                              "\n"
                              R"({"kind":"brand","id":"c"})"
                              "\n"
                              R"({"kind":"future_kind"})"
                              "\n");
  std::FILE* sink = std::tmpfile();
  Rejections rejections(sink);
  auto load = LoadRegistry(path, rejections);
  ASSERT_TRUE(load.ok()) << load.status().message();
  EXPECT_EQ(load->registry->brands().size(), 1u);
  EXPECT_EQ(load->registry->FindBrand("b")->names[0], "B");  // the newest registration wins
  EXPECT_EQ(load->replaced, 1u);
  EXPECT_EQ(load->unknown_kinds, 1u);
  EXPECT_EQ(rejections.count(), 2u);
  ASSERT_EQ(rejections.first().size(), 2u);
  EXPECT_NE(rejections.first()[0].find("reg.ndjson:4: rejected: kind \"listing\" is an item"),
            std::string::npos);
  EXPECT_NE(rejections.first()[1].find(":5: rejected: missing required field \"holder\""),
            std::string::npos);
  std::fclose(sink);
}

}  // namespace
}  // namespace ipguard
