#!/usr/bin/env python3
"""Generates tests/corpus/diversion/corpus.ndjson: a labelled corpus of
listings and comments for the diversion detector.

Every line is an ordinary ipguard item (listing or content) plus two fields
the scanner ignores: "expect" ("flag": takes buyers off the platform, or
"clean": lawful, however guilty it looks) and "case" (what the line tests).
About half the lines are hard negatives: numbers, platform names and
invitations in lawful use. Deterministic (fixed seed); run it again after
editing and commit the output.
"""
import json
import random

R = random.Random(4)

MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                   "151", "152", "155", "156", "157", "158", "159", "166", "173", "175",
                   "176", "177", "180", "181", "182", "183", "185", "186", "187", "188",
                   "189", "191", "198", "199"]
CN_DIGITS = "零一二三四五六七八九"
CN_SPOKEN = "洞幺两三四五六拐八九"  # 0 and 7 keep 零/七 below
FIN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FULL = "０１２３４５６７８９"

PRODUCTS = ["LV老花手袋", "古驰酒神包", "AJ1 倒钩", "椰子350", "香奈儿CF", "劳力士水鬼", "迪奥口红",
            "巴黎世家老爹鞋", "北面羽绒服", "始祖鸟冲锋衣", "戴森吹风机", "SK2神仙水", "雅诗兰黛小棕瓶",
            "欧米茄海马", "蒂芙尼项链", "普拉达尼龙包", "耐克 Dunk", "阿迪三叶草卫衣", "卡地亚手镯",
            "爱马仕丝巾", "小米手环8", "iPhone 15 Pro", "华为 Mate 60", "大疆 Mini 4", "任天堂 Switch"]
OPENERS = ["【正品】", "原单", "专柜同款", "工厂直供", "实拍现货", "清仓特价", "新款到货", "顶级版本",
           "高品质", "支持验货", "", "", "包邮 ", "限时秒杀 "]
CLOSERS = ["", "", "价格好说", "量大从优", "欢迎咨询", "先到先得", "细节图私发", "支持专柜验货",
           "七天无理由", "拍前请咨询"]


def mobile():
    return R.choice(MOBILE_PREFIXES) + "".join(R.choice("0123456789") for _ in range(8))


def qq_number():
    n = R.randint(6, 10)
    return R.choice("123456789") + "".join(R.choice("0123456789") for _ in range(n - 1))


def wechat_id():
    head = R.choice("abcdefghijklmnopqrstuvwxyz")
    body_len = R.randint(5, 12)
    body = "".join(R.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(body_len))
    return head + body.rstrip("_") + R.choice(["", "88", "666", "2023"])


def handle():
    head = R.choice("abcdefghijklmnopqrstuvwxyz")
    return head + "".join(R.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(R.randint(5, 10)))


def write_digits(d, style):
    if style == "plain":
        return d
    if style == "344":
        sep = R.choice([" ", "-", " - ", "·", ".", "—"])
        return sep.join([d[:3], d[3:7], d[7:]]) if len(d) == 11 else d
    if style == "spaced":
        return R.choice([" ", "  ", "-", "."]).join(d)
    if style == "emoji":
        sep = R.choice(["❤", "🌸", "✨", "⭐", "💕", "~"])
        chunks = [d[i:i + R.randint(2, 4)] for i in range(0, len(d), 3)]
        out, i = [], 0
        while i < len(d):
            k = R.randint(2, 4)
            out.append(d[i:i + k])
            i += k
        return sep.join(out)
    if style == "cn":
        return "".join(CN_DIGITS[int(c)] for c in d)
    if style == "spoken":
        return "".join({"1": "幺", "2": "两"}.get(c, CN_DIGITS[int(c)]) for c in d)
    if style == "fin":
        return "".join(FIN_DIGITS[int(c)] for c in d)
    if style == "circled":
        return "".join(CIRCLED[int(c)] for c in d)
    if style == "super":
        return "".join(SUPER[int(c)] for c in d)
    if style == "full":
        return "".join(FULL[int(c)] for c in d)
    if style == "keycap":
        return "".join(c + "\ufe0f\u20e3" for c in d)
    if style == "mixed":
        forms = [lambda c: c, lambda c: CN_DIGITS[int(c)], lambda c: FIN_DIGITS[int(c)],
                 lambda c: CIRCLED[int(c)], lambda c: FULL[int(c)]]
        return "".join(R.choice(forms)(c) for c in d)
    if style == "lines":
        return "\n".join([d[:3], d[3:7], d[7:]])
    raise ValueError(style)


