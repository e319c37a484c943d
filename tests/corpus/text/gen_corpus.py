#!/usr/bin/env python3
"""Generates the labelled text corpus of issue 3 (tests/corpus/text/).

Deterministic (seeded). Variant spellings are derived from Debian's data, not
typed in: homophones and pinyin from Unihan readings (unicode-data),
traditional forms from Unihan kTraditionalVariant, shape variants from
Unihan kSemanticVariant/kZVariant, common characters and ordinary words from
jieba's dict.txt. Writes registry.ndjson, items.ndjson and labels.ndjson
(one line per item: {"item", "expect": [{"detector", "target"}], "kind": why}).

Usage: gen_corpus.py [OUT_DIR]
"""
import bz2
import collections
import json
import os
import random
import sys
import unicodedata

UNIHAN = "/usr/share/unicode"
JIEBA = "/usr/lib/python3/dist-packages/jieba/dict.txt"
rng = random.Random(20261129)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def toneless(r):
    r = r.replace("ü", "v").replace("Ü", "v")
    d = unicodedata.normalize("NFD", r)
    return "".join(c for c in d if "a" <= c.lower() <= "z").lower()


def unihan(name, fields):
    out = collections.defaultdict(dict)
    with bz2.open(os.path.join(UNIHAN, name), "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in fields:
                out[chr(int(cp[2:], 16))][field] = value
    return out


readings_raw = unihan("Unihan_Readings.txt.bz2", {"kMandarin"})
primary = {c: toneless(v["kMandarin"].split()[0]) for c, v in readings_raw.items()}
variants = unihan("Unihan_Variants.txt.bz2", {"kTraditionalVariant", "kSemanticVariant", "kZVariant"})


def var_list(c, field):
    v = variants.get(c, {}).get(field, "")
    return [chr(int(t[2:].split("<")[0], 16)) for t in v.split() if t.startswith("U+")]


words = {}
char_freq = collections.Counter()
with open(JIEBA, encoding="utf-8") as f:
    for line in f:
        w, freq, pos = line.split()
        words[w] = int(freq)
        for c in w:
            char_freq[c] += int(freq)
common = [c for c, _ in char_freq.most_common(3500) if c in primary]
by_reading = collections.defaultdict(list)
for c in common:
    by_reading[primary[c]].append(c)

NEAR = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("l", "n")]


def near_of(p):
    outs = []
    for a, b in NEAR:
        if p.startswith(a) and not (a in ("z", "c", "s") and p[1:2] == "h"):
            outs.append(b + p[len(a):])
    for a, b in (("ang", "an"), ("eng", "en"), ("ing", "in"), ("an", "ang"), ("en", "eng"), ("in", "ing")):
        if p.endswith(a) and not (a in ("an", "en", "in") and p.endswith("g")):
            outs.append(p[: -len(a)] + b)
    if p.startswith(("z", "c", "s")) and not p[1:2] == "h":
        outs.append(p[0] + "h" + p[1:])
    return [o for o in outs if o in by_reading]


def ordinary(s):
    return words.get(s, 0) >= 30


def homophone(name, near=False):
    """Replace one character by a common one of the same (or a near) reading."""
    idx = list(range(len(name)))
    rng.shuffle(idx)
    for i in idx:
        p = primary.get(name[i])
        if not p:
            continue
        pool = []
        for q in (near_of(p) if near else [p]):
            pool += [c for c in by_reading[q] if c != name[i] and c not in name]
        rng.shuffle(pool)
        for c in pool[:20]:
            cand = name[:i] + c + name[i + 1:]
            if not ordinary(cand) and not any(ordinary(cand[j:j + 2]) for j in range(len(cand) - 1)):
                return cand
    return None


def traditional(name):
    out = "".join((var_list(c, "kTraditionalVariant") or [c])[0] for c in name)
    return out if out != name else None


def shape(name):
    for i, c in enumerate(name):
        for v in var_list(c, "kSemanticVariant") + var_list(c, "kZVariant"):
            if v != c and v in char_freq:
                return name[:i] + v + name[i + 1:]
    return None


def pinyin(name, sep=""):
    ps = [primary.get(c) for c in name]
    return sep.join(ps) if all(ps) else None


def initials(name):
    ps = [primary.get(c) for c in name]
    return "".join(p[0] for p in ps) if all(ps) and len(name) >= 3 else None


