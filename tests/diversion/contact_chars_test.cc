// The contact reading of code points: every form of a digit is a digit.
#include <gtest/gtest.h>

#include "detect/diversion/contact_chars.h"
#include "detect/diversion/links.h"
#include "detect/diversion/phone.h"

namespace ipguard::diversion {
namespace {

TEST(ContactChars, DigitsInEveryForm) {
  struct Case {
    char32_t cp;
    char digit;
    DigitForm form;
  } cases[] = {
      {U'7', '7', DigitForm::kAscii},       {U'７', '7', DigitForm::kWidth},
      {U'⑦', '7', DigitForm::kCircled},     {U'❼', '7', DigitForm::kCircled},
      {U'➆', '7', DigitForm::kCircled},     {U'⓪', '0', DigitForm::kCircled},
      {U'⁷', '7', DigitForm::kSuperscript}, {U'₇', '7', DigitForm::kSuperscript},
      {U'七', '7', DigitForm::kChinese},    {U'柒', '7', DigitForm::kFinancial},
      {U'幺', '1', DigitForm::kChinese},    {U'两', '2', DigitForm::kChinese},
      {U'〇', '0', DigitForm::kChinese},    {U'𝟕', '7', DigitForm::kWidth},
  };
  for (const auto& c : cases) {
    ContactChar cc = ReadContactChar(c.cp);
    EXPECT_EQ(cc.byte, c.digit) << static_cast<uint32_t>(c.cp);
    EXPECT_EQ(cc.form, c.form) << static_cast<uint32_t>(c.cp);
  }
}

TEST(ContactChars, LettersSeparatorsAndWords) {
  EXPECT_EQ(ReadContactChar(U'Ａ').byte, 'a');
  EXPECT_EQ(ReadContactChar(U'ｚ').byte, 'z');
  EXPECT_EQ(ReadContactChar(U'Q').byte, 'q');
  EXPECT_EQ(ReadContactChar(U'＠').byte, '@');
  EXPECT_EQ(ReadContactChar(U'。').byte, '.');
  EXPECT_EQ(ReadContactChar(U'微').byte, kWordChar);
  EXPECT_EQ(ReadContactChar(U'十').byte, kWordChar);  // not a digit of a number
  EXPECT_EQ(ReadContactChar(U'❤').byte, kSymbol);
  EXPECT_EQ(ReadContactChar(0x1F427).byte, kSymbol);  // 🐧
  EXPECT_EQ(ReadContactChar(0xFE0F).byte, kIgnorable);
  EXPECT_EQ(ReadContactChar(0x20E3).byte, kIgnorable);
  EXPECT_EQ(ReadContactChar(U'\u3000').byte, ' ');
}

// The reader skips to the next digit eight positions at a time with
// arithmetic that holds only for bytes below 0x80: every reading is one.
TEST(ContactChars, EveryReadingIsAsciiOrACode) {
  const ContactChar* table = BmpContactTable();
  for (char32_t c = 0; c < 0x10000; ++c) {
    ASSERT_LT(static_cast<unsigned char>(table[c].byte), 0x80) << static_cast<uint32_t>(c);
  }
  for (char32_t c : {char32_t{0x1F600}, char32_t{0x1F10B}, char32_t{0x20000}, char32_t{0xE0100}}) {
    EXPECT_LT(static_cast<unsigned char>(ReadContactChar(c).byte), 0x80);
  }
}

TEST(Phone, ValidatesWithLibphonenumber) {
  EXPECT_EQ(CheckPhone("13812345678", false).kind, PhoneKind::kMobile);
  EXPECT_EQ(CheckPhone("8613812345678", false).national, "13812345678");
  EXPECT_EQ(CheckPhone("01062345678", false).kind, PhoneKind::kFixedLine);
  EXPECT_EQ(CheckPhone("10012345678", false).kind, PhoneKind::kNone);
  EXPECT_EQ(CheckPhone("447911123456", true).e164, "+447911123456");
  EXPECT_EQ(CheckPhone("20231129", false).kind, PhoneKind::kNone);
  EXPECT_TRUE(LooksLikeChinesePhone("13812345678"));
  EXPECT_FALSE(LooksLikeChinesePhone("2023112913812345678"));
}

TEST(Links, PublicSuffixes) {
  EXPECT_TRUE(IsPublicTld("com"));
  EXPECT_TRUE(IsPublicTld("top"));
  EXPECT_FALSE(IsPublicTld("jpg"));
  EXPECT_EQ(RegistrableDomain("m.shop.example.co.uk"), "example.co.uk");
  auto link = ClassifyUrl("https://WWW.Fake-Outlet.TOP/Bags/#x");
  EXPECT_EQ(link.channel, "url");
  EXPECT_EQ(link.value, "fake-outlet.top/Bags");
  EXPECT_EQ(ClassifyUrl("t.me/Shop_King").value, "shop_king");
}

}  // namespace
}  // namespace ipguard::diversion