DIGIT_STYLES = ["plain", "plain", "344", "spaced", "emoji", "cn", "spoken", "fin", "circled",
                "super", "full", "keycap", "mixed", "lines"]

WECHAT_CUES = ["微信", "微信号", "V信", "vx", "VX", "wx", "薇信", "威信", "徽信", "卫星", "绿泡泡",
               "➕V", "微❤", "V/X", "加v", "+V", "薇❤", "v❤", "Wechat", "weixin", "威❤"]
QQ_CUES = ["QQ", "qq", "扣扣", "企鹅", "🐧", "Q:", "扣q", "企鹅号", "QQ号"]
PHONE_CUES = ["电话", "手机", "tel", "Tel:", "📞", "☎", "电联", "手机号", "来电", ""]
TG_CUES = ["电报", "纸飞机", "飞机号", "TG", "telegram", "✈️"]
INVITES = ["加我", "私聊", "联系", "扫码加", "找我", "戳我", "加"]


def wrap(contact_text):
    p = R.choice(PRODUCTS)
    forms = [
        lambda: f"{R.choice(OPENERS)}{p} {contact_text} {R.choice(CLOSERS)}",
        lambda: f"{p}{R.choice(['，', ' ', '。'])}{contact_text}",
        lambda: f"{contact_text} {R.choice(OPENERS)}{p}",
        lambda: f"{R.choice(OPENERS)}{p}，更多款式{contact_text}",
    ]
    return R.choice(forms)().strip()


def style_id(i):
    s = R.random()
    if s < 0.15:
        return " ".join(i)
    if s < 0.25:
        return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in i)
    if s < 0.35:
        return i.upper()
    return i


items = []


def add(expect, case, text, kind="listing", where="title", account=None):
    n = len(items) + 1
    if kind == "listing":
        rec = {"kind": "listing", "id": f"dv{n:04d}", "shop": f"shop{R.randint(1, 80)}"}
        if where == "title":
            rec["title"] = text
        elif where == "description":
            rec["title"] = R.choice(OPENERS) + R.choice(PRODUCTS)
            rec["description"] = text
        else:  # split over title and description
            a, b = text
            rec["title"], rec["description"] = a, b
    else:
        rec = {"kind": "content", "id": f"dv{n:04d}", "account": account or f"acct{R.randint(1, 80)}",
               "type": kind, "text": text}
    rec["expect"] = expect
    rec["case"] = case
    items.append(rec)


# ---------------------------------------------------------------- positives
for _ in range(60):
    d = mobile()
    style = R.choice(DIGIT_STYLES)
    cue = R.choice(PHONE_CUES + WECHAT_CUES[:6] + [""])
    sep = R.choice(["", " ", "：", ":", " "])
    add("flag", f"phone/{style}", wrap(f"{cue}{sep if cue else ''}{write_digits(d, style)}"),
        where=R.choice(["title", "description"]))
for _ in range(45):
    cue = R.choice(WECHAT_CUES)
    sep = R.choice(["", " ", "：", ":", "号", " 号码 "])
    add("flag", "wechat/id", wrap(f"{R.choice(['', '加', '添加', '+'])}{cue}{sep}{style_id(wechat_id())}"),
        where=R.choice(["title", "description"]))
for _ in range(20):
    cue = R.choice(WECHAT_CUES)
    d = mobile()
    add("flag", "wechat/phone-as-id",
        wrap(f"{cue}{R.choice(['', ' ', '：'])}{write_digits(d, R.choice(DIGIT_STYLES))}"))