def mixed(name):
    i = rng.randrange(len(name))
    p = primary.get(name[i])
    if not p:
        return None
    rep = p if rng.random() < 0.5 else p[0].upper()
    return name[:i] + rep + name[i + 1:]


HOMO = {"a": "а", "e": "е", "o": "о", "i": "і", "c": "с", "p": "р", "x": "х", "y": "у", "s": "ѕ"}
LEET = {"i": "1", "o": "0", "e": "3", "a": "4", "s": "5"}
STYLE_BOLD = {chr(ord("A") + k): chr(0x1D400 + k) for k in range(26)}
STYLE_BOLD.update({chr(ord("a") + k): chr(0x1D41A + k) for k in range(26)})
CIRCLED = {chr(ord("A") + k): chr(0x24B6 + k) for k in range(26)}
CIRCLED.update({chr(ord("a") + k): chr(0x24D0 + k) for k in range(26)})
DIA = {"a": "á", "e": "ë", "i": "ï", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}
SEPS = [".", "-", "*", "·", " ", "_", "❤", "🌸", "/", "|"]
ZW = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]


def latin_variant(name, kind):
    n = name
    letters = [i for i, ch in enumerate(n) if ch.isalpha()]
    if kind == "exact":
        return n
    if kind == "case":
        return n.upper() if rng.random() < 0.5 else n.lower()
    if kind == "width":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in n.upper())
    if kind == "styled":
        table = STYLE_BOLD if rng.random() < 0.5 else CIRCLED
        return "".join(table.get(c, c) for c in n)
    if kind == "diacritic":
        out = list(n)
        for i in letters:
            if out[i].lower() in DIA and rng.random() < 0.6:
                out[i] = DIA[out[i].lower()]
        return "".join(out)
    if kind == "homoglyph":
        cand = [i for i in letters if n[i].lower() in HOMO]
        if not cand:
            return None
        out = list(n.lower())
        for i in rng.sample(cand, min(len(cand), rng.choice([1, 2]))):
            out[i] = HOMO[out[i]]
        return "".join(out).upper() if False else "".join(out)
    if kind == "leet":
        cand = [i for i in letters if 0 < i < len(n) - 1 and n[i].lower() in LEET and n[i - 1].isalpha() and n[i + 1].isalpha()]
        if not cand:
            return None
        out = list(n.upper())
        out[rng.choice(cand)] = LEET[n[rng.choice(cand)].lower()] if False else None
        i = rng.choice(cand)
        out = list(n.upper())
        out[i] = LEET[n[i].lower()]
        return "".join(out)
    if kind == "separator":
        s = rng.choice(SEPS)
        return s.join(n.replace(" ", "").upper())
    if kind == "zero_width":
        i = rng.randrange(1, len(n))
        return n[:i] + rng.choice(ZW) + n[i:]
    if kind == "repeat":
        i = rng.choice(letters)
        return n[:i] + n[i] * rng.choice([2, 3]) + n[i:]
    return None


def han_variant(name, kind):
    if kind == "exact":
        return name
    if kind == "separator":
        s = rng.choice(SEPS)
        i = rng.randrange(1, len(name))
        return name[:i] + s + name[i:]
    if kind == "zero_width":
        i = rng.randrange(1, len(name))
        return name[:i] + rng.choice(ZW) + name[i:]
    if kind == "traditional":
        return traditional(name)
    if kind == "homophone":
        return homophone(name)
    if kind == "near_homophone":
        return homophone(name, near=True) if len(name) >= 3 else None
    if kind == "pinyin":
        return pinyin(name, rng.choice(["", " "]))
    if kind == "initials":
        return initials(name)
    if kind == "mixed":
        return mixed(name)
    if kind == "shape":
        return shape(name)
    if kind == "reorder":
        if len(name) < 3:
            return None
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if kind == "insertion":
        if len(name) < 3:
            return None
        i = rng.randrange(1, len(name))
        return name[:i] + rng.choice("之的小") + name[i:]
    return None


LATIN_KINDS = ["exact", "case", "width", "styled", "diacritic", "homoglyph", "leet", "separator", "zero_width", "repeat"]
HAN_KINDS = ["exact", "separator", "zero_width", "traditional", "homophone", "near_homophone", "pinyin",
             "initials", "mixed", "shape", "reorder", "insertion"]

