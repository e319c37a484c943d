// The diversion detector on single items: every channel, the disguises, the
// lawful look-alikes, and the evidence (value, channel, the span of every piece).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "diversion/diversion_test_util.h"

namespace ipguard::testing {
namespace {

struct Case {
  const char* text;
  const char* channel;
  const char* value;  // "" for invitations and pointers
};

const Finding* FindChannel(const std::vector<Finding>& fs, const std::string& channel,
                           const std::string& value) {
  for (const auto& f : fs) {
    if (Str(f, "channel") == channel && (value.empty() || Str(f, "value") == value)) return &f;
  }
  return nullptr;
}

std::string Describe(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.ToJson() + "\n";
  return out.empty() ? "(no findings)" : out;
}

TEST(Diversion, FindsEveryChannel) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  const Case cases[] = {
      {"正品 加微信 abc_888x 详聊", "wechat", "abc_888x"},
      {"微信号：Lucky2023", "wechat", "lucky2023"},
      {"wxid_k2j3h4g5f6 扫码", "wechat", "wxid_k2j3h4g5f6"},
      {"QQ 12345678", "qq", "12345678"},
      {"QQ群：765432198", "qq", "765432198"},
      {"电话 138 1234 5678", "phone", "13812345678"},
      {"13812345678", "phone", "13812345678"},
      {"门店电话 010-62345678", "phone", "01062345678"},
      {"+44 7911 123456", "phone", "447911123456"},
      {"t.me/shop_king", "telegram", "shop_king"},
      {"电报 @shop_king", "telegram", "shop_king"},
      {"wa.me/447911123456", "whatsapp", "447911123456"},
      {"WhatsApp +1 415 555 2671", "whatsapp", "14155552671"},
      {"LINE ID: shopking", "line", "shopking"},
      {"邮箱 Shop.King@Gmail.com", "email", "shop.king@gmail.com"},
      {"更多款式 https://www.fake-outlet.top/bags/", "url", "fake-outlet.top/bags"},
      {"下单 luxury-replica.shop", "url", "luxury-replica.shop"},
      {"u.wechat.com/AbCdEf", "wechat", "u.wechat.com/AbCdEf"},
      {"weixin.qq.com/g/AbCdEf", "wechat", "weixin.qq.com/g/AbCdEf"},
      {"关注公众号：潮鞋之家", "wechat", "潮鞋之家"},
  };
  for (const auto& c : cases) {
    auto fs = fx.ScanTitle(c.text);
    const Finding* f = FindChannel(fs, c.channel, c.value);
    ASSERT_NE(f, nullptr) << c.text << "\n" << Describe(fs);
    EXPECT_GE(f->score, 0.55) << c.text;
  }
}

TEST(Diversion, SeesThroughDisguises) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  const Case cases[] = {
      {"加薇❤ x i a n g 8 8 8", "wechat", "xiang888"},
      {"V信：ＡＢＣ１２３４５", "wechat", "abc12345"},
      {"威信 lucky_2023", "wechat", "lucky_2023"},
      {"徽信 lucky_2023", "wechat", "lucky_2023"},
      {"➕V lucky_2023", "wechat", "lucky_2023"},
      {"微❤ lucky_2023", "wechat", "lucky_2023"},
      {"V/X lucky_2023", "wechat", "lucky_2023"},
      {"卫星 lucky_2023", "wechat", "lucky_2023"},
      {"绿泡泡 lucky_2023", "wechat", "lucky_2023"},
      {"扣扣 幺三八二二九七六五", "qq", "138229765"},
      {"🐧 12345678", "qq", "12345678"},
      {"企鹅 壹贰叁肆伍陆柒捌", "qq", "12345678"},
      {"扣扣：①②③④⑤⑥⑦⑧", "qq", "12345678"},
      {"纸飞机 @shop_king", "telegram", "shop_king"},
      {"飞机号: shop_king", "telegram", "shop_king"},
      {"幺三八 幺两三四 五六七八", "phone", "13812345678"},
      {"¹³⁸¹²³⁴⁵⁶⁷⁸", "phone", "13812345678"},
      {"１３８１２３４５６７８", "phone", "13812345678"},
      {"1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "phone",
       "13812345678"},
      {"1 3 8 1 2 3 4 5 6 7 8", "phone", "13812345678"},
      {"138❤1234❤5678", "phone", "13812345678"},
      {"138\n1234\n5678", "phone", "13812345678"},
      {"壹叁捌①②③4567八", "phone", "13812345678"},
      {"shop.king#qq.com", "email", "shop.king@qq.com"},
      {"加我微信详聊", "wechat", ""},
      {"私聊vx", "wechat", ""},
      {"扫码加微信", "wechat", ""},
      {"有意者联系QQ", "qq", ""},
      {"看主页", "profile", ""},
      {"主页有惊喜", "profile", ""},
      {"评论区扣1", "profile", ""},
      {"dm me on telegram", "telegram", ""},
  };
  for (const auto& c : cases) {
    auto fs = fx.ScanTitle(c.text);
    const Finding* f = FindChannel(fs, c.channel, c.value);
    ASSERT_NE(f, nullptr) << c.text << "\n" << Describe(fs);
    EXPECT_GE(f->score, 0.55) << c.text;
  }
}

