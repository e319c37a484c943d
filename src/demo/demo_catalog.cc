#include "demo/demo_catalog.h"

namespace ipguard::demo {

const std::vector<DemoBrand>& Brands() {
  static const std::vector<DemoBrand> kBrands = {
      {"brand-nike",
       "holder-nike",
       "Nike, Inc.",
       {"Nike", "耐克"},
       {"钩子"},
       "shoes",
       299,
       {},
       {{"ＮＩＫＥ", "width"},
        {"N1KE", "leet"},
        {"N.I.K.E", "separator"},
        {"耐K", "mixed"},
        {"奈克", "homophone"},
        {"naike", "pinyin"},
        {"耐\u200b克", "zero_width"},
        {"NІKE", "homoglyph"}},
       {"Air Max 270 气垫跑鞋", "Air Force 1 空军一号板鞋", "Dunk Low 复古板鞋", "速干运动T恤"},
       {"坚持锻炼耐克服困难的毅力", "耐克制自己的脾气才能成长"}},
      {"brand-chanel",
       "holder-chanel",
       "Chanel S.A.S.",
       {"Chanel", "香奈儿"},
       {"小香", "C家"},
       "bags",
       8000,
       {},
       {{"香🌸奈儿", "emoji"},
        {"香奈兒", "traditional"},
        {"xiangnaier", "pinyin"},
        {"香柰儿", "shape"},
        {"香儿奈", "reorder"},
        {"ＣＨＡＮＥＬ", "width"}},
       {"CF 链条包 羊皮", "经典口盖包", "五号香水 100ml", "山茶花耳钉"},
       {"香奈儿风格的穿搭分享，不卖货只聊天"}},
      {"brand-gucci",
       "holder-gucci",
       "Guccio Gucci S.p.A.",
       {"Gucci", "古驰"},
       {"G家"},
       "bags",
       3000,
       {},
       {{"G U C C I", "separator"}, {"古弛", "shape"}, {"ɢᴜᴄᴄɪ", "styled"}, {"GUCCl", "homoglyph"}},
       {"Marmont 双G 腰带", "酒神包 中号", "印花真丝丝巾"},
       {}},
      {"brand-apple",
       "holder-apple",
       "Apple Inc.",
       {"Apple", "苹果"},
       {},
       "electronics",
       2000,
       {"新鲜苹果", "红富士苹果", "苹果树", "苹果醋", "苹果脆片", "烟台苹果"},
       {{"Аpple", "homoglyph"}, {"ＡＰＰＬＥ", "width"}, {"平果", "homophone"}},
       {"iPhone 15 Pro Max 256GB", "AirPods Pro 2 降噪耳机", "iPad Air 平板电脑"},
       {"新鲜红富士苹果 5斤装 脆甜多汁", "烟台苹果 当季现摘 新鲜水果",
        "适用于苹果 iPhone 15 手机壳 防摔", "兼容苹果 AirPods 的硅胶保护套",
        "苹果醋饮料 0脂肪 12瓶整箱"}},
      {"brand-xiaomi",
       "holder-xiaomi",
       "Xiaomi Inc.",
       {"Xiaomi", "小米"},
       {},
       "electronics",
       99,
       {"小米粥", "黄小米", "小米椒", "小米辣", "新小米"},
       {{"XlAOMI", "homoglyph"}, {"小迷", "homophone"}},
       {"手环8 NFC版", "充电宝 20000mAh", "扫地机器人"},
       {"山西黄小米 新米 5斤 熬小米粥", "小米椒 新鲜朝天椒 500g", "适用于小米手环8 的替换腕带"}},
      {"brand-lv",
       "holder-lv",
       "Louis Vuitton Malletier",
       {"Louis Vuitton", "路易威登", "LV"},
       {"驴牌"},
       "bags",
       5000,
       {},
       {{"L0UIS VUITT0N", "leet"}, {"路易威顿", "shape"}},
       {"Neverfull 托特包", "老花 钱包", "Speedy 枕头包"},
       {}},
      {"brand-dior",
       "holder-dior",
       "Christian Dior Couture",
       {"Dior", "迪奥"},
       {"D家"},
       "cosmetics",
       300,
       {},
       {{"D!OR", "leet"}, {"迪奧", "traditional"}, {"ＤＩＯＲ", "width"}},
       {"烈艳蓝金口红 999", "真我香水 100ml", "凝脂恒久粉底液"},
       {}},
      {"brand-adidas",
       "holder-adidas",
       "adidas AG",
       {"Adidas", "阿迪达斯"},
       {"三叶草"},
       "shoes",
       399,
       {},
       {{"ADIDAS", "case"}, {"A-D-I-D-A-S", "separator"}, {"阿迪大斯", "homophone"}},
       {"Samba 德训鞋", "Ultraboost 跑鞋", "经典三条纹运动裤"},
       {}},
      {"brand-rolex",
       "holder-rolex",
       "Rolex SA",
       {"Rolex", "劳力士"},
       {"绿水鬼"},
       "watches",
       50000,
       {},
       {{"R0LEX", "leet"}, {"劳力仕", "homophone"}, {"ＲＯＬＥＸ", "width"}},
       {"潜航者型 腕表", "日志型 自动机械表", "宇宙计型 计时腕表"},
       {}},
      {"brand-lancome",
       "holder-lancome",
       "Lancôme Parfums et Beauté",
       {"Lancôme", "兰蔻"},
       {"小黑瓶"},
       "cosmetics",
       200,
       {},
       {{"LANCOME", "diacritic"}, {"蘭蔻", "traditional"}},
       {"精华肌底液 50ml", "粉水 400ml", "菁纯面霜"},
       {}},
  };
  return kBrands;
}

const std::vector<DemoWork>& Works() {
  static const std::vector<DemoWork> kWorks = {
      {"work-santi",
       "holder-cqph",
       "重庆出版社",
       "book",
       "三体",
       "刘慈欣",
       "9787536692930",
       {"地球往事三部曲"}},
      {"work-huozhe", "holder-zjwy", "作家出版社", "book", "活着", "余华", "9787506365437", {}},
      {"work-tishen",
       "holder-hsdj",
       "红杉短剧",
       "short_drama",
       "替身娇妻的逆袭",
       "",
       "",
       {"替身娇妻"}},
      {"work-shanyao", "holder-hsdj", "红杉短剧", "short_drama", "闪耀的她", "", "", {}},
      {"work-pycourse",
       "holder-mkedu",
       "码课教育",
       "course",
       "Python数据分析实战营",
       "",
       "",
       {"Python实战营"}},
  };
  return kWorks;
}

const std::vector<DemoCreator>& Creators() {
  static const std::vector<DemoCreator> kCreators = {
      {"portrait-linxiaoxia", "holder-xiayu", "夏雨传媒", {"林小夏"}, {"夏夏"}},
      {"portrait-chenyiming", "holder-mingdao", "鸣道文化", {"陈一鸣"}, {"鸣哥"}},
      {"portrait-sufeifei", "holder-xiayu", "夏雨传媒", {"苏菲菲"}, {}},
  };
  return kCreators;
}

const std::vector<std::string>& GenericTitles() {
  static const std::vector<std::string> k = {
      "夏季纯棉短袖T恤 男士宽松圆领",
      "女士高腰阔腿牛仔裤 显瘦",
      "家用不锈钢保温杯 500ml",
      "儿童益智积木玩具 大颗粒",
      "加厚珊瑚绒毛毯 冬季",
      "无线蓝牙耳机 超长续航",
      "手工编织草编包 度假风",
      "实木简约书桌 学生写字台",
      "宠物猫砂 豆腐砂 6L",
      "户外登山包 40L 防水",
      "陶瓷餐具套装 北欧风",
      "Men's cotton crew neck t-shirt, relaxed fit",
      "Stainless steel water bottle 750ml",
      "Handmade leather wallet, vintage brown",
      "Kids wooden puzzle set, 6 pieces",
      "LED desk lamp with USB charging port",
      "运动跑鞋 男款 透气网面 轻便减震",
      "复古帆布双肩包 大容量",
      "真丝印花丝巾 春秋薄款",
      "机械手表 男士 商务 防水",
      "保湿补水面霜 50g 敏感肌可用",
  };
  return k;
}

const std::vector<std::string>& CounterfeitWords() {
  static const std::vector<std::string> k = {"高仿",     "A货",     "原单",          "1:1复刻",
                                             "莆田",     "尾单",    "工厂店",        "专柜品质",
                                             "顶级版本", "replica", "mirror quality"};
  return k;
}

const std::vector<Lure>& Lures() {
  static const std::vector<Lure> k = {
      {"加薇❤ x i a n g 8 8 8 看更多款式", "wechat", "xiang888"},
      {"V: nk2023vip 私聊有优惠", "wechat", "nk2023vip"},
      {"联系电话 138 1234 5678", "phone", "13812345678"},
      {"扣扣 幺三八二二九七四五六 拿货价", "qq", "138229456"},
      {"🐧 12345678 进群", "qq", "12345678"},
      {"飞机号 @goodsource88", "telegram", "goodsource88"},
      {"加我vx：sneakerhub_01", "wechat", "sneakerhub_01"},
      {"whatsapp wa.me/8613912345678", "whatsapp", "8613912345678"},
      {"更多款式 www.cheap-lux-outlet.com", "url", "http://www.cheap-lux-outlet.com/"},
  };
  return k;
}

const std::vector<std::string>& LawfulNumberTexts() {
  static const std::vector<std::string> k = {
      "订单号 2023112913812345678 已发货",
      "128GB 大容量 支持快充",
      "42码 偏大一码",
      "支持微信支付和支付宝",
      "客服热线 400-820-8820",
      "顺丰单号 SF1234567890123",
      "尺码 170/88A",
      "ISBN 978-7-5366-9293-0",
      "生产日期 2023-11-29",
      "有问题请联系客服",
      "价格 299.00 元 包邮",
  };
  return k;
}

const std::vector<std::string>& PiracyWords() {
  static const std::vector<std::string> k = {"电子版 PDF",       "epub mobi 全集",
                                             "网盘 秒发",        "百度云 资源",
                                             "全集 无删减 高清", "链接自取 永久有效"};
  return k;
}

const std::vector<std::string>& LawfulWorkPhrases() {
  static const std::vector<std::string> k = {"正版实体书 精装 全新塑封", "二手书 九成新 正版",
                                             "读后感分享 不卖书", "官方授权 纸质版 带防伪标"};
  return k;
}

const std::vector<std::string>& FanPhrases() {
  static const std::vector<std::string> k = {"今天直播太美了", "什么时候再开播呀",
                                             "好喜欢你的穿搭分享", "支持支持 一直关注"};
  return k;
}

const std::vector<std::string>& CreatorSalesPhrases() {
  static const std::vector<std::string> k = {"同款 法式碎花连衣裙", "推荐 网红爆款口红",
                                             "直播间爆款 同款卫衣", "同款墨镜 明星款"};
  return k;
}

}  // namespace ipguard::demo