# ---------------- registry ----------------
BRANDS = [
    # id, latin names, han names, aliases, category, price floor, generic senses, products
    ("nike", ["Nike"], ["耐克"], ["Air Jordan"], "shoes", 399, [], ["运动鞋", "跑步鞋", "篮球鞋", "卫衣", "气垫鞋"]),
    ("adidas", ["Adidas"], ["阿迪达斯"], ["三叶草"], "shoes", 359, [], ["运动鞋", "板鞋", "运动裤", "椰子鞋"]),
    ("chanel", ["Chanel"], ["香奈儿"], ["小香", "C家"], "bags", 9000, [], ["链条包", "口红", "香水", "菱格包"]),
    ("gucci", ["Gucci"], ["古驰"], [], "bags", 6000, [], ["腰带", "马衔扣包", "双肩包", "墨镜"]),
    ("lv", ["Louis Vuitton"], ["路易威登"], ["LV", "驴牌"], "bags", 8000, [], ["老花包", "钱包", "手提包", "邮差包"]),
    ("apple", ["Apple", "iPhone"], ["苹果"], [], "phones", 3000, ["水果", "新鲜苹果", "苹果汁", "苹果醋", "红富士", "苹果干"], ["手机", "平板", "耳机"]),
    ("xiaomi", ["Xiaomi"], ["小米"], [], "phones", 999, ["小米粥", "小米椒", "黄小米", "小米辣", "杂粮", "五谷"], ["手机", "手环", "充电宝"]),
    ("huawei", ["Huawei"], ["华为"], [], "phones", 1999, [], ["手机", "平板", "手表", "耳机"]),
    ("lining", ["Li Ning"], ["李宁"], [], "shoes", 299, [], ["运动鞋", "羽毛球拍", "卫衣", "篮球鞋"]),
    ("anta", ["Anta"], ["安踏"], [], "shoes", 199, [], ["跑鞋", "运动服", "篮球鞋"]),
    ("dior", ["Dior"], ["迪奥"], [], "cosmetics", 300, [], ["口红", "香水", "粉底液", "眼影"]),
    ("hermes", ["Hermes"], ["爱马仕"], [], "bags", 30000, [], ["铂金包", "丝巾", "皮带", "凯莉包"]),
    ("prada", ["Prada"], ["普拉达"], [], "bags", 7000, [], ["尼龙包", "腋下包", "斜挎包"]),
    ("lancome", ["Lancome"], ["兰蔻"], ["小黑瓶"], "cosmetics", 400, [], ["精华", "粉水", "面霜"]),
    ("esteelauder", ["Estee Lauder"], ["雅诗兰黛"], ["小棕瓶"], "cosmetics", 500, [], ["精华", "眼霜", "粉底"]),
    ("burberry", ["Burberry"], ["博柏利"], ["巴宝莉"], "clothing", 5000, [], ["风衣", "围巾", "格纹衬衫"]),
    ("rolex", ["Rolex"], ["劳力士"], ["绿水鬼"], "watches", 50000, [], ["手表", "机械表", "潜航者"]),
    ("balenciaga", ["Balenciaga"], ["巴黎世家"], [], "shoes", 5000, [], ["老爹鞋", "沙漏包", "卫衣"]),
    ("coach", ["Coach"], ["蔻驰"], [], "bags", 2000, [], ["托特包", "钱包", "斜挎包"]),
    ("dyson", ["Dyson"], ["戴森"], [], "appliances", 2000, [], ["吹风机", "吸尘器", "卷发棒"]),
    ("lego", ["Lego"], ["乐高"], [], "toys", 199, [], ["积木", "拼装玩具", "机械组"]),
    ("swarovski", ["Swarovski"], ["施华洛世奇"], [], "jewelry", 600, [], ["项链", "手链", "耳环"]),
    ("tiffany", ["Tiffany"], ["蒂芙尼"], [], "jewelry", 2000, [], ["项链", "戒指", "手镯"]),
    ("ysl", ["Saint Laurent"], ["圣罗兰"], ["YSL"], "cosmetics", 300, [], ["口红", "香水", "气垫"]),
    ("moncler", ["Moncler"], ["盟可睐"], [], "clothing", 8000, [], ["羽绒服", "马甲"]),
    ("sony", ["Sony"], ["索尼"], [], "electronics", 1000, [], ["耳机", "相机", "游戏机"]),
]
PORTRAITS = [
    ("p_ljq", ["李佳琦"], ["佳琦"]),
    ("p_dlrb", ["迪丽热巴"], ["热巴"]),
    ("p_ym", ["杨幂"], []),
    ("p_yyqx", ["易烊千玺"], ["千玺"]),
    ("p_wyb", ["王一博"], []),
    ("p_lyh", ["罗永浩"], ["老罗"]),
    ("p_zjl", ["周杰伦"], ["周董"]),
    ("p_ts", ["Taylor Swift"], ["霉霉"]),
    ("p_zly", ["赵丽颖"], []),
    ("p_xz", ["肖战"], []),
]
WORKS = [
    ("w_santi", "book", "三体", ["三体全集"], "9787536692930", "刘慈欣"),
    ("w_huozhe", "book", "活着", [], "9787506365437", "余华"),
    ("w_kuangbiao", "short_drama", "狂飙", [], "", ""),
    ("w_llqq", "film", "流浪地球", [], "", ""),
    ("w_qyn", "short_drama", "庆余年", [], "", ""),
    ("w_fanhua", "short_drama", "繁花", [], "", ""),
    ("w_cadlz", "book", "长安的荔枝", [], "9787572610325", "马伯庸"),
    ("w_hp", "book", "Harry Potter", ["哈利波特", "哈利·波特"], "9787020033430", "J.K. Rowling"),
    ("w_python", "course", "Python从入门到精通", [], "", ""),
    ("w_shanhun", "short_drama", "闪婚后傅先生马甲藏不住了", ["傅先生马甲"], "", ""),
    ("w_ps", "software", "Photoshop", [], "", ""),
    ("w_mcdjj", "short_drama", "漫长的季节", [], "", ""),
]