TEST(Diversion, LawfulTextStaysClean) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  const char* clean[] = {
      "订单号 2023112913812345678",
      "订单号：13812345678",
      "快递单号 SF1234567890123",
      "型号 SM-G9980 货号 DD1391-100",
      "生产日期 2023-11-29",
      "2023年11月29日发货",
      "¥1380.00 原价 13800 元",
      "128GB 42码 500ml",
      "尺码 36 37 38 39 40 41 42",
      "ISBN 978-7-111-12345-6",
      "ISBN 9787111123456",
      "客服热线 400-820-8820",
      "售后 800 810 8888",
      "支持微信支付",
      "支持微信/支付宝付款 扫码支付",
      "兼容微信运动的手环",
      "卫星导航仪",
      "企鹅玩偶 30cm",
      "QQ糖 500g",
      "有问题联系客服",
      "私信",
      "平台客服24小时在线",
      "online store, product line",
      "固件 v2.3.1 readme.md",
      "https://item.taobao.com/item.htm?id=612345678901",
      "七八成新 一两天发货",
      "已售 1234567 件",
      "1,380,000 元",
      "IMEI 861234567890123",
  };
  for (const char* text : clean) {
    auto fs = fx.ScanTitle(text);
    bool flagged = false;
    for (const auto& f : fs) flagged = flagged || f.score >= 0.55;
    EXPECT_FALSE(flagged) << text << "\n" << Describe(fs);
  }
}

TEST(Diversion, EvidenceTracesEveryPiece) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  auto fs = fx.ScanTitle("正品 电话 幺三八 1234\n5678 谢谢");
  const Finding* f = FindChannel(fs, "phone", "13812345678");
  ASSERT_NE(f, nullptr) << Describe(fs);
  EXPECT_EQ(f->detector, "diversion");
  EXPECT_EQ(Str(*f, "field"), "title");
  EXPECT_EQ(Str(*f, "normalized"), "13812345678");
  const json::Value* pieces = f->evidence.Find("pieces");
  ASSERT_NE(pieces, nullptr);
  ASSERT_EQ(pieces->items().size(), 3u);
  // Code points: 正品␠电话␠ = 0..5, 幺三八 = [6,9), 1234 = [10,14), 5678 = [15,19).
  const int expect[3][2] = {{6, 9}, {10, 14}, {15, 19}};
  const char* text[3] = {"幺三八", "1234", "5678"};
  for (int i = 0; i < 3; ++i) {
    const auto& span = pieces->items()[i].Find("span")->items();
    EXPECT_EQ(span[0].as_integer(), expect[i][0]);
    EXPECT_EQ(span[1].as_integer(), expect[i][1]);
    EXPECT_EQ(pieces->items()[i].Find("text")->as_string(), text[i]);
  }
  const auto& span = f->evidence.Find("span")->items();
  EXPECT_EQ(span[0].as_integer(), 6);
  EXPECT_EQ(span[1].as_integer(), 19);
  bool chinese = false, lines = false;
  for (const auto& v : f->evidence.Find("variant")->items()) {
    chinese = chinese || v.as_string() == "chinese_numerals";
    lines = lines || v.as_string() == "split_lines";
  }
  EXPECT_TRUE(chinese);
  EXPECT_TRUE(lines);
}

