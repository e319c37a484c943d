// End to end: `ipguard scan` on files with contacts in text, in consecutive
// comments and in a QR code in a listing photo, as a user runs it.
#include <gtest/gtest.h>

#include <sstream>

#include "diversion/synthetic_photo.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace ipguard::testing {
namespace {

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Has(const std::vector<std::string>& lines, const std::string& item,
         const std::string& fragment) {
  for (const auto& l : lines) {
    if (l.find("\"item\":\"" + item + "\"") != std::string::npos &&
        l.find(fragment) != std::string::npos)
      return true;
  }
  return false;
}

TEST(DiversionE2E, TextCommentsAndQrCode) {
  TempDir dir;
  Photo photo = MakeBackground(1600, 1200, 9);
  PasteQr(photo, "https://weixin.qq.com/g/AbCdEf", 500, 400, 360);
  ASSERT_TRUE(WriteJpeg(photo, dir.File("p1.jpg")));
  const auto reg = dir.Write("reg.ndjson", R"({"kind":"rights_holder","id":"h1","name":"H"})"
                                           "\n");
  const auto items = dir.Write(
      "items.ndjson",
      R"({"kind":"listing","id":"l1","shop":"s1","title":"正品包包 加薇❤ x i a n g 8 8 8"})"
      "\n"
      R"({"kind":"listing","id":"l2","shop":"s1","title":"订单号 2023112913812345678 128GB 支持微信支付 客服热线 400-820-8820"})"
      "\n"
      R"({"kind":"listing","id":"l3","shop":"s2","title":"实拍","images":["p1.jpg"]})"
      "\n"
      R"({"kind":"content","id":"c1","account":"a1","type":"comment","text":"宝子私我 138"})"
      "\n"
      R"({"kind":"content","id":"c2","account":"a1","type":"comment","text":"1234"})"
      "\n"
      R"({"kind":"content","id":"c3","account":"a1","type":"comment","text":"5678"})"
      "\n");
  auto r = RunIpguard({"scan", "--registry", reg, "--input", items, "--detectors", "diversion"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = Lines(r.out);
  EXPECT_TRUE(Has(lines, "l1", R"("channel":"wechat","kind":"contact","value":"xiang888")"))
      << r.out;
  EXPECT_TRUE(Has(lines, "l1", R"("action":"remove")")) << r.out;
  EXPECT_FALSE(Has(lines, "l2", "diversion")) << r.out;
  EXPECT_TRUE(Has(lines, "l3", R"("image":")")) << r.out;
  EXPECT_TRUE(Has(lines, "l3", R"("channel":"wechat","kind":"group")")) << r.out;
  EXPECT_TRUE(Has(lines, "c3", R"("value":"13812345678")")) << r.out;
  EXPECT_TRUE(Has(lines, "c3", R"("item":"c1","field":"text","span":[5,8],"text":"138")")) << r.out;
  EXPECT_NE(r.err.find("diversion"), std::string::npos) << r.err;
}

TEST(DiversionE2E, BadAllowListIsAClearError) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", R"({"kind":"rights_holder","id":"h1","name":"H"})"
                                           "\n");
  const auto items =
      dir.Write("items.ndjson", R"({"kind":"listing","id":"l1","shop":"s1","title":"x"})"
                                "\n");
  const auto allow = dir.Write("allow.tsv", "domian\texample.com\n");
  setenv("IPGUARD_DIVERSION_ALLOW", allow.c_str(), 1);
  auto r = RunIpguard({"scan", "--registry", reg, "--input", items});
  unsetenv("IPGUARD_DIVERSION_ALLOW");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("allow.tsv:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("domian"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ipguard::testing