AUTH = {"nike": ["s_nike_flagship"], "lining": ["s_lining_flagship"], "chanel": ["s_chanel_official"],
        "apple": ["s_apple_store"], "dyson": ["s_dyson_official"]}
PORTRAIT_AUTH = {"p_ljq": ["acc_ljq_live"], "p_zjl": ["s_jvr_music"]}
WORK_AUTH = {"w_santi": ["s_chongqing_press"], "w_hp": ["s_rmwx_press"]}

registry = [{"kind": "rights_holder", "id": "h_all", "name": "Rights Holders Alliance", "verified": True}]
for bid, latin, han, aliases, cat, floor, senses, _ in BRANDS:
    r = {"kind": "brand", "id": bid, "holder": "h_all", "names": latin + han, "aliases": aliases,
         "categories": [cat], "price_floor": {cat: floor}}
    if bid in AUTH:
        r["authorized_shops"] = AUTH[bid]
    if senses:
        r["generic_senses"] = senses
    registry.append(r)
for pid, names, aliases in PORTRAITS:
    r = {"kind": "portrait", "id": pid, "holder": "h_all", "names": names, "aliases": aliases}
    if pid in PORTRAIT_AUTH:
        r["authorized_shops"] = PORTRAIT_AUTH[pid]
    registry.append(r)
for wid, typ, title, aliases, isbn, author in WORKS:
    r = {"kind": "work", "id": wid, "holder": "h_all", "type": typ, "title": title, "aliases": aliases}
    if isbn:
        r["isbn"] = isbn
    if author:
        r["author"] = author
    if wid in WORK_AUTH:
        r["authorized_shops"] = WORK_AUTH[wid]
    registry.append(r)

# ---------------- items ----------------
items, labels = [], []
# The second Li Ning shop is authorized through its owner account.
items.append({"kind": "shop", "id": "s_lining_flagship", "name": "李宁官方旗舰店", "account": "acc_lining"})
items.append({"kind": "shop", "id": "s_lining_outlet", "name": "李宁工厂直营", "account": "acc_lining"})
items.append({"kind": "account", "id": "acc_lining", "name": "李宁体育", "shops": ["s_lining_flagship", "s_lining_outlet"]})
for it in items:
    labels.append({"item": it["id"], "expect": [], "kind": "authorized_shop_record"})
counter = collections.Counter()


def add(kind, why, expect, **fields):
    counter[why] += 1
    iid = f"{kind[0]}{len(items):05d}"
    rec = {"kind": kind, "id": iid}
    rec.update(fields)
    items.append(rec)
    labels.append({"item": iid, "expect": [{"detector": d, "target": t} for d, t in expect], "kind": why})