TEST(Diversion, NumberSplitOverTitleAndDescription) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  Listing l;
  l.id = "l9";
  l.shop = "s";
  l.title = "AJ1 倒钩 电话138";
  l.description = "12345678 先到先得";
  auto fs = fx.Scan(l);
  const Finding* f = FindChannel(fs, "phone", "13812345678");
  ASSERT_NE(f, nullptr) << Describe(fs);
  const auto& pieces = f->evidence.Find("pieces")->items();
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].Find("field")->as_string(), "title");
  EXPECT_EQ(pieces[1].Find("field")->as_string(), "description");
}

TEST(Diversion, JoinsConsecutiveCommentsOfOneAccount) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  auto session = fx.detector().NewSession();
  ASSERT_NE(session, nullptr);
  const char* parts[] = {"138", "1234", "5678"};
  std::vector<Content> items;
  for (int i = 0; i < 3; ++i) {
    Content c;
    c.id = "c" + std::to_string(i);
    c.account = "a1";
    c.type = "comment";
    c.text = parts[i];
    items.push_back(c);
  }
  Content other;  // another account's comment in between does not break the chain
  other.id = "x";
  other.account = "a2";
  other.type = "comment";
  other.text = "999";
  std::vector<Item> stream = {items[0], other, items[1], items[2]};
  std::vector<Finding> out;
  for (const Item& it : stream) {
    PreparedItem p = Engine::Prepare(it);
    std::vector<Finding> fs;
    session->Observe(p, fs);
    for (auto& f : fs) out.push_back(std::move(f));
  }
  session->Finish(out);
  const Finding* f = FindChannel(out, "phone", "13812345678");
  ASSERT_NE(f, nullptr) << Describe(out);
  EXPECT_EQ(f->item, "c2");
  const auto& pieces = f->evidence.Find("pieces")->items();
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0].Find("item")->as_string(), "c0");
  EXPECT_EQ(pieces[1].Find("item")->as_string(), "c1");
  EXPECT_EQ(pieces[2].Find("item"), nullptr);  // the finding's own item
}

TEST(Diversion, HotlinesAreConfigurable) {
  {
    DiversionFixture fx;
    ASSERT_TRUE(fx.ok());
    EXPECT_TRUE(fx.ScanTitle("客服电话 400-820-8820").empty());
  }
  Policy policy = Policy::Defaults();
  ASSERT_TRUE(policy.Set("diversion.allow_hotlines=0").ok());
  DiversionFixture fx(nullptr, policy);
  ASSERT_TRUE(fx.ok());
  auto fs = fx.ScanTitle("客服电话 400-820-8820");
  EXPECT_NE(FindChannel(fs, "phone", "4008208820"), nullptr) << Describe(fs);
}

TEST(Diversion, AllowListFileAndAuthorizedBrands) {
  const std::string path = ::testing::TempDir() + "/allow.tsv";
  {
    std::ofstream f(path);
    f << "# test\ncontact\twechat:nike_official\ndomain\tmyplatform.cn\n";
  }
  setenv("IPGUARD_DIVERSION_ALLOW", path.c_str(), 1);
  {
    DiversionFixture fx;
    ASSERT_TRUE(fx.ok()) << fx.error();
    EXPECT_TRUE(fx.ScanTitle("微信 nike_official").empty());
    EXPECT_TRUE(fx.ScanTitle("https://m.myplatform.cn/item/1").empty());
    EXPECT_FALSE(fx.ScanTitle("微信 adidas_outlet").empty());
  }
  setenv("IPGUARD_DIVERSION_ALLOW", "/nonexistent/allow.tsv", 1);
  {
    DiversionFixture fx;
    EXPECT_FALSE(fx.ok());
    EXPECT_NE(fx.error().find("/nonexistent/allow.tsv"), std::string::npos) << fx.error();
  }
  unsetenv("IPGUARD_DIVERSION_ALLOW");

  Registry::Builder b;
  Brand nike;
  nike.id = "b1";
  nike.holder = "h1";
  nike.names = {"Nike"};
  nike.authorized_shops = {"nike_store"};
  b.Add(nike);
  DiversionFixture fx(std::move(b).Build());
  ASSERT_TRUE(fx.ok());
  EXPECT_TRUE(fx.ScanTitle("官网 www.nike.com 公众号：NikeChina", "nike_store").empty());
  EXPECT_FALSE(fx.ScanTitle("官网 www.nike.com", "other_shop").empty());
}

