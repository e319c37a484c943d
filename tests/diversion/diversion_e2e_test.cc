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

// An invitation in one comment and the id in the account's next comment on
// the same listing: found on the completing comment, traced to both, and the
// output is the same with one worker thread and with four.
TEST(DiversionE2E, InvitationAndIdInConsecutiveCommentsIndependentOfThreads) {
  TempDir dir;
  const auto reg = dir.Write("reg.ndjson", R"({"kind":"rights_holder","id":"h1","name":"H"})"
                                           "\n");
  std::string input;
  auto comment = [&](const std::string& id, const std::string& account, const std::string& listing,
                     const std::string& text) {
    input += R"({"kind":"content","id":")" + id + R"(","account":")" + account +
             R"(","type":"comment","listings":[")" + listing + R"("],"text":")" + text + "\"}\n";
  };
  for (int i = 0; i < 120; ++i) {
    // Filler between the comments, so that workers finish out of order.
    input +=
        R"({"kind":"listing","id":"f)" + std::to_string(i) +
        R"(","shop":"s9","title":"面料舒适透气 做工精细 全国包邮 七天无理由退换 尺码 170/88A"})"
        "\n";
    if (i == 10) comment("c1", "a1", "l1", "想要同款的加我V");
    if (i == 40) comment("c2", "a2", "l1", "好看");
    if (i == 70) comment("c3", "a1", "l1", "x i a n g 1 7 4");
    if (i == 80) comment("c4", "a3", "l2", "想要的加我V");
    if (i == 90) comment("c5", "a3", "l3", "k e l l y 9 9");  // another listing: not joined
  }
  const auto items = dir.Write("items.ndjson", input);
  auto one = RunIpguard(
      {"scan", "--registry", reg, "--input", items, "--detectors", "diversion", "--threads", "1"});
  auto four = RunIpguard(
      {"scan", "--registry", reg, "--input", items, "--detectors", "diversion", "--threads", "4"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_EQ(one.out, four.out);
  const auto lines = Lines(one.out);
  EXPECT_TRUE(Has(lines, "c3", R"("channel":"wechat","kind":"contact","value":"xiang174")"))
      << one.out;
  EXPECT_TRUE(Has(lines, "c3", R"("invitation_in_earlier_comment")")) << one.out;
  // Traced to both comments: the id's characters here, the invitation in c1.
  EXPECT_TRUE(Has(lines, "c3", R"("span":[0,15],"text":"x i a n g 1 7 4")")) << one.out;
  EXPECT_TRUE(
      Has(lines, "c3", R"("cue_piece":{"item":"c1","field":"text","span":[5,8],"text":"加我V"})"))
      << one.out;
  EXPECT_TRUE(Has(lines, "c1", R"("kind":"invitation")")) << one.out;
  EXPECT_FALSE(Has(lines, "c2", "diversion")) << one.out;
  EXPECT_FALSE(Has(lines, "c5", R"("value":"kelly99")")) << one.out;
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