def shop():
    return f"s_{rng.randrange(1000, 9999)}"


def acct():
    return f"acc_{rng.randrange(1000, 9999)}"


ADJ = ["2024新款", "正品保证", "官方同步", "夏季新款", "爆款", "限时特价", "包邮", "现货速发", "热卖", "经典款"]
ADJ_EN = ["new", "2024", "hot sale", "free shipping", "limited", "classic", "authentic look"]
FAKE = ["高仿", "A货", "原单", "1:1", "复刻", "莆田", "尾单", "工厂店", "专柜品质", "顶级版本", "纯原", "replica", "mirror quality"]
DUPE = ["同款", "平替", "same as", "dupe", "inspired by"]


def brand_text(b, kind):
    bid, latin, han, aliases, cat, floor, senses, products = b
    if kind in LATIN_KINDS and kind not in ("exact",) or (kind == "exact" and rng.random() < 0.4):
        return latin_variant(rng.choice(latin), kind)
    return han_variant(rng.choice(han), kind)


# 1. brand_variant positives: every variant type, listings by unauthorized shops.
for rep in range(2):
    for b in BRANDS:
        bid, latin, han, aliases, cat, floor, senses, products = b
        for kind in ["exact", "case", "width", "styled", "diacritic", "homoglyph", "leet", "separator",
                     "zero_width", "repeat", "traditional", "homophone", "near_homophone", "pinyin",
                     "initials", "mixed", "shape", "reorder", "insertion"]:
            if kind in ("traditional", "homophone", "near_homophone", "pinyin", "initials", "mixed",
                        "shape", "reorder", "insertion"):
                t = han_variant(rng.choice(han), kind)
            elif kind == "exact":
                t = rng.choice(latin + han)
            else:
                t = latin_variant(rng.choice(latin), kind)
                if kind in ("separator", "zero_width") and rng.random() < 0.5:
                    t = han_variant(rng.choice(han), kind)
            if not t or rng.random() < (0.7 if rep else 0.35):
                continue
            prod = rng.choice(products)
            expect = [("brand_variant", bid)]
            fmt = rng.randrange(6)
            price = round(floor * rng.uniform(1.05, 2.5))
            fake = ""
            if rng.random() < 0.3:
                fake = rng.choice(FAKE)
            if fmt == 0:
                title = f"{t} {prod} {rng.choice(ADJ)} {fake}".strip()
            elif fmt == 1:
                title = f"【{rng.choice(ADJ)}】{t}{prod} {fake}男女款".strip()
            elif fmt == 2:
                title = f"{fake} {t}新款{prod}{rng.choice(ADJ)}".strip()
            elif fmt == 3:
                title = f"{rng.choice(ADJ)} {prod} {t} {rng.choice(['送礼', '自用', '情侣款'])}"
            elif fmt == 4:
                title = f"{t} {rng.choice(ADJ_EN)} {prod} {fake}".strip()
            else:
                title = f"店长推荐 {t}{prod} {fake} {rng.choice(ADJ)}".strip()
            rec = {"shop": shop(), "title": title, "price": price, "category": cat}
            if rng.random() < 0.3:
                rec["description"] = rng.choice(["支持验货", "七天无理由", "实物拍摄", "顺丰包邮", "Fast shipping, great quality"])
            add("listing", f"bv_{kind}", expect, **rec)

# 1b. shop names using a brand; aliases; live streams with selling + disguises.
for b in BRANDS:
    bid, latin, han, aliases, cat, floor, senses, products = b
    if bid in AUTH:
        continue
    add("shop", "bv_shop_name", [("brand_variant", bid)], name=f"{rng.choice(han)}{rng.choice(['折扣店', '潮品店', '专卖', '海外代购店'])}")
    for a in aliases:
        add("listing", "bv_alias", [("brand_variant", bid)], shop=shop(),
            title=f"{a}{rng.choice(products)} {rng.choice(FAKE)} {rng.choice(ADJ)}", price=floor * 2, category=cat)
    t = han_variant(rng.choice(han), rng.choice(["homophone", "mixed", "separator", "zero_width"])) or rng.choice(han)
    add("content", "bv_live_disguise", [("brand_variant", bid)], account=acct(), type="live",
        text=f"家人们 今天上{t}{rng.choice(products)} 链接已上 拍下立减")