for _ in range(40):
    cue = R.choice(QQ_CUES)
    q = qq_number()
    style = R.choice(["plain", "plain", "cn", "spoken", "fin", "circled", "spaced", "full", "mixed", "emoji"])
    add("flag", f"qq/{style}", wrap(f"{cue}{R.choice(['', ' ', '：', ':'])}{write_digits(q, style)}"),
        where=R.choice(["title", "description"]))
for _ in range(10):
    add("flag", "qq/group", wrap(f"{R.choice(['QQ群', 'q群', '企鹅群', '扣扣群'])}{R.choice(['', '：', ' '])}{qq_number()}"))
for _ in range(20):
    h = handle()
    form = R.choice([f"t.me/{h}", f"https://t.me/{h}", f"{R.choice(TG_CUES)} @{h}",
                     f"{R.choice(TG_CUES)}：@{h}", f"{R.choice(['TG', '飞机号', '电报'])}: {h}_88"])
    add("flag", "telegram", wrap(form), where=R.choice(["title", "description"]))
for _ in range(12):
    num = R.choice(["447911123456", "8613912345678", "6591234567", "14155552671", "85291234567"])
    form = R.choice([f"wa.me/{num}", f"https://wa.me/{num}", f"WhatsApp +{num[:2]} {num[2:]}",
                     f"whatsapp: +{num}"])
    add("flag", "whatsapp", wrap(form))
for _ in range(8):
    add("flag", "line", wrap(R.choice([f"LINE ID: {handle()}", f"加line：{handle()}", f"line.me/ti/p/~{handle()}"])))
for _ in range(20):
    user = R.choice([qq_number(), handle()])
    dom = R.choice(["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com", "sina.com"])
    at = R.choice(["@", "@", "＠", "#"])
    add("flag", "email", wrap(f"{R.choice(['邮箱', 'email:', '联系邮箱：', ''])}{user}{at}{dom}"),
        where=R.choice(["title", "description"]))
for _ in range(20):
    name = R.choice(["luxuryhub", "aj-outlet", "best-replica", "kicks-vip", "haipai", "shoe4u", "fashionbag"])
    tld = R.choice(["com", "cn", "net", "top", "xyz", "shop", "vip", "cc"])
    form = R.choice([f"https://www.{name}.{tld}/item/{R.randint(100, 999)}", f"www.{name}.{tld}",
                     f"官网 {name}.{tld}", f"更多款式见 http://{name}.{tld}", f"{name}.{tld} 下单更便宜"])
    add("flag", "url", wrap(form), where=R.choice(["title", "description"]))
for _ in range(8):
    code = R.choice(["AbCdEf", "xYz123", "Qw9Er7"])
    add("flag", "wechat/link", wrap(R.choice([f"u.wechat.com/{code}", f"weixin.qq.com/g/{code}"])))
for _ in range(6):
    add("flag", "wechat/wxid", wrap(f"wxid_{R.choice('abcdefgh')}{R.randint(10000000, 99999999)}"))
for _ in range(22):
    add("flag", "pointer", wrap(R.choice(["看主页", "主页有惊喜", "看签名", "看头像", "详情看主页",
                                          "头像扫码", "主页联系方式", "评论区扣1", "签名有惊喜",
                                          "link in bio", "主页有福利"])),
        kind=R.choice(["listing", "comment", "post"]))
for _ in range(24):
    inv = R.choice(INVITES)
    ch = R.choice(["微信", "vx", "V信", "QQ", "扣扣", "薇信", "企鹅", "绿泡泡", "纸飞机", "飞机", "电报"])
    form = R.choice([f"{inv}{ch}", f"{inv}{ch}详聊", f"{ch}{R.choice(['联系', '详聊', '私聊'])}",
                     f"想要的{inv}{ch}", f"{inv}{ch}看实拍"])
    add("flag", "invitation", wrap(form), kind=R.choice(["listing", "comment", "post"]))
for _ in range(10):
    add("flag", "slang-alone", wrap(R.choice(["薇信同款", "有意➕V", "微❤见", "绿泡泡见", "扣扣见",
                                              "威信联系", "徽信找我"])))
