// QR codes in product photos: decoded (PNG and JPEG, normal and inverted),
// classified, and reported by the detector with the image they came from.
#include <gtest/gtest.h>

#include "detect/diversion/links.h"
#include "detect/diversion/qr.h"
#include "diversion/diversion_test_util.h"
#include "diversion/synthetic_photo.h"

namespace ipguard::testing {
namespace {

using diversion::ClassifyPayload;
using diversion::ReadQrCodes;

std::string Temp(const std::string& name) { return ::testing::TempDir() + "/" + name; }

TEST(Qr, ReadsCodeInPngAndJpegPhoto) {
  Photo p = MakeBackground(1600, 1200, 1);
  PasteQr(p, "https://u.wechat.com/EFabc123", 900, 500, 360);
  ASSERT_TRUE(WritePng(p, Temp("qr.png")));
  ASSERT_TRUE(WriteJpeg(p, Temp("qr.jpg")));
  for (const char* name : {"qr.png", "qr.jpg"}) {
    auto codes = ReadQrCodes(Temp(name));
    ASSERT_TRUE(codes.ok()) << codes.status().message();
    ASSERT_EQ(codes->size(), 1u) << name;
    EXPECT_EQ((*codes)[0].payload, "https://u.wechat.com/EFabc123");
    EXPECT_NEAR((*codes)[0].x, 900, 60) << name;  // position in original pixels
    EXPECT_FALSE((*codes)[0].inverted);
  }
}

TEST(Qr, ReadsInvertedCode) {
  Photo p = MakeBackground(1600, 1200, 2);
  PasteQr(p, "https://t.me/shop_king", 300, 300, 400, /*inverted=*/true);
  ASSERT_TRUE(WriteJpeg(p, Temp("inv.jpg")));
  auto codes = ReadQrCodes(Temp("inv.jpg"));
  ASSERT_TRUE(codes.ok());
  ASSERT_EQ(codes->size(), 1u);
  EXPECT_EQ((*codes)[0].payload, "https://t.me/shop_king");
  EXPECT_TRUE((*codes)[0].inverted);
}

TEST(Qr, PhotoWithoutCodeHasNone) {
  Photo p = MakeBackground(1600, 1200, 3);
  ASSERT_TRUE(WriteJpeg(p, Temp("plain.jpg")));
  auto codes = ReadQrCodes(Temp("plain.jpg"));
  ASSERT_TRUE(codes.ok());
  EXPECT_TRUE(codes->empty());
}

TEST(Qr, BadFilesAreErrorsNamingTheFile) {
  auto missing = ReadQrCodes(Temp("does-not-exist.png"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("does-not-exist.png"), std::string::npos);
  FILE* f = fopen(Temp("broken.jpg").c_str(), "wb");
  fputs("\xFF\xD8\xFFgarbage", f);
  fclose(f);
  auto broken = ReadQrCodes(Temp("broken.jpg"));
  EXPECT_FALSE(broken.ok());
}

TEST(Qr, ClassifiesPayloads) {
  struct Case {
    const char* payload;
    const char* channel;
    const char* kind;
  } cases[] = {
      {"https://u.wechat.com/EFabc123", "wechat", "contact"},
      {"https://weixin.qq.com/g/AbCdEf", "wechat", "group"},
      {"http://weixin.qq.com/r/AbCdEf", "wechat", "official_account"},
      {"wxp://f2f0abcdef", "wechat", "payment"},
      {"https://qm.qq.com/cgi-bin/qm/qr?k=abc", "qq", "contact"},
      {"https://t.me/shop_king", "telegram", "contact"},
      {"https://t.me/+AbCdEf", "telegram", "group"},
      {"https://wa.me/447911123456", "whatsapp", "contact"},
      {"tel:+8613812345678", "phone", "contact"},
      {"mailto:shop@example.org", "email", "contact"},
      {"https://www.fake-outlet.top/x", "url", "link"},
      {"hello world", "text", "payload"},
  };
  for (const auto& c : cases) {
    auto link = ClassifyPayload(c.payload);
    EXPECT_EQ(link.channel, c.channel) << c.payload;
    EXPECT_EQ(link.kind, c.kind) << c.payload;
  }
  EXPECT_EQ(ClassifyPayload("tel:+8613812345678").value, "8613812345678");
  EXPECT_EQ(ClassifyPayload("https://wa.me/447911123456").value, "447911123456");
}

TEST(Qr, DetectorReportsCodeInListingImage) {
  Photo p = MakeBackground(1600, 1200, 4);
  PasteQr(p, "https://weixin.qq.com/g/AbCdEf", 600, 200, 420);
  ASSERT_TRUE(WriteJpeg(p, Temp("listing.jpg")));
  Photo clean = MakeBackground(1600, 1200, 5);
  ASSERT_TRUE(WriteJpeg(clean, Temp("clean.jpg")));
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok());
  Listing l;
  l.id = "l1";
  l.shop = "s1";
  l.title = "正品包包";
  l.images = {Temp("clean.jpg"), Temp("listing.jpg")};
  auto fs = fx.Scan(l);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(Str(fs[0], "channel"), "wechat");
  EXPECT_EQ(Str(fs[0], "kind"), "group");
  EXPECT_EQ(Str(fs[0], "image"), Temp("listing.jpg"));
  EXPECT_GE(fs[0].score, 0.9);
}

}  // namespace
}  // namespace ipguard::testing