# 2. brand_mismatch positives (also brand_variant: unauthorized shops).
for b in BRANDS:
    bid, latin, han, aliases, cat, floor, senses, products = b
    name = rng.choice(latin + han)
    prod = rng.choice(products)
    # price below floor
    add("listing", "bm_price", [("brand_variant", bid), ("brand_mismatch", bid)], shop=shop(),
        title=f"{name} {prod} {rng.choice(ADJ)}", price=round(floor * rng.uniform(0.05, 0.6)), category=cat)
    # dupe wording
    d = rng.choice(DUPE)
    title = f"{name}{d} {prod}" if d in ("同款", "平替") else f"{prod} {d} {name}"
    add("listing", "bm_dupe", [("brand_variant", bid), ("brand_mismatch", bid)], shop=shop(),
        title=title, price=round(floor * rng.uniform(0.1, 0.3)), category=cat)
    # declared other brand / no brand
    other = rng.choice([x for x in BRANDS if x[0] != bid])
    decl = rng.choice([other[1][0], "无品牌", "其他", "OEM"])
    add("listing", "bm_declared", [("brand_variant", bid), ("brand_mismatch", bid)], shop=shop(),
        title=f"{rng.choice(han)} {prod} {rng.choice(ADJ)}", price=round(floor * 1.2), category=cat, brand=decl)
    # content: dupe recommendations
    add("content", "bm_content_dupe", [("brand_variant", bid), ("brand_mismatch", bid)], account=acct(),
        type=rng.choice(["video", "post"]), text=f"{rng.choice(han)}{rng.choice(['平替', '同款'])}来了 只要几十块 {prod} 链接在主页")

# 3. brand hard negatives.
for b in BRANDS:
    bid, latin, han, aliases, cat, floor, senses, products = b
    prod = rng.choice(products)
    name = rng.choice(latin + han)
    # declared brand matches, fair price, authorized shop
    if bid in AUTH:
        for s in AUTH[bid]:
            add("listing", "neg_authorized", [], shop=s, title=f"{name} {prod} {rng.choice(ADJ)} 官方正品",
                price=round(floor * 1.5), category=cat, brand=latin[0])
            add("listing", "neg_authorized", [], shop=s, title=f"{rng.choice(han)}{prod} 新品首发",
                price=round(floor * 2), category=cat)
    # fans and reviewers mentioning the brand plainly
    for _ in range(3):
      add("content", "neg_brand_talk", [], account=acct(), type="comment",
        text=rng.choice([f"我的{name}{prod}穿了三年还很好", f"{name}的设计越来越好看了", f"求问{name}{prod}尺码偏大吗",
                         f"去{name}专柜试了一下 很喜欢", f"I love my {rng.choice(latin)} {prod}"]))
    add("content", "neg_brand_talk", [], account=acct(), type="post",
        text=f"今天逛街看到{name}的新品，{rng.choice(['颜色很正', '价格有点贵', '排队的人很多'])}")
    # compatibility wording
    for _ in range(2):
      add("listing", "neg_compat", [], shop=shop(),
        title=rng.choice([f"适用于{name}{prod}的保护套", f"兼容{name} {prod} 配件", f"{prod}收纳盒 可用于{name}",
                          f"replacement strap compatible with {rng.choice(latin)}", f"case for {rng.choice(latin)}"]),
        price=round(rng.uniform(9, 59), 1), category="accessories")
    # counterfeit words without any brand
    add("listing", "neg_fake_no_brand", [], shop=shop(),
        title=f"{rng.choice(FAKE)} {rng.choice(['女包', '手表', '运动鞋', '口红', '围巾'])} {rng.choice(ADJ)} 无logo", price=88)
    # unisex wording is not a dupe claim (brand_variant still applies)
    add("listing", "bm_neg_unisex", [("brand_variant", bid)], shop=shop(),
        title=f"{rng.choice(han)}{prod} 男女同款 {rng.choice(ADJ)}", price=round(floor * 1.3), category=cat, brand=latin[0])
    # price floor of another category does not apply
    add("listing", "bm_neg_other_category", [("brand_variant", bid)], shop=shop(),
        title=f"{rng.choice(han)} 帆布袋 赠品", price=5, category="gifts", brand=latin[0])