for _ in range(10):
    add("flag", "dm-me", R.choice([f"Replica bags, dm me on telegram @{handle()}",
                                   f"contact me whatsapp +{R.choice(['447911123456', '14155552671'])}",
                                   f"add me on wechat: {wechat_id()}",
                                   f"Cheap AJ1, email {handle()}@gmail.com",
                                   f"Order at www.{handle().replace('_', '')}.com for 50% off"]),
        kind="post")
for _ in range(12):
    d = mobile()
    cut = R.randint(3, 8)
    a, b = d[:cut], d[cut:]
    add("flag", "phone/split-fields", (f"{R.choice(PRODUCTS)} 电话{a}", f"{b} {R.choice(CLOSERS)}"),
        where="split")

# comments split over consecutive comments of one account
for k in range(10):
    acct = f"splitter{k}"
    d = mobile() if k % 2 else qq_number()
    cue = "" if k % 2 else R.choice(["QQ", "扣扣"])
    parts = [d[:3], d[3:7], d[7:]] if k % 2 else [d[:3], d[3:]]
    texts = [f"{cue}{parts[0]}"] + parts[1:]
    for j, t in enumerate(texts):
        last = j == len(texts) - 1
        add("flag" if last else "clean", "comments/split" if last else "comments/split-part",
            t, kind="comment", account=acct)

# ---------------------------------------------------------------- hard negatives
def neg(case, text, kind="listing", where="title", account=None):
    add("clean", case, text, kind=kind, where=where, account=account)


def digits(n, first="123456789"):
    return R.choice(first) + "".join(R.choice("0123456789") for _ in range(n - 1))


for _ in range(30):
    neg("order", wrap(R.choice([
        f"订单号：{R.randint(2019, 2024)}{R.randint(1000, 1231)}{mobile()}{R.randint(100, 999)}",
        f"订单编号 {digits(18)}", f"订单号{digits(19)}，请核对", f"单号 {mobile()}{digits(4)}",
        f"物流单号：YT{digits(13)}", f"快递单号 SF{digits(12)}", f"运单号 {digits(12, '7')}",
        f"中通 {digits(14, '7')} 已发货", f"订单 {mobile()} 已完成，感谢支持",
        f"快递 {mobile()}", f"物流单号 {mobile()}"])), where=R.choice(["title", "description"]))
for _ in range(25):
    neg("model", wrap(R.choice([
        f"型号 {R.choice(['A', 'SM-G', 'MX', 'RTX'])}{digits(4)}", f"货号：{R.choice(['DD', 'CW', 'FZ'])}{digits(4)}-{digits(3)}",
        f"款号 {digits(8)}", f"型号：{mobile()}", f"货号 {mobile()}", f"编号{mobile()}",
        f"序列号 {digits(12)}", f"Model {R.choice(['A2894', 'SM-S9180', 'M2101K9C', 'RMX3310'])}",
        f"SN: C02{digits(9)}", f"批号 {digits(10)}", f"条码 69{digits(11)}", f"执行标准 GB/T {digits(5)}-2017"])),
        where=R.choice(["title", "description"]))
for _ in range(25):
    y = R.randint(2015, 2025)
    neg("date", wrap(R.choice([
        f"生产日期 {y}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}", f"{y}年{R.randint(1, 12)}月{R.randint(1, 28)}日发货",
        f"{y}.{R.randint(1, 12):02d}.{R.randint(1, 28):02d} 到货", f"有效期至 {y}{R.randint(1, 12):02d}{R.randint(1, 28):02d}",
        f"{y}/{R.randint(1, 12)}/{R.randint(1, 28)} 13:45 上新", f"日期：{y}{R.randint(10, 12)}{R.randint(10, 28)}",
        f"活动时间 {R.randint(10, 12)}.{R.randint(10, 28)}-{R.randint(10, 12)}.{R.randint(10, 28)}"])))