TEST(Diversion, HostileInputNeverCrashes) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok());
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 37) % 256);
  fx.ScanTitle(junk);
  fx.ScanTitle(std::string(10000, '1'));
  fx.ScanTitle(std::string(3000, '.') + "com");
  std::string spaced;
  for (int i = 0; i < 3000; ++i) spaced += "1 ";
  fx.ScanTitle(spaced);
  // Repetitions that once made the reader quadratic: each must stay fast.
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  for (const char* unit : {"微信 ", "v x ", "a.", "1.", "①", "看主页", "(at)", "QQ 12345 ", "加 ",
                           "请勿加微信 ", "wxid_abc ", "t.me/a "}) {
    const auto start = std::chrono::steady_clock::now();
    fx.ScanTitle(repeat(unit, 20000));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0) << unit;
  }
  fx.ScanTitle("微信");
  fx.ScanTitle("@");
  fx.ScanTitle("#.");
  SUCCEED();
}

// The fast paths of the document reading and of the reader (ASCII runs, the
// digit skip eight positions at a time, the spelled-link pre-check noted
// while reading, keycaps) must read exactly what the plain reading does:
// contacts at every offset, after every script, at the very end of a text.
TEST(Diversion, FastPathsReadContactsAtEveryOffsetAndScript) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  for (const char* lead : {"", "a ", "ab ", "abc ", "abcdefg ", "质量好", "质量好 ok ", "Ｏｋ：",
                           "é ", "好评 12 条，", "2023-11-29 到货 12 件，"}) {
    for (const char* number :
         {"13812345678", "１３８１２３４５６７８",
          "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣"}) {
      const std::string text = std::string(lead) + number;
      auto fs = fx.ScanTitle(text);
      EXPECT_NE(FindChannel(fs, "phone", "13812345678"), nullptr) << text << Describe(fs);
      fs = fx.ScanTitle(text + " 谢谢");
      EXPECT_NE(FindChannel(fs, "phone", "13812345678"), nullptr) << text << Describe(fs);
    }
  }
  auto fs =
      fx.ScanTitle("1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣");
  const Finding* f = FindChannel(fs, "phone", "13812345678");
  ASSERT_NE(f, nullptr) << Describe(fs);
  EXPECT_NE(f->evidence.Dump().find("keycap_digits"), std::string::npos) << f->evidence.Dump();
  // Spelled '.' and '@' after a Latin letter, ASCII or full-width, at the
  // start of a text and after other text.
  for (const char* text : {"replicahub点com", "网址：replicahub点com 欢迎",
                           "ｒｅｐｌｉｃａｈｕｂ点com", "x点com", "看看 replicahub (dot) com"}) {
    fs = fx.ScanTitle(text);
    EXPECT_NE(FindChannel(fs, "url", ""), nullptr) << text << Describe(fs);
  }
  fs = fx.ScanTitle("邮箱 shopking艾特gmail点com");
  EXPECT_NE(FindChannel(fs, "email", "shopking@gmail.com"), nullptr) << Describe(fs);
  // 点 after a CJK word is a word ("一点点"), not a dot.
  fs = fx.ScanTitle("甜度一点点com");
  EXPECT_EQ(FindChannel(fs, "url", ""), nullptr) << Describe(fs);
}

}  // namespace
}  // namespace ipguard::testing