# generic senses, longer words, person/place names, English words containing names
GENERIC = [
    ("新鲜苹果 红富士 5斤装 脆甜多汁", []), ("山东烟台苹果 新鲜水果 产地直发", []), ("纯苹果汁 NFC 100%鲜榨 1L*6", []),
    ("陕西洛川苹果 当季水果 10斤", []), ("苹果醋饮料 酸甜解腻 整箱", []), ("黄小米 新米 农家杂粮 5斤", []),
    ("小米粥 早餐 即食 杂粮粥", []), ("朝天椒 小米辣 新鲜 500g", []), ("东北小米 五谷杂粮 月子米", []),
    ("苹果干 脆片 零食 办公室小吃", []), ("小米椒 泡椒 下饭菜", []),
]
for rep in range(4):
    for text, exp in GENERIC:
        add("listing", "neg_generic", exp, shop=shop(), title=text + rng.choice(["", " 包邮", " 顺丰", " 新货"]),
            price=round(rng.uniform(9, 99), 1), category="food")
LONGER = ["耐克服困难的勇气 励志书", "克服困难 耐心坚持", "戴森林老师的新书签售", "pineapple slicer kitchen tool",
          "Coachella festival outfit", "diorama kit model", "Legolas elf costume", "snikers candy bar box",
          "Applebee gift card", "sonyan handmade soap", "小香猪 宠物 活体", "华为人民服务", "卡乐高温杀菌锅", "兰蔻蔻"]
for rep in range(3):
    for text in LONGER[:12]:
        add("listing", "neg_longer_word", [], shop=shop(), title=text + rng.choice(["", " 包邮", " 现货"]), price=39)
PERSON_PLACE = ["苹果园站附近 房屋出租", "李宁宁 个人写真集 摄影作品", "北京苹果园 二手自行车", "小米村 土鸡蛋 农家散养"]
for rep in range(3):
    for text in PERSON_PLACE:
        add("listing", "neg_person_place", [], shop=shop(), title=text, price=66)
NEUTRAL = ["纯棉T恤 男士 短袖 夏季", "家用电饭煲 4L 智能预约", "儿童积木 益智玩具 大颗粒", "不锈钢保温杯 500ml",
           "女士真皮钱包 长款", "机械键盘 青轴 87键", "蓝牙耳机 降噪 长续航", "瑜伽垫 加厚 防滑", "手工皂 精油 洁面",
           "wireless charger 15W fast", "men running shoes breathable mesh", "leather crossbody bag for women",
           "高清投影仪 家用 1080p", "网盘会员 月卡", "复古帆布包 学生 大容量", "运动鞋 男 透气 跑步"]
for rep in range(4):
    for text in NEUTRAL:
        add("listing", "neg_neutral", [], shop=shop(), title=text, price=round(rng.uniform(19, 299)))

# 4. portrait positives and negatives.
SELL_AFTER = ["同款", "推荐", "直播间爆款", "同款口红", "推荐款", "代言"]
for rep in range(4):
    for pid, names, aliases in PORTRAITS:
        nm = rng.choice(names + aliases) if rep % 2 else names[0]
        kind = "exact"
        if rep == 3 and all("\u4e00" <= c <= "\u9fff" for c in nm):
            k = rng.choice(["separator", "zero_width", "traditional", "homophone"])
            v = han_variant(nm, k)
            if v:
                nm, kind = v, k
        prod = rng.choice(["口红", "连衣裙", "卫衣", "面膜", "耳机", "运动鞋", "外套"])
        s = rng.choice(SELL_AFTER)
        add("listing", f"pt_listing_{kind}", [("portrait", pid)], shop=shop(), title=f"{nm}{s} {prod} {rng.choice(ADJ)}",
            price=rng.randrange(39, 399))
        add("content", f"pt_live_{kind}", [("portrait", pid)], account=acct(), type="live",
            text=f"{nm}{rng.choice(['同款', '直播间爆款', '推荐'])}{prod} 今天到手价{rng.randrange(19, 199)} 拍下就发")
        add("content", "pt_comment_strong", [("portrait", pid)], account=acct(), type="comment",
            text=f"{nm}同款{prod} 链接在我主页 私信下单")
        # negatives: fans, reviews, news
        add("content", "neg_pt_fan", [], account=acct(), type=rng.choice(["comment", "post"]),
            text=rng.choice([f"{nm}的新剧太好看了", f"支持{nm} 永远爱你", f"{nm}今天的造型好美", f"看了{nm}的采访 很真诚",
                             f"推荐大家去看{nm}的新电影", f"{nm}演唱会门票抢不到"]))
    for pid, auth in PORTRAIT_AUTH.items():
        nm = [p for p in PORTRAITS if p[0] == pid][0][1][0]
        for a in auth:
            if a.startswith("acc"):
                add("content", "neg_pt_authorized", [], account=a, type="live", text=f"{nm}直播间 今日爆款 链接已上 到手价99")
            else:
                add("listing", "neg_pt_authorized", [], shop=a, title=f"{nm}推荐 正版专辑 签名版", price=199)
