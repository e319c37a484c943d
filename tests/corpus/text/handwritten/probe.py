#!/usr/bin/env python3
"""Handwritten held-out probe for the text detectors (see ../README.md).

Every item below was written by hand, with its label, the way sellers, fans,
reviewers and pirates write on a Chinese marketplace or short-video platform;
none of the registry's brands, people or works are in the generated corpus.
Labels say what a trust-and-safety reviewer would decide, not what the tool
does. Running this file rewrites registry.ndjson, items.ndjson and
labels.ndjson beside it (nothing here is random).

expect codes: bv = brand_variant, bm = brand_mismatch, pt = portrait,
px = piracy; each followed by ':' and the registry id.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- registry
REGISTRY = []


def holder(hid, name):
    REGISTRY.append({"kind": "rights_holder", "id": hid, "name": name, "verified": True})


def brand(bid, names, aliases=(), categories=(), shops=(), floor=None, generic=()):
    holder("h_" + bid, names[0] + " IP")
    r = {"kind": "brand", "id": bid, "holder": "h_" + bid, "names": list(names)}
    if aliases:
        r["aliases"] = list(aliases)
    if categories:
        r["categories"] = list(categories)
    if shops:
        r["authorized_shops"] = list(shops)
    if floor:
        r["price_floor"] = floor
    if generic:
        r["generic_senses"] = list(generic)
    REGISTRY.append(r)


def portrait(pid, names, aliases=(), shops=()):
    holder("h_" + pid, names[0] + " 工作室")
    r = {"kind": "portrait", "id": pid, "holder": "h_" + pid, "names": list(names)}
    if aliases:
        r["aliases"] = list(aliases)
    if shops:
        r["authorized_shops"] = list(shops)
    REGISTRY.append(r)


def work(wid, typ, title, author=None, isbn=None, aliases=(), shops=()):
    holder("h_" + wid, title + " 版权方")
    r = {"kind": "work", "id": wid, "holder": "h_" + wid, "type": typ, "title": title}
    if author:
        r["author"] = author
    if isbn:
        r["isbn"] = isbn
    if aliases:
        r["aliases"] = list(aliases)
    if shops:
        r["authorized_shops"] = list(shops)
    REGISTRY.append(r)


brand("b_moutai", ["Moutai", "茅台", "贵州茅台"], ["飞天茅台"], ["白酒"],
      ["shop_moutai_flagship"], {"白酒": 1499})
brand("b_canon", ["Canon", "佳能"], [], ["相机", "镜头"], ["shop_canon_official"],
      {"相机": 1500, "镜头": 800})
brand("b_samsung", ["Samsung", "三星"], ["Galaxy"], ["手机", "耳机"], ["shop_samsung_official"],
      {"手机": 1000}, ["三星堆", "三星级"])
brand("b_bose", ["Bose", "博士"], [], ["耳机", "音箱"], ["shop_bose_official"], {"耳机": 699},
      ["博士生", "博士后", "博士学位", "医学博士", "博士论文"])
brand("b_popmart", ["Pop Mart", "泡泡玛特"], ["Labubu", "拉布布"], ["潮玩"],
      ["shop_popmart_official"], {"潮玩": 79})
brand("b_haagen", ["Häagen-Dazs", "哈根达斯"], [], ["冰淇淋"], ["shop_haagen_official"],
      {"冰淇淋": 30})
brand("b_converse", ["Converse", "匡威"], [], ["鞋"], ["shop_converse_official"], {"鞋": 269})
brand("b_supreme", ["Supreme"], [], ["服装"], ["shop_supreme_store"], {"服装": 400},
      ["Supreme Court"])
brand("b_newbalance", ["New Balance", "新百伦"], ["NB"], ["鞋"], ["shop_nb_official"], {"鞋": 399})
brand("b_sanrio", ["Sanrio", "三丽鸥"], ["Hello Kitty", "凯蒂猫", "库洛米", "玉桂狗"],
      ["文具", "玩具"], ["shop_sanrio_official"])
brand("b_victoria", ["Victoria's Secret", "维多利亚的秘密"], ["维密"], ["内衣", "香水"],
      ["shop_vs_official"], {"内衣": 199})
brand("b_starbucks", ["Starbucks", "星巴克"], ["星爸爸"], ["杯子", "咖啡"],
      ["shop_starbucks_official"], {"杯子": 150})
brand("b_lululemon", ["Lululemon", "露露乐蒙"], ["lulu"], ["瑜伽服"], ["shop_lulu_official"],
      {"瑜伽服": 350})
brand("b_arcteryx", ["Arc'teryx", "始祖鸟"], [], ["冲锋衣"], ["shop_arcteryx_official"],
      {"冲锋衣": 1800}, ["始祖鸟化石"])
brand("b_dji", ["DJI", "大疆"], [], ["无人机", "云台"], ["shop_dji_official", "acc_dji_retail"],
      {"无人机": 1500})

portrait("p_dongyuhui", ["董宇辉"], ["宇辉"], ["shop_yuhui_tongxing"])
portrait("p_liuyifei", ["刘亦菲"], [], [])
portrait("p_yangzi", ["杨紫"], [], [])
portrait("p_zhangyixing", ["张艺兴"], [], [])
portrait("p_liziqi", ["李子柒"], ["子柒"], ["shop_liziqi_flagship"])
portrait("p_xiaoyangge", ["疯狂小杨哥"], ["小杨哥"], ["shop_sanzhiyang"])

work("w_renshijian", "book", "人世间", "梁晓声", "9787530219218", [], ["shop_xinhua_books"])
work("w_baiyexing", "book", "白夜行", "东野圭吾", "9787544242516", [],
     ["shop_xinhua_books", "shop_dangdang"])
work("w_mingchao", "book", "明朝那些事儿", "当年明月", "9787539952062", ["明朝那些事"],
     ["shop_dangdang"])
work("w_pingfan", "book", "平凡的世界", "路遥", "9787020058228", [], ["shop_xinhua_books"])
work("w_wukong", "software", "黑神话：悟空", None, None, ["黑神话悟空"], ["shop_gamescience"])
work("w_houma", "short_drama", "我在八零年代当后妈", None, None, ["八零后妈"], [])
work("w_lihun", "short_drama", "离婚后她惊艳了世界", None, None, [], [])
work("w_nezha", "film", "哪吒之魔童闹海", None, None, ["哪吒2"], [])
work("w_xuezhaofeng", "course", "薛兆丰的经济学课", None, None, [], ["shop_dedao"])

# ------------------------------------------------------------------- items
ITEMS = []
LABELS = []


def _label(iid, expect, kind):
    codes = {"bv": "brand_variant", "bm": "brand_mismatch", "pt": "portrait", "px": "piracy"}
    out = []
    for e in expect.split():
        d, t = e.split(":")
        out.append({"detector": codes[d], "target": t})
    LABELS.append({"item": iid, "expect": out, "kind": kind})


def L(iid, shop, title, expect, kind, price=None, category=None, brand=None, desc=None):
    r = {"kind": "listing", "id": iid, "shop": shop, "title": title}
    if desc is not None:
        r["description"] = desc
    if price is not None:
        r["price"] = price
        r["currency"] = "CNY"
    if category is not None:
        r["category"] = category
    if brand is not None:
        r["brand"] = brand
    ITEMS.append(r)
    _label(iid, expect, kind)


def C(iid, account, typ, text, expect, kind):
    ITEMS.append({"kind": "content", "id": iid, "account": account, "type": typ, "text": text})
    _label(iid, expect, kind)


def S(sid, name, account=None):
    r = {"kind": "shop", "id": sid, "name": name}
    if account:
        r["account"] = account
    ITEMS.append(r)
    _label(sid, "", "shop_record")


# Shops whose owner account is authorized (DJI's retail account).
S("shop_dji_store2", "大疆授权体验店(万达店)", "acc_dji_retail")

# ---- Moutai
L("hw_mt01", "shop_jiu88", "飞天茅台 53度 500ml 酱香型 原箱 特价", "bv:b_moutai bm:b_moutai",
  "alias_price", 899, "白酒")
L("hw_mt02", "shop_jiu88", "贵州矛台 53°飞天 酱香白酒 整箱6瓶", "bv:b_moutai bm:b_moutai",
  "homophone_price", 380, "白酒")
L("hw_mt03", "shop_laojiu", "茅苔酒 53度 酱香 口感醇厚 送礼", "bv:b_moutai bm:b_moutai",
  "homophone_price", 260, "白酒")
L("hw_mt04", "shop_laojiu", "mao tai 飞天 53度 内部渠道货源 保真", "bv:b_moutai bm:b_moutai",
  "pinyin_price", 1100, "白酒")
L("hw_mt05", "shop_moutai_flagship", "MOUTAI 贵州茅台酒 2019年 收藏老酒 飞天53度", "",
  "authorized", 3299, "白酒", "贵州茅台")
L("hw_mt06", "shop_maotaizhen", "茅台镇 纯粮酿造 酱香型白酒 坤沙工艺 500ml", "", "place_name", 128,
  "白酒", "金沙回沙")
C("hw_mt07", "acc_office_lady", "comment", "今天单位发了两瓶茅台，开心", "", "fan_comment")
C("hw_mt08", "acc_jiu_live", "live", "家人们 茅台1299一瓶 库存不多 赶紧上链接拍", "bv:b_moutai",
  "live_selling")
L("hw_mt09", "shop_jiu2", "茅台同款酱香 平替口粮酒 53度 纯粮", "bv:b_moutai bm:b_moutai",
  "dupe_declared_price", 68, "白酒", "国台")
L("hw_mt10", "shop_jiu2", "ＭＯＵＴＡＩ 飞天 53度 酱香 单瓶装", "bv:b_moutai bm:b_moutai", "width_price",
  980, "白酒")
L("hw_mt11", "shop_jiu3", "茅\u200b台 飞天 酱香型 53度 婚宴用酒", "bv:b_moutai bm:b_moutai",
  "zero_width_price", 699, "白酒")
L("hw_mt12", "shop_jiu3", "貴州茅臺 飛天 53度 陳年", "bv:b_moutai", "traditional", 2680, "白酒")
C("hw_mt13", "acc_history", "post", "茅台镇的历史：赤水河畔的酿酒传统", "", "place_name_post")

# ---- Canon
L("hw_cn01", "shop_cam_acc", "适用于佳能 LP-E6NH 相机电池 大容量", "", "compat", 59, "电池")
L("hw_cn02", "shop_cam_acc", "兼容佳能EF卡口 转接环 RF转EF", "", "compat", 89, "镜头配件")
L("hw_cn03", "shop_cam_acc", "For Canon EOS R6 camera bag 相机包 防水", "", "compat_en", 129, "相机包")
L("hw_cn04", "shop_batt", "佳能原装 LP-E6NH 电池 正品 9.9包邮", "bv:b_canon", "plain_fake", 9.9, "电池")
L("hw_cn05", "shop_cam2", "Cannon 单反相机 入门 高清 数码 全新", "bv:b_canon bm:b_canon",
  "repeat_price", 899, "相机")
L("hw_cn06", "shop_kids", "最佳能力训练 儿童专注力 思维卡片", "", "longer_word", 39, "玩具")
L("hw_cn07", "shop_music", "Pachelbel Canon in D 卡农 钢琴谱 五线谱", "", "ordinary_word_en", 15,
  "乐谱")
L("hw_cn08", "shop_cam2", "佳能 EOS R50 微单 1:1 外观 模型机 展示用", "bv:b_canon bm:b_canon",
  "counterfeit_price", 199, "相机")
L("hw_cn09", "shop_canon_official", "佳能 EOS R8 全画幅微单 官方标配", "", "authorized", 9999, "相机",
  "佳能")
L("hw_cn10", "shop_lecture", "主讲人：李佳能 律师 婚姻法实务课", "", "person_name", 99, "课程")
C("hw_cn11", "acc_photog", "video", "佳能R6二代和尼康Z6三代对比测评，对焦谁更强？", "", "reviewer")
L("hw_cn12", "shop_printer", "可用于佳能打印机 PG-845 墨盒 加墨", "", "compat", 35, "墨盒")
L("hw_cn13", "shop_cam3", "ｃａｎｏｎ 镜头 50mm 1.8 定焦 小痰盂", "bv:b_canon bm:b_canon", "width_price",
  299, "镜头")

# ---- Samsung
L("hw_ss01", "shop_phone1", "三星 Galaxy S24 Ultra 全新未激活 高仿 1:1", "bv:b_samsung bm:b_samsung",
  "counterfeit_price", 699, "手机")
L("hw_ss02", "shop_phone1", "SΑMSUNG 原装快充头 25W 充电器", "bv:b_samsung", "homoglyph", 29, "充电器")
L("hw_ss03", "shop_phone2", "sanxing 折叠屏手机 W24 高仿机", "bv:b_samsung bm:b_samsung",
  "pinyin_price", 880, "手机")
L("hw_ss04", "shop_museum", "三星堆博物馆文创 青铜面具 冰箱贴", "", "generic_sense", 25, "文创")
L("hw_ss05", "shop_bedding", "三星级酒店同款 床品四件套 纯棉", "", "generic_sense_dupe_word", 199, "床品")
L("hw_ss06", "shop_case", "适用于三星S23 手机壳 磨砂防摔", "", "compat", 19, "手机壳")
L("hw_ss07", "shop_phone2", "叁星 Galaxy Buds 蓝牙耳机 批发", "bv:b_samsung", "homophone", 59, "耳机")
C("hw_ss08", "acc_user1", "comment", "用了五年三星 还是很流畅 下次还买", "", "fan_comment")
C("hw_ss09", "acc_tech", "post", "三星S24和iPhone15拍照对比，夜景差距明显", "", "reviewer")
L("hw_ss10", "shop_samsung_official", "三星 Galaxy S24 5G 手机 官方正品 限时直降", "", "authorized", 899,
  "手机", "三星")
L("hw_ss11", "shop_case", "For Samsung Galaxy S24 Ultra case, shockproof", "", "compat_en", 25,
  "手机壳")
L("hw_ss12", "shop_phone3", "S a m s u n g 原装屏幕 总成 换屏", "bv:b_samsung", "separator", 150,
  "手机配件")

# ---- Bose
L("hw_bo01", "shop_audio1", "Bose QC45 降噪耳机 原单尾货", "bv:b_bose bm:b_bose", "counterfeit_price",
  299, "耳机")
L("hw_bo02", "shop_audio1", "博士 QuietComfort Ultra 头戴降噪 工厂店特价", "bv:b_bose bm:b_bose",
  "counterfeit_price", 399, "耳机")
L("hw_bo03", "shop_audio2", "B0SE SoundLink Flex 蓝牙音箱 迷你 便携", "bv:b_bose", "leet", 159, "音箱")
L("hw_bo04", "shop_eye", "博士伦 润明护理液 500ml 隐形眼镜", "", "longer_word", 49, "护理液")
L("hw_bo05", "shop_health", "医学博士推荐 益生菌 肠胃调理", "", "generic_sense", 89, "保健品")
L("hw_bo06", "shop_edu", "考博 博士生 论文降重 查重服务", "", "generic_sense", 50, "服务")
L("hw_bo07", "shop_audio2", "bose耳机平替 主动降噪 百元", "bv:b_bose bm:b_bose", "dupe_price", 129,
  "耳机")
L("hw_bo08", "shop_bose_official", "Bose QuietComfort 消噪耳机 Ultra 官方", "", "authorized", 2999,
  "耳机", "Bose")
L("hw_bo09", "shop_acc", "适用于Bose QC45 耳罩 替换海绵套", "", "compat", 39, "耳机配件")
L("hw_bo10", "shop_clinic", "王博士植发 头发加密 到店体验", "", "person_title", 99, "服务")
L("hw_bo11", "shop_audio3", "Same as Bose QC Ultra, ANC headphones, 40h battery",
  "bv:b_bose bm:b_bose", "dupe_en_price", 199, "耳机")
C("hw_bo12", "acc_phd", "post", "博士毕业三年，聊聊我在高校的工作", "", "generic_word")

# ---- Pop Mart / Labubu
L("hw_pm01", "shop_toy1", "Labubu 搪胶毛绒挂件 心动马卡龙 现货", "bv:b_popmart bm:b_popmart",
  "alias_price", 49, "潮玩")
L("hw_pm02", "shop_toy1", "拉布布 高仿 一比一 搪胶脸 挂件", "bv:b_popmart", "alias_counterfeit",
  89, "潮玩")
L("hw_pm03", "shop_toy2", "LA·BU·BU 可爱玩偶 包包挂件", "bv:b_popmart", "separator", 89, "潮玩")
L("hw_pm04", "shop_toy2", "labubu同款 毛绒挂件 平替 便宜", "bv:b_popmart bm:b_popmart",
  "dupe_price", 29, "潮玩")
L("hw_pm05", "shop_toy3", "泡泡马特 盲盒 隐藏款 整盒", "bv:b_popmart", "homophone", 399, "潮玩")
L("hw_pm06", "shop_toy3", "泡泡瑪特 Molly 盲盒", "bv:b_popmart", "traditional", 89, "潮玩")
L("hw_pm07", "shop_popmart_official", "泡泡玛特 SKULLPANDA 盲盒 官方正品", "", "authorized", 69, "潮玩",
  "泡泡玛特")
C("hw_pm08", "acc_girl", "comment", "抽到隐藏款labubu了 开心到飞起", "", "fan_comment")
L("hw_pm09", "shop_kids", "吹泡泡机 儿童玩具 全自动 泡泡水", "", "clean_overlap", 25, "玩具")
L("hw_pm10", "shop_toy4", "Labuuubu 搪胶公仔 三代 前方高能", "bv:b_popmart", "repeat", 99, "潮玩")
L("hw_pm11", "shop_toy4", "paopaomate 盲盒 手办 批发", "bv:b_popmart", "pinyin", 120, "潮玩")
L("hw_pm12", "shop_toy5", "ppmt 盲盒 整端 12个 原箱", "bv:b_popmart", "initials", 600, "潮玩")
L("hw_pm13", "shop_toy5", "泡泡ma特 迷你手办 摆件", "bv:b_popmart bm:b_popmart", "mixed_script_price", 35, "潮玩")
L("hw_pm14", "shop_toy6", "泡泡特玛 盲盒 隐藏", "bv:b_popmart", "reorder", 79, "潮玩")
L("hw_pm15", "shop_toy6", "Labubu 搪胶挂件", "bv:b_popmart bm:b_popmart", "declared_no_brand", 129,
  "潮玩", "无品牌")

# ---- Haagen-Dazs
L("hw_hd01", "shop_ice1", "哈根大斯 冰淇淋 100ml*10杯 家庭装", "bv:b_haagen bm:b_haagen",
  "homophone_price", 25, "冰淇淋")
L("hw_hd02", "shop_ice1", "Haagen Dazs同款 冰淇淋 平替 网红", "bv:b_haagen bm:b_haagen", "dupe",
  19.9, "冰淇淋")
L("hw_hd03", "shop_ice2", "Häagen-Dazs 草莓冰淇淋 品脱装 473ml", "bv:b_haagen", "exact", 45,
  "冰淇淋")
L("hw_hd04", "shop_ice2", "哈根達斯 香草 冰淇淋", "bv:b_haagen", "traditional", 39, "冰淇淋")
L("hw_hd05", "shop_ice3", "hgds 冰淇淋 雪糕 批发", "bv:b_haagen bm:b_haagen", "initials_price", 12,
  "冰淇淋")
L("hw_hd06", "shop_haagen_official", "哈根达斯 经典香草 品脱 官方", "", "authorized", 59, "冰淇淋",
  "哈根达斯")
L("hw_hd07", "shop_ice3", "ha gen da si 冰淇淋 月饼 礼盒", "bv:b_haagen", "pinyin", 198, "月饼")
C("hw_hd08", "acc_foodie", "post", "夏天就要吃哈根达斯！今天打卡了新口味", "", "fan_post")

# ---- Converse
L("hw_cv01", "shop_shoe1", "匡威1970s 高帮帆布鞋 莆田纯原", "bv:b_converse bm:b_converse",
  "counterfeit_price", 139, "鞋")
L("hw_cv02", "shop_shoe1", "匡葳 经典款 帆布鞋 男女同款", "bv:b_converse", "homophone", 299, "鞋")
L("hw_cv03", "shop_shoe2", "C0NVERSE 帆布鞋 低帮 黑色", "bv:b_converse", "leet", 289, "鞋")
L("hw_cv04", "shop_shoe2", "converse同款 帆布鞋 女 百搭小白鞋", "bv:b_converse bm:b_converse",
  "dupe_declared", 89, "鞋", "回力")
L("hw_cv05", "shop_converse_official", "匡威 Chuck 70 高帮 官方正品", "", "authorized", 569, "鞋", "匡威")
L("hw_cv06", "shop_english", "Learn to converse fluently in English 口语课 外教", "",
  "ordinary_word_en", 199, "课程")
L("hw_cv07", "shop_shoe3", "Cönverse All Star 帆布鞋", "bv:b_converse", "diacritic", 299, "鞋")
L("hw_cv08", "shop_shoe3", "Converse Chuck 70 high top replica AAA quality",
  "bv:b_converse bm:b_converse", "counterfeit_en_price", 120, "鞋")
C("hw_cv09", "acc_user2", "comment", "我的匡威穿了三年还没坏，质量真好", "", "fan_comment")
L("hw_cv10", "shop_clean", "小白鞋清洗剂 适用于匡威 帆布鞋 去黄", "", "compat", 19.9, "清洁")
L("hw_cv11", "shop_shoe4", "Converse 帆布鞋", "bv:b_converse bm:b_converse", "declared_no_brand",
  299, "鞋", "无")

# ---- Supreme
L("hw_sp01", "shop_street1", "Supreme box logo 卫衣 重磅 纯原版本", "bv:b_supreme bm:b_supreme",
  "counterfeit_price", 199, "服装")
L("hw_sp02", "shop_street1", "SUPR3ME 联名 棒球帽", "bv:b_supreme", "leet", 89, "帽子")
L("hw_sp03", "shop_street2", "S U P R E M E 短袖T恤 潮牌", "bv:b_supreme bm:b_supreme",
  "separator_price", 79, "服装")
L("hw_sp04", "shop_law", "Supreme Court 判例选读 英文原版 法律", "", "generic_sense", 88, "图书")
L("hw_sp05", "shop_pillow", "supreme comfort 记忆棉枕头 护颈", "", "ordinary_word_en", 99, "家居")
L("hw_sp06", "shop_street2", "𝐒𝐮𝐩𝐫𝐞𝐦𝐞 北面联名 冲锋衣", "bv:b_supreme", "styled", 459, "服装")
L("hw_sp07", "shop_street3", "Supreeeme 腰包 斜挎包", "bv:b_supreme", "repeat", 69, "包")
L("hw_sp08", "shop_supreme_store", "Supreme 24FW Box Logo Hooded Sweatshirt", "", "authorized", 1899,
  "服装", "Supreme")

# ---- New Balance
L("hw_nb01", "shop_shoe5", "New Balance 574 复古跑鞋 莆田原厂", "bv:b_newbalance bm:b_newbalance",
  "counterfeit_price", 159, "鞋")
L("hw_nb02", "shop_shoe5", "NB 990v6 元祖灰 总统慢跑鞋 1:1", "bv:b_newbalance bm:b_newbalance",
  "alias_price", 299, "鞋")
L("hw_nb03", "shop_shoe6", "新百伦327 休闲鞋 工厂店尾单", "bv:b_newbalance bm:b_newbalance",
  "counterfeit_price", 199, "鞋")
L("hw_nb04", "shop_shoe6", "新白伦 复古运动鞋 男", "bv:b_newbalance", "homophone", 459, "鞋")
L("hw_nb05", "shop_shoe7", "newbalance 530 老爹鞋 白银", "bv:b_newbalance", "joined", 429, "鞋")
C("hw_nb06", "acc_user3", "comment", "这价格也太NB了吧 家人们冲", "", "slang")
C("hw_nb07", "acc_snack_live", "live", "这价格太NB了 家人们 3号链接 螺蛳粉 拍一发三", "", "slang_selling")
L("hw_nb08", "shop_sport", "NBA 湖人队 詹姆斯 球衣 23号", "", "longer_word_en", 199, "服装")
L("hw_nb09", "shop_shoe7", "xinbailun 574 跑鞋", "bv:b_newbalance", "pinyin", 459, "鞋")
L("hw_nb10", "shop_shoe8", "xbl 574 跑鞋 男女", "bv:b_newbalance", "initials", 459, "鞋")
L("hw_nb11", "shop_shoe8", "新bai伦 2002R 复古", "bv:b_newbalance", "mixed_script", 459, "鞋")
L("hw_nb12", "shop_shoe9", "星百伦 跑步鞋 透气", "bv:b_newbalance", "near_homophone_in_ing", 459, "鞋")
L("hw_nb13", "shop_nb_official", "New Balance 990v6 美产 官方", "", "authorized", 1699, "鞋",
  "New Balance")
L("hw_nb14", "shop_kids", "儿童平衡车 balance bike 无脚踏", "", "partial_en", 299, "玩具")

# ---- Sanrio
L("hw_sr01", "shop_stat1", "Hello Kitty 凯蒂猫 毛绒公仔 正版授权", "bv:b_sanrio", "alias", 59, "玩具")
L("hw_sr02", "shop_stat1", "HeIIo Kitty 书包 小学生", "bv:b_sanrio", "homoglyph", 89, "文具")
L("hw_sr03", "shop_stat2", "库洛米 笔袋 文具盒 大容量", "bv:b_sanrio", "alias", 29, "文具")
L("hw_sr04", "shop_stat2", "三丽鸥 玉桂狗 盲盒 挂件", "bv:b_sanrio", "exact", 39, "玩具")
L("hw_sr05", "shop_sanrio_official", "三丽鸥 库洛米 玩偶 官方", "", "authorized", 129, "玩具", "三丽鸥")
L("hw_sr06", "shop_stat3", "三麗鷗 大耳狗 貼紙", "bv:b_sanrio", "traditional", 15, "文具")
L("hw_sr07", "shop_stat3", "Hello Kitty inspired keychain, cute", "bv:b_sanrio bm:b_sanrio",
  "dupe_en", 12, "玩具")
L("hw_sr08", "shop_stat4", "三丽欧 凯蒂猫 水杯", "bv:b_sanrio", "homophone", 45, "杯子")
C("hw_sr09", "acc_girl", "post", "我的库洛米收藏墙，攒了五年", "", "fan_post")

# ---- Victoria's Secret
L("hw_vs01", "shop_lingerie1", "维密同款 无钢圈内衣 聚拢", "bv:b_victoria bm:b_victoria",
  "dupe_price", 59, "内衣")
L("hw_vs02", "shop_lingerie1", "Victoria's Secret 身体喷雾 250ml 原单", "bv:b_victoria",
  "counterfeit", 39, "香水")
L("hw_vs03", "shop_lingerie2", "VICTORIA SECRET 蕾丝内衣套装", "bv:b_victoria bm:b_victoria",
  "missing_apostrophe_price", 89, "内衣")
L("hw_vs04", "shop_lingerie2", "维多利亚的秘密 超模同款 内衣", "bv:b_victoria bm:b_victoria",
  "dupe_price", 99, "内衣")
L("hw_vs05", "shop_travel", "维多利亚港 夜游船票 天星小轮", "", "place_name", 80, "门票")
C("hw_vs06", "acc_fashion", "post", "维密天使秀场回顾，还是那年最经典", "", "fan_post")
L("hw_vs07", "shop_vs_official", "维多利亚的秘密 身体乳 官方", "", "authorized", 199, "香水",
  "维多利亚的秘密")
L("hw_vs08", "shop_books", "维多利亚时代的英国 历史读物", "", "longer_phrase", 45, "图书")

# ---- Starbucks
L("hw_sb01", "shop_cup1", "星巴克 猫爪杯 樱花限定", "bv:b_starbucks bm:b_starbucks", "price", 39,
  "杯子")
L("hw_sb02", "shop_cup1", "星巴壳 保温杯 随行杯", "bv:b_starbucks", "homophone", 169, "杯子")
L("hw_sb03", "shop_cup2", "STARBUCKS 保温杯 原单", "bv:b_starbucks bm:b_starbucks",
  "counterfeit_price", 69, "杯子")
L("hw_sb04", "shop_cup2", "星爸爸同款 咖啡杯 陶瓷", "bv:b_starbucks bm:b_starbucks", "alias_dupe",
  29, "杯子")
C("hw_sb05", "acc_cafe", "post", "周末去星巴克 点了一杯燕麦拿铁", "", "fan_post")
L("hw_sb06", "shop_cup3", "星🌟巴🌟克 玻璃杯 双层", "bv:b_starbucks", "emoji_separator", 159, "杯子")
C("hw_sb07", "acc_cup_live", "live", "家人们 今天星巴克同款杯子 9块9 上车", "bv:b_starbucks bm:b_starbucks",
  "live_dupe")
L("hw_sb08", "shop_cup3", "星巴克杯子专用 杯套 隔热", "", "compat_suffix", 9.9, "杯套")
L("hw_sb09", "shop_cup4", "星巴剋 马克杯", "bv:b_starbucks", "shape", 159, "杯子")

# ---- Lululemon
L("hw_lu01", "shop_yoga1", "lululemon align 瑜伽裤 同款面料 平替", "bv:b_lululemon bm:b_lululemon",
  "dupe_price", 89, "瑜伽服")
L("hw_lu02", "shop_yoga1", "露露乐檬 瑜伽裤 裸感 高腰", "bv:b_lululemon", "homophone", 399, "瑜伽服")
L("hw_lu03", "shop_yoga2", "LULU 瑜伽裤 裸感 高腰提臀 原单", "bv:b_lululemon bm:b_lululemon",
  "alias_price", 79, "瑜伽服")
L("hw_lu04", "shop_yoga2", "lu lu le meng 瑜伽服 套装", "bv:b_lululemon", "pinyin", 399, "瑜伽服")
C("hw_lu05", "acc_dog", "comment", "我家狗子叫lulu 超可爱", "", "name_word")
L("hw_lu06", "shop_yoga3", "Lululemon Align Leggings dupe, buttery soft",
  "bv:b_lululemon bm:b_lululemon", "dupe_en_price", 59, "瑜伽服")
L("hw_lu07", "shop_yoga3", "露露乐门 运动内衣", "bv:b_lululemon", "near_homophone_en_eng", 399,
  "瑜伽服")
L("hw_lu08", "shop_yoga4", "露露蒙乐 瑜伽垫", "bv:b_lululemon", "reorder", 199, "瑜伽垫")
L("hw_lu09", "shop_lulu_official", "lululemon Align 高腰瑜伽裤 官方", "", "authorized", 850, "瑜伽服",
  "lululemon")
L("hw_lu10", "shop_yoga4", "露露楽蒙 瑜伽背心", "bv:b_lululemon", "shape_variant", 399, "瑜伽服")

# ---- Arc'teryx
L("hw_ar01", "shop_out1", "始祖鸟 Beta LT 冲锋衣 GORE-TEX 原单", "bv:b_arcteryx bm:b_arcteryx",
  "counterfeit_price", 599, "冲锋衣")
L("hw_ar02", "shop_out1", "Arcteryx Alpha SV 冲锋衣 复刻", "bv:b_arcteryx bm:b_arcteryx",
  "counterfeit_price", 899, "冲锋衣")
L("hw_ar03", "shop_out2", "ARC'TERYX 鸟标 软壳 外套", "bv:b_arcteryx", "exact", 1999, "冲锋衣")
L("hw_ar04", "shop_out2", "shi zu niao 冲锋衣 户外", "bv:b_arcteryx", "pinyin", 1999, "冲锋衣")
L("hw_ar05", "shop_science", "始祖鸟化石 科普图鉴 儿童", "", "generic_sense", 39, "图书")
C("hw_ar06", "acc_sci", "post", "恐龙与始祖鸟的演化关系，一张图看懂", "", "generic_word")
L("hw_ar07", "shop_out3", "始主鸟 硬壳冲锋衣", "bv:b_arcteryx", "near_homophone_zh_z", 1999, "冲锋衣")
L("hw_ar08", "shop_out3", "Arc'teryx inspired shell jacket, waterproof",
  "bv:b_arcteryx bm:b_arcteryx", "dupe_en_price", 299, "冲锋衣")
L("hw_ar09", "shop_out4", "始祖鳥 冲锋衣 男", "bv:b_arcteryx", "traditional", 1999, "冲锋衣")
L("hw_ar10", "shop_out4", "szn 冲锋衣 三合一", "bv:b_arcteryx bm:b_arcteryx", "initials_price", 399,
  "冲锋衣")
L("hw_ar11", "shop_out5", "始祖niao 软壳夹克", "bv:b_arcteryx", "mixed_script", 1999, "冲锋衣")
L("hw_ar12", "shop_arcteryx_official", "始祖鸟 Beta AR 冲锋衣 官方", "", "authorized", 4500, "冲锋衣",
  "始祖鸟")

# ---- DJI
L("hw_dj01", "shop_drone1", "大疆 Mini 4 Pro 无人机 全新 特价", "bv:b_dji bm:b_dji", "price", 999,
  "无人机")
L("hw_dj02", "shop_drone1", "DJl Osmo Pocket 3 云台相机", "bv:b_dji", "homoglyph_l", 2999, "云台")
L("hw_dj03", "shop_drone2", "适用于大疆Mini3 螺旋桨 桨叶 配件", "", "compat", 29, "配件")
L("hw_dj04", "shop_dji_official", "大疆 Mini 4 Pro 官方标配", "", "authorized", 4788, "无人机", "大疆")
L("hw_dj05", "shop_drone2", "大姜 无人机 航拍 高清", "bv:b_dji", "homophone", 1699, "无人机")
L("hw_dj06", "shop_veg", "山东大姜 新鲜生姜 5斤装", "", "homophone_ordinary_word", 19.9, "蔬菜")
C("hw_dj07", "acc_drone", "video", "开箱 大疆Mini4Pro 航拍测试 画质惊艳", "", "reviewer")
C("hw_dj08", "acc_drone2", "video", "大疆 Mini 4 Pro 1:1复刻版 只要599 评论区扣1", "bv:b_dji",
  "video_counterfeit")
L("hw_dj09", "shop_dji_store2", "大疆 Osmo Action 4 运动相机 授权店", "", "authorized_owner", 2498,
  "云台", "大疆")
L("hw_dj10", "shop_drone3", "Ⓓ Ⓙ Ⓘ 航拍无人机 4K", "bv:b_dji bm:b_dji", "styled_price", 499, "无人机")
L("hw_dj11", "shop_drone3", "兼容 DJI Mini 4 Pro 的 ND 滤镜", "", "compat", 99, "配件")

# ---- portraits: 董宇辉
L("hw_dy01", "shop_rice", "董宇辉推荐 五常大米 10斤", "pt:p_dongyuhui", "recommend", 89, "粮油")
L("hw_dy02", "shop_fruit", "董宇辉同款 蓝莓鲜果 4盒", "pt:p_dongyuhui", "same_style", 59, "水果")
L("hw_dy03", "shop_yuhui_tongxing", "与辉同行 董宇辉直播间 同款书 包邮", "", "authorized", 49, "图书")
C("hw_dy04", "acc_fan1", "comment", "董宇辉讲得真好 听哭了", "", "fan_comment")
C("hw_dy05", "acc_reader", "post", "董宇辉的新书读后感：写得很真诚", "", "reviewer")
L("hw_dy06", "shop_rice", "懂宇辉 推荐 小米 杂粮", "pt:p_dongyuhui", "homophone", 39, "粮油")
C("hw_dy07", "acc_live1", "live", "家人们 宇辉老师都在用的这款保温杯 上链接", "pt:p_dongyuhui",
  "alias_strong")
L("hw_dy08", "shop_book2", "dong yu hui 推荐书单 套装 9.9", "pt:p_dongyuhui", "pinyin", 9.9, "图书")

# ---- 刘亦菲
L("hw_lf01", "shop_dress", "刘亦菲同款 白色连衣裙 仙女裙", "pt:p_liuyifei", "same_style", 129, "服装")
L("hw_lf02", "shop_cream", "刘亦菲代言 同款面霜 补水", "pt:p_liuyifei", "endorse", 69, "护肤")
L("hw_lf03", "shop_cream", "刘一菲同款 口红 正红色", "pt:p_liuyifei", "homophone", 39, "彩妆")
L("hw_lf04", "shop_glasses", "劉亦菲同款 墨镜 防紫外线", "pt:p_liuyifei", "traditional", 49, "配饰")
C("hw_lf05", "acc_movie", "post", "刘亦菲主演的梦华录 观后感", "", "reviewer")
C("hw_lf06", "acc_fan2", "comment", "刘亦菲好美啊 有没有姐妹知道她这条裙子哪里买", "", "fan_question")
C("hw_lf07", "acc_fan3", "comment", "刘亦菲的新剧什么时候播", "", "fan_comment")
L("hw_lf08", "shop_poster", "刘亦菲 海报 周边 明信片 签名照", "pt:p_liuyifei", "merch", 19.9, "周边")

# ---- 杨紫
L("hw_yz01", "shop_hoodie", "杨紫同款 卫衣 宽松", "pt:p_yangzi", "same_style", 89, "服装")
L("hw_yz02", "shop_poster", "杨紫琼 奥斯卡 获奖 纪念海报", "", "other_person", 29, "周边")
L("hw_yz03", "shop_sun", "杨紫 推荐 防晒霜 清爽", "pt:p_yangzi", "recommend_space", 79, "护肤")
L("hw_yz04", "shop_pharm", "扬子江药业 蓝芩口服液 12支", "", "homophone_place", 39, "药品")
C("hw_yz05", "acc_fan4", "comment", "杨紫演技越来越好了", "", "fan_comment")
L("hw_yz06", "shop_jewel", "yangzi同款 耳环 珍珠", "pt:p_yangzi", "pinyin", 39, "配饰")

# ---- 张艺兴
L("hw_zx01", "shop_sneaker", "张艺兴同款 运动鞋 老爹鞋", "pt:p_zhangyixing", "same_style", 199, "鞋")
L("hw_zx02", "shop_skin", "张艺兴代言 同款护肤套装", "pt:p_zhangyixing", "endorse", 159, "护肤")
L("hw_zx03", "shop_sneaker", "张艺星同款 棒球帽", "pt:p_zhangyixing", "homophone", 49, "帽子")
C("hw_zx04", "acc_fan5", "comment", "张艺兴的新歌太好听了 单曲循环", "", "fan_comment")
C("hw_zx05", "acc_live2", "live", "张艺兴同款的帽子 就在3号链接 家人们拍", "pt:p_zhangyixing",
  "live_strong")

# ---- 李子柒
L("hw_lz01", "shop_liziqi_flagship", "李子柒 螺蛳粉 335g*5袋 官方旗舰", "", "authorized", 69, "零食")
L("hw_lz02", "shop_snack", "李子柒同款 螺蛳粉 335g*5袋", "pt:p_liziqi", "same_style", 39, "零食")
L("hw_lz03", "shop_snack", "李子柒推荐 桂花坚果藕粉", "pt:p_liziqi", "recommend", 29, "零食")
C("hw_lz04", "acc_fan6", "comment", "李子柒终于回来更新了！", "", "fan_comment")
L("hw_lz05", "shop_fruit", "新鲜李子 脆李 5斤装 当季", "", "longer_word", 29, "水果")
L("hw_lz06", "shop_snack2", "子柒同款 桂花坚果藕粉", "pt:p_liziqi", "alias", 25, "零食")
L("hw_lz07", "shop_snack2", "李子七同款 红油面皮", "pt:p_liziqi", "homophone", 19.9, "零食")

# ---- 疯狂小杨哥
L("hw_xy01", "shop_brush", "小杨哥推荐 电动牙刷 声波", "pt:p_xiaoyangge", "alias_recommend", 59, "日用")
L("hw_xy02", "shop_snack3", "疯狂小杨哥同款 零食大礼包", "pt:p_xiaoyangge", "same_style", 49, "零食")
C("hw_xy03", "acc_live3", "live", "小杨哥直播间爆款 扫地机 今天直降", "pt:p_xiaoyangge", "live_room")
C("hw_xy04", "acc_gossip", "comment", "小杨哥又上热搜了 吃瓜", "", "fan_comment")
C("hw_xy05", "acc_news", "post", "疯狂小杨哥事件始末 深度分析", "", "news")
L("hw_xy06", "shop_sanzhiyang", "小杨哥推荐 三只羊 洗衣液", "", "authorized", 39, "日用")

# ---- works: 人世间
L("hw_rs01", "shop_ebook1", "人世间 梁晓声 电子版 PDF 全三册", "px:w_renshijian", "resource", 5,
  "图书")
L("hw_rs02", "shop_ebook1", "人世间 全集 1-58集 网盘 秒发", "px:w_renshijian", "resource", 3, "影视")
L("hw_rs03", "shop_bookstore", "人世间 正版实体书 人民文学出版社 全三册", "", "genuine_book", 128,
  "图书")
C("hw_rs04", "acc_quote", "post", "人世间的烟火气，最抚凡人心", "", "ordinary_phrase")
L("hw_rs05", "shop_photo", "走遍人世间 风景摄影集 画册", "", "ordinary_phrase_listing", 68, "图书")
L("hw_rs06", "shop_ebook2", "9787530219218 电子书 epub", "px:w_renshijian", "isbn", 2, "图书")
L("hw_rs07", "shop_xinhua_books", "人世间 梁晓声 茅盾文学奖 全三册", "", "authorized", 118, "图书")

# ---- 白夜行
L("hw_by01", "shop_ebook2", "白夜行 东野圭吾 epub mobi azw3 kindle电子书", "px:w_baiyexing",
  "resource", 1, "图书")
L("hw_by02", "shop_ebook3", "白夜行 小说 txt 百度云", "px:w_baiyexing", "resource", 1, "图书")
L("hw_by03", "shop_dangdang", "白夜行 东野圭吾 正版 南海出版公司", "", "authorized", 39.8, "图书")
C("hw_by04", "acc_reader2", "comment", "白夜行看完后劲好大 推荐大家去读", "", "reviewer")
L("hw_by05", "shop_ebook3", "ISBN 978-7-5442-4251-6 白夜行 pdf", "px:w_baiyexing", "isbn_hyphen",
  1, "图书")
L("hw_by06", "shop_ebook4", "bai ye xing pdf 高清", "px:w_baiyexing", "pinyin", 1, "图书")

# ---- 明朝那些事儿
L("hw_mc01", "shop_ebook4", "明朝那些事儿 全套7册 电子版", "px:w_mingchao", "resource", 9.9, "图书")
C("hw_mc02", "acc_audio", "post", "明朝那些事 全集 有声书 网盘 需要的私", "px:w_mingchao",
  "alias_resource")
L("hw_mc03", "shop_bookstore", "明朝那些事儿 当年明月 正版 全套 读客", "", "genuine_set", 198, "图书")
C("hw_mc04", "acc_history", "post", "聊聊明朝那些事儿里的朱元璋", "", "reviewer")
L("hw_mc05", "shop_cheapbook", "明朝那些事儿 全7册 19.9包邮", "px:w_mingchao", "set_price", 19.9,
  "图书")

# ---- 平凡的世界
L("hw_pf01", "shop_ebook5", "平凡的世界 路遥 全三册 txt下载", "px:w_pingfan", "resource", 1, "图书")
L("hw_pf02", "shop_notebook", "在平凡的世界里做不平凡的自己 励志笔记本", "", "ordinary_phrase_listing",
  12, "文具")
L("hw_pf03", "shop_ebook5", "平凡的世界 有声小说 百度网盘 永久", "px:w_pingfan", "resource", 2,
  "有声书")
L("hw_pf04", "shop_xinhua_books", "平凡的世界 路遥 普及本 全三册", "", "authorized", 89, "图书")
C("hw_pf05", "acc_reader3", "comment", "平凡的世界 每次读都有新的感悟", "", "reviewer")

# ---- 黑神话：悟空
L("hw_wk01", "shop_game1", "黑神话悟空 PC 免steam 破解版 下载", "px:w_wukong", "crack", 5, "游戏")
L("hw_wk02", "shop_game1", "黑神话:悟空 全DLC 网盘 秒发 解压即玩", "px:w_wukong", "resource", 6.6,
  "游戏")
C("hw_wk03", "acc_gamer", "comment", "黑神话悟空 打通了 太震撼", "", "fan_comment")
L("hw_wk04", "shop_gamescience", "黑神话：悟空 数字豪华版 官方", "", "authorized", 328, "游戏")

# ---- 我在八零年代当后妈
L("hw_hm01", "shop_drama1", "我在八零年代当后妈 全集 1-80集 无删减 百度云", "px:w_houma", "resource",
  1.9, "影视")
L("hw_hm02", "shop_drama1", "八零后妈 短剧 全集 免费看 链接", "px:w_houma", "alias_resource", 0.99,
  "影视")
C("hw_hm03", "acc_drama_fan", "comment", "我在八零年代当后妈 女主好飒 每天追更", "", "fan_comment")
C("hw_hm04", "acc_drama_pirate", "comment", "我在80年代当后妈 全集资源 私我", "px:w_houma",
  "digits_resource")

# ---- 离婚后她惊艳了世界
L("hw_lh01", "shop_drama2", "离婚后她惊艳了世界 全集 秒发 高清", "px:w_lihun", "resource", 1, "影视")
C("hw_lh02", "acc_drama_pirate", "comment", "离婚后她惊艳了世界 全集 1元 需要的私我", "px:w_lihun",
  "comment_resource")
C("hw_lh03", "acc_drama_fan2", "comment", "离婚后她惊艳了世界 看哭了 男主太渣", "", "fan_comment")
L("hw_lh04", "shop_drama2", "离婚后她惊艳了世界 短剧 网盘资源 完整版", "px:w_lihun", "resource", 2,
  "影视")

# ---- 哪吒之魔童闹海
L("hw_nz01", "shop_movie1", "哪吒之魔童闹海 4K 高清 网盘资源", "px:w_nezha", "resource", 3, "影视")
L("hw_nz02", "shop_movie1", "哪吒2 完整版 资源 秒发", "px:w_nezha", "alias_resource", 2, "影视")
C("hw_nz03", "acc_movie2", "comment", "哪吒2票房破百亿 太牛了", "", "fan_comment")
L("hw_nz04", "shop_antique", "哪吒闹海 连环画 老版 收藏", "", "similar_title", 120, "图书")

# ---- 薛兆丰的经济学课
L("hw_xz01", "shop_course1", "薛兆丰的经济学课 音频 全集 网盘", "px:w_xuezhaofeng", "resource", 4.9,
  "课程")
L("hw_xz02", "shop_dedao", "薛兆丰的经济学课 得到App 正版课程", "", "authorized", 199, "课程")
C("hw_xz03", "acc_student", "post", "学完薛兆丰的经济学课 最大收获是机会成本", "", "reviewer")

# ---- more hard negatives: brand syllables across word boundaries, English
# words that are also brand names, other IPs
L("hw_xn01", "shop_swim", "绝佳能见度 防雾泳镜 高清", "", "across_words", 49, "泳镜")
C("hw_xn02", "acc_army", "post", "守护祖国广大疆土 致敬边防战士", "", "across_words")
L("hw_xn03", "shop_taxi", "茅台机场 接送包车 仁怀", "", "place_name", 150, "出行")
L("hw_xn04", "shop_plush", "LuLu猪 表情包 毛绒抱枕", "", "other_ip", 59, "玩具")
L("hw_xn05", "shop_kids2", "思维密码 逻辑训练 儿童益智", "", "across_words", 39, "图书")
L("hw_xn06", "shop_kids2", "小博士 点读笔 早教机", "", "longer_word", 199, "早教")
L("hw_xn07", "shop_travel2", "北欧极光 白夜行程 攻略 旅游", "", "across_words", 9.9, "旅游")
L("hw_xn08", "shop_movie2", "哪吒2 电影票 特惠 在线选座", "", "legal_ticket", 35, "电影票")
C("hw_xn09", "acc_fan7", "post", "转发董宇辉推荐的书单，大家可以去图书馆借", "", "fan_share")
L("hw_xn10", "shop_sticker", "Canon Event 表情包 贴纸 搞笑", "", "ordinary_word_en", 5, "贴纸")
L("hw_xn11", "shop_pizza", "supreme pizza 超级至尊披萨 9寸", "", "ordinary_word_en", 59, "食品")
L("hw_xn12", "shop_lamp", "galaxy projector 星空投影灯 卧室", "", "ordinary_word_en", 79, "灯具")
L("hw_xn13", "shop_baby", "婴儿连体衣 NB码 纯棉 新生儿", "", "size_code", 39, "童装")
L("hw_xn14", "shop_tea", "茅台镇 酱香 品鉴 老酒坊", "", "place_name", 98, "白酒")
C("hw_xn15", "acc_travel", "post", "维多利亚港的夜景，香港必打卡", "", "place_name")

if __name__ == "__main__":
    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    ids = [r["item"] for r in LABELS]
    assert len(ids) == len(set(ids)), "duplicate item id"
    dump("registry.ndjson", REGISTRY)
    dump("items.ndjson", ITEMS)
    dump("labels.ndjson", LABELS)
    neg = sum(1 for r in LABELS if not r["expect"] and r["kind"] != "shop_record")
    print(f"{len(ITEMS)} items, {neg} negatives")