for _ in range(30):
    neg("price", wrap(R.choice([
        f"¥{R.randint(100, 20000)}.00", f"原价 {R.randint(1000, 30000)} 元，现价 {R.randint(100, 999)} 元",
        f"券后 {R.randint(50, 999)} 元", f"售价￥{R.randint(1000, 99999)}", f"月销 {R.randint(1000, 99999)} 件",
        f"已售 {digits(7)} 件", f"库存 {R.randint(100, 9999)} 件", f"价格 {R.randint(1, 9)},{R.randint(100, 999)},{R.randint(100, 999)} 元",
        f"{R.randint(1000, 20000)}元包邮", f"到手价 {digits(4)}.{R.randint(10, 99)}",
        f"累计销量 {digits(8)} 笔", f"{digits(11, '1')} 人已付款"])))
for _ in range(30):
    neg("size", wrap(R.choice([
        f"{R.choice([64, 128, 256, 512])}GB", f"{R.choice(['36', '38', '40', '42', '44'])}码",
        f"尺码 {' '.join(str(x) for x in range(R.randint(35, 38), R.randint(42, 46)))}",
        f"容量 {R.choice([500, 750, 1000, 1500])}ml", f"{R.choice([8, 12, 16])}GB+{R.choice([128, 256, 512])}GB",
        f"尺寸 {R.randint(10, 99)}x{R.randint(10, 99)}x{R.randint(10, 99)}cm", f"重量 {R.randint(100, 999)}g",
        f"{R.randint(2, 9)}.{R.randint(1, 9)}寸屏幕 {R.choice([4000, 5000, 5500])}mAh",
        f"S M L XL 2XL 3XL", f"鞋码 39 40 41 42 43 44 45", f"分辨率 {R.choice(['1920x1080', '2560 x 1440', '3840*2160'])}",
        f"{R.randint(1, 9)} {R.randint(10, 99)} {R.randint(100, 999)} {R.randint(1000, 9999)} 型号齐全"])))
for _ in range(15):
    isbn = f"978{R.randint(0, 9)}{digits(9, '0123456789')}"
    neg("isbn", wrap(R.choice([f"ISBN {isbn}", f"ISBN：978-7-{digits(3)}-{digits(5)}-{R.randint(0, 9)}",
                               f"书号 {isbn}", f"ISBN 7-{digits(3)}-{digits(5)}-X"])))
for _ in range(25):
    neg("hotline", wrap(R.choice([
        f"客服热线 400-{digits(3)}-{digits(4)}", f"全国服务热线：400{digits(7)}", f"售后电话 800-{digits(3)}-{digits(4)}",
        f"电话 400 {digits(3)} {digits(4)}", f"官方客服 95{digits(3)}", f"拨打 10086 查询", f"投诉请拨 12315",
        f"服务热线 4008208820", f"品牌热线 800{digits(7)}", f"tel: 400-{digits(3)}-{digits(4)}"])))
for _ in range(30):
    neg("wechat-payment", wrap(R.choice([
        "支持微信支付", "支持微信/支付宝付款", "微信扫码支付更优惠", "可微信付款", "支持微信支付 花呗分期",
        "微信支付立减5元", "付款方式：微信、支付宝、银行卡", "扫码支付", "微信转账请备注订单号",
        "支持微信小程序下单", "兼容微信运动", "可绑定微信读书", "手环支持微信消息提醒", "微信登录即可领券",
        "可用微信红包抵扣", "支持微信分享给好友", "接入微信生态"])))
for _ in range(30):
    neg("lookalike-words", wrap(R.choice([
        "卫星导航仪 北斗定位", "卫星电视接收器", "企鹅玩偶 30cm 毛绒公仔", "纸飞机模型 手工DIY", "QQ糖 500g",
        "QQ音乐会员年卡", "电报机复古摆件", "飞机模型 1:144 合金", "儿童电话手表 4G全网通", "手机壳适用iPhone 15",
        "手机支架 桌面懒人", "蔷薇花束 99朵", "薇诺娜舒敏保湿", "扣子 金属扣扣 20个装", "企鹅抱枕",
        "小企鹅保温杯 500ml", "飞机杯", "加绒加厚保暖裤", "加大码女装", "加长数据线 2米", "Line 系列 新品",
        "online store exclusive", "Product line: Air Max", "Phone case for iPhone 15 Pro", "Email us via the platform",
        "tg-5 防水相机", "V领毛衣 M码", "VX-8 电钻", "WX-2023 款", "Q弹软糯 1000g"])))