# similar names that are other people
for text in ["杨紫琼主演电影海报", "王一博士论文查重", "周杰伦敦之旅游记", "肖战国史话 历史书"]:
    add("listing", "neg_pt_other_person", [], shop=shop(), title=text + " 同款", price=49)

# 5. piracy positives and negatives.
RES = ["电子版", "PDF", "epub", "网盘", "百度云", "全集 无删减", "资源 秒发", "高清 链接", "夸克网盘 自动发货", "在线观看"]
for rep in range(5):
    for wid, typ, title, aliases, isbn, author in WORKS:
        t = rng.choice([title] + aliases) if rep % 2 else title
        kind = "exact"
        if rep == 4 and all("\u4e00" <= c <= "\u9fff" for c in t):
            k = rng.choice(["separator", "zero_width", "traditional"])
            v = han_variant(t, k)
            if v:
                t, kind = v, k
        r = rng.choice(RES)
        add("listing", f"pi_resource_{kind}", [("piracy", wid)], shop=shop(), title=f"{t} {r} {rng.choice(['拍下秒发', '永久有效', '全网最全', ''])}".strip(),
            price=round(rng.uniform(0.5, 19.9), 1))
        if rep < 2:
            add("content", "pi_content", [("piracy", wid)], account=acct(), type=rng.choice(["comment", "post"]),
                text=f"{t}{rng.choice(['百度云', '网盘资源', '全集资源'])} 需要的私我")
            add("listing", "pi_set_price", [("piracy", wid)], shop=shop(), title=f"{t} {rng.choice(['全集', '全套', '合集'])} 超值",
                price=round(rng.uniform(3, 29), 1))
        # negatives
        add("content", "neg_pi_review", [], account=acct(), type=rng.choice(["comment", "post"]),
            text=rng.choice([f"{t}真的太好看了 推荐", f"刚看完{t} 结局有点意外", f"{t}读后感：很震撼", f"{t}里的台词太经典了"]))
        if isbn:
            add("listing", "neg_pi_genuine", [], shop=shop(), title=f"{title} 正版实体书 {author} ISBN {isbn}", price=round(rng.uniform(39, 168)))
            add("listing", "pi_isbn", [("piracy", wid)], shop=shop(), title=f"ISBN {isbn[:3]}-{isbn[3:4]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12:]} 电子版 秒发", price=2.9)
        add("listing", "neg_pi_genuine_set", [], shop=shop(), title=f"{title} 全套 正版 精装 出版社直发", price=round(rng.uniform(120, 400)))
    for wid, auth in WORK_AUTH.items():
        w = [x for x in WORKS if x[0] == wid][0]
        for a in auth:
            add("listing", "neg_pi_authorized", [], shop=a, title=f"{w[2]} 电子版 官方授权 正版电子书", price=29.9)
ORD = ["好好活着 励志语录 挂画", "狂飙的车速 行车记录仪", "繁花似锦 十字绣 客厅", "活着真好 手机壳", "狂飙突进 运动品牌 卫衣",
       "百度云 会员 年卡", "PDF 编辑器 软件", "网盘 扩容 服务"]
for rep in range(3):
    for text in ORD:
        add("listing", "neg_pi_ordinary", [], shop=shop(), title=text, price=29)

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "registry.ndjson"), "w", encoding="utf-8") as f:
    for r in registry:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(os.path.join(OUT, "items.ndjson"), "w", encoding="utf-8") as f:
    for r in items:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(os.path.join(OUT, "labels.ndjson"), "w", encoding="utf-8") as f:
    for r in labels:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
neg = sum(1 for l in labels if not l["expect"])
print(f"{len(items)} items, {neg} negatives ({100 * neg / len(items):.0f}%)", file=sys.stderr)
for k, v in sorted(counter.items()):
    print(f"  {k}: {v}", file=sys.stderr)