namespace ipguard::testing {
namespace {

// The first piece's span and text of a finding.
std::pair<std::string, std::string> FirstPiece(const Finding& f) {
  const auto& p = f.evidence.Find("pieces")->items().front();
  const auto& span = p.Find("span")->items();
  return {std::to_string(span[0].as_integer()) + "," + std::to_string(span[1].as_integer()),
          p.Find("text")->as_string()};
}

TEST(Diversion, IdWrittenBeforeTheChannelNameIsTracedToItsCharacters) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  auto fs = fx.ScanTitle("正品现货 abc12345 是我v");
  const Finding* f = FindChannel(fs, "wechat", "abc12345");
  ASSERT_NE(f, nullptr) << Describe(fs);
  EXPECT_EQ(FirstPiece(*f), std::make_pair(std::string("5,13"), std::string("abc12345")));
  fs = fx.ScanTitle("1234567 是我扣扣");
  EXPECT_NE(FindChannel(fs, "qq", "1234567"), nullptr) << Describe(fs);
  // Lawful look-alikes: an order number, a plain word, a product name.
  for (const char* clean :
       {"订单号 abc12345 是我微信支付的", "summer 微信朋友圈同款", "iPhone15 是我用过最好的手机"}) {
    fs = fx.ScanTitle(clean);
    EXPECT_EQ(FindChannel(fs, "wechat", ""), nullptr) << clean << Describe(fs);
  }
}

TEST(Diversion, ForeignNumberWithoutPlusAfterAPhoneName) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  auto fs = fx.ScanTitle("电话 447911123456 随时联系");
  const Finding* f = FindChannel(fs, "phone", "447911123456");
  ASSERT_NE(f, nullptr) << Describe(fs);
  EXPECT_EQ(FirstPiece(*f), std::make_pair(std::string("3,15"), std::string("447911123456")));
  fs = fx.ScanTitle("订单 447911123456 已发货");  // no phone name: an order number
  EXPECT_EQ(FindChannel(fs, "phone", "447911123456"), nullptr) << Describe(fs);
}

// Causes found by the session-5 held-out probe (tests/corpus/diversion/
// probe_s5.ndjson), each with lawful look-alikes that must stay clean.
TEST(Diversion, HeldOutProbeCauses) {
  DiversionFixture fx;
  ASSERT_TRUE(fx.ok()) << fx.error();
  const Case cases[] = {
      // English "at" before an address that already has its '@'
      {"email me at john.seller@outlook.com", "email", "john.seller@outlook.com"},
      {"reach us at sales@shop-outlet.net", "email", "sales@shop-outlet.net"},
      {"mail: john at gmail dot com", "email", "john@gmail.com"},
      // an id that begins with a channel abbreviation (wx, vx)
      {"微信 wx_2023cn", "wechat", "wx_2023cn"},
      {"微信号：wx2023cn", "wechat", "wx2023cn"},
      {"加微信 vx88990123", "wechat", "vx88990123"},
      // traditional script between the name and the value
      {"代购 威信號：hkdaigou888", "wechat", "hkdaigou888"},
      {"聯繫電話：13812345678", "phone", "13812345678"},
      // 微 + colon, 绿色软件搜, link and group pointers
      {"微：rolex_hk8", "wechat", "rolex_hk8"},
      {"绿色软件搜 fz_huoyuan", "wechat", "fz_huoyuan"},
      {"私我拿链接 外面便宜", "profile", ""},
      {"扫码进群 群里更便宜", "profile", ""},
      {"复制整段话 ￥Xk9aB2cD3￥ 打开淘宝", "profile", ""},
      // batch B: 裙 for 群, "@ name", profile places, 朋友圈
      {"Q裙 876543210", "qq", "876543210"},
      {"🐧裙：123456789", "qq", "123456789"},
      {"tg：@ reps_666", "telegram", "reps_666"},
      {"主页简介有V", "profile", ""},
      {"头像上有二维码 扫一下", "profile", ""},
      {"更多实拍看我朋友圈", "profile", ""},
      {"关注公众号 潮鞋之家", "wechat", "潮鞋之家"},  // a space is enough when invited
  };
  for (const auto& c : cases) {
    auto fs = fx.ScanTitle(c.text);
    const Finding* f = FindChannel(fs, c.channel, c.value);
    ASSERT_NE(f, nullptr) << c.text << "\n" << Describe(fs);
    EXPECT_GE(f->score, 0.55) << c.text;
  }
  const char* clean[] = {
      "VX-500 吸尘器配件",
      "微单相机 索尼 A7M4",
      "绿色软件 免安装 PS2024",
      "meet at 5pm at the station",
      "订单號 2023112913812345678",
      "價格 13800元",
      "售價 1380 塊",
      "微信 wx 都可以付款",
      "微信公众号 文章排版 服务",
      "本店只在平台内交易 不加微信 不私下交易",
      "深V连衣裙 Q版印花",
  };
  for (const char* text : clean) {
    auto fs = fx.ScanTitle(text);
    bool flagged = false;
    for (const auto& f : fs) flagged = flagged || f.score >= 0.55;
    EXPECT_FALSE(flagged) << text << "\n" << Describe(fs);
  }
}

}  // namespace
}  // namespace ipguard::testing