for _ in range(25):
    neg("on-platform", wrap(R.choice([
        "有问题联系客服", "私信", "有疑问请私信", "平台客服24小时在线", "点击私信咨询", "联系在线客服改地址",
        "详情咨询平台客服", "下单前请私信客服确认尺码", "私聊客服有优惠", "联系卖家备注颜色", "请通过站内信联系",
        "收藏加购优先发货", "关注店铺领券", "扫码验真伪", "扫码领券", "关注店铺，上新早知道", "私信我们获取尺码表"]),
        ), kind=R.choice(["listing", "comment", "post"]))
for _ in range(25):
    neg("platform-links", wrap(R.choice([
        f"https://item.taobao.com/item.htm?id={digits(12)}", f"店铺链接 shop{digits(8)}.taobao.com",
        f"同款见 https://detail.tmall.com/item.htm?id={digits(12)}", f"京东同款 item.jd.com/{digits(10)}.html",
        "说明书.pdf", "readme.md", f"固件 v{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}",
        "Android 13 / iOS 17", "node.js 入门", "适配 Vue.js", f"{R.randint(1, 9)}.{R.randint(1, 9)}mm 耳机孔",
        "e.g. 适合送礼", "No.1 畅销", "Mr.Bean 同款", f"第{R.randint(1, 9)}.{R.randint(1, 9)}版"])))
for _ in range(20):
    neg("misc-numbers", wrap(R.choice([
        f"IMEI {digits(15, '8')}", f"卡号 6222 {digits(4)} {digits(4)} {digits(4)}", f"会员号 {digits(10)}",
        f"EAN 69{digits(11)}", f"营业执照 91{digits(16)}", f"备案号 粤ICP备{digits(8)}号", f"邮编 {digits(6)}",
        f"第 {digits(7)} 位顾客", f"累计好评 {digits(6)} 条", f"粉丝 {digits(7)}", f"编号：{digits(11, '1')}",
        f"{digits(3)} {digits(4)} {digits(4)} 件库存分仓", f"坐标 {R.randint(20, 50)}.{digits(6)}, {R.randint(100, 130)}.{digits(6)}"])))
for _ in range(15):
    neg("chinese-numerals", wrap(R.choice([
        "一二三四五六七八九十 数字早教卡", "三五成群", "一一对应", "四五六七月上新", "七八成新",
        "二三十块钱的东西", "一九八四 小说", "五一劳动节特惠", "六一儿童节礼物", "双十一预售",
        "三四个工作日到货", "一两天发货", "九五折", "十一月上新", "两三天到"])))
for _ in range(12):
    neg("comments-chatter", R.choice(["好看！", "已下单", "什么时候发货", "有42码吗", "多少钱",
                                     "质量怎么样", "这个颜色好看", "买了138块", "收到了 5星好评",
                                     "第二次购买了", "尺码标准吗", "2023年买的还在用"]),
        kind="comment", account=f"chatty{R.randint(1, 5)}")

# Authorized shops name their brand's official channels (registry.ndjson:
# shop_nike_flagship sells Nike, shop_dyson_official sells Dyson).
for _ in range(10):
    shop, brand = R.choice([("shop_nike_flagship", "Nike"), ("shop_dyson_official", "Dyson")])
    text = R.choice([f"关注{brand}官方公众号：{brand}官方旗舰", f"官网 www.{brand.lower()}.com 正品保障",
                     f"品牌官网 https://www.{brand.lower()}.com/cn", f"官方微信公众号: {brand}China",
                     f"{brand} 官方授权 支持微信支付"])
    n = len(items) + 1
    items.append({"kind": "listing", "id": f"dv{n:04d}", "shop": shop, "title": text,
                  "expect": "clean", "case": "authorized-official"})

for it in items:
    it.pop("_", None)
with open(__file__.replace("generate.py", "corpus.ndjson"), "w", encoding="utf-8") as f:
    for it in items:
        f.write(json.dumps(it, ensure_ascii=False) + "\n")
flag = sum(1 for i in items if i["expect"] == "flag")
print(f"{len(items)} items: {flag} flag, {len(items) - flag} clean")
