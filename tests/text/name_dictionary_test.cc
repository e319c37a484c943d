// The name dictionary finds every disguise type of issue 3 and reports what
// it undid; ordinary words and longer words stay unmatched.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "core/utf8.h"
#include "text/char_table.h"
#include "text/name_dictionary.h"
#include "text/pinyin.h"

namespace ipguard::text {
namespace {

// A match as the Scan vs ScanExhaustive comparisons see it.
using MatchKey = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t, double>;

// Scan and ScanExhaustive on `t`, as sorted sets of MatchKey: what Scan
// found, what the exhaustive alignment found, and of that what needs no
// swap or insertion. `ref` receives the exhaustive matches.
struct ScanSets {
  std::vector<MatchKey> fast, all, plain;
};
ScanSets CompareScans(const NameDictionary& d, NameDictionary::Scratch& scratch,
                      const NormalizedText& t, std::vector<NameMatch>& ref) {
  std::vector<NameMatch> fast;
  ref.clear();
  d.Scan(t, scratch, fast);
  d.ScanExhaustive(t, scratch, ref);
  auto key = [](const NameMatch& m) {
    return MatchKey(m.entry, m.begin, m.end, m.variant, m.quality);
  };
  ScanSets sets;
  for (const auto& m : fast) sets.fast.push_back(key(m));
  for (const auto& m : ref) {
    sets.all.push_back(key(m));
    if (!(m.variant & (kVarReorder | kVarInsertion))) sets.plain.push_back(key(m));
  }
  for (auto* v : {&sets.fast, &sets.all, &sets.plain}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return sets;
}

class DictTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = NameDictionary::Build({{0, false, "Chanel"},
                                    {0, false, "香奈儿"},
                                    {0, true, "小香"},
                                    {1, false, "Nike"},
                                    {1, false, "耐克"},
                                    {2, false, "Gucci"},
                                    {2, false, "古驰"},
                                    {3, false, "Lululemon"},
                                    {4, false, "路易威登"}});
    ASSERT_TRUE(d.ok()) << d.status().message();
    dict_ = std::move(d).value();
    scratch_ = dict_->NewScratch();
  }

  // The variants of the best match of `owner` in `s`, or {"none"}.
  std::vector<std::string> Find(std::string_view s, uint32_t owner) {
    const NormalizedText t = Normalize(s);
    std::vector<NameMatch> out;
    dict_->Scan(t, *scratch_, out);
    const NameMatch* best = nullptr;
    for (const auto& m : out)
      if (m.owner == owner && (!best || m.quality > best->quality)) best = &m;
    if (!best) return {"none"};
    return VariantNames(best->variant);
  }
  bool Has(std::string_view s, uint32_t owner, std::string_view variant) {
    auto v = Find(s, owner);
    return std::find(v.begin(), v.end(), variant) != v.end();
  }

  std::unique_ptr<NameDictionary> dict_;
  std::unique_ptr<NameDictionary::Scratch> scratch_;
};

TEST_F(DictTest, NormalizerVariants) {
  EXPECT_TRUE(Has("ＮＩＫＥ 运动鞋", 1, "width"));
  EXPECT_TRUE(Has("N1KE shoes", 1, "leetspeak"));
  EXPECT_TRUE(Has("N\u0406KE shoes", 1, "homoglyph"));
  EXPECT_TRUE(Has("N.I.K.E", 1, "separator"));
  EXPECT_TRUE(Has("耐\u200B克", 1, "zero_width"));
  EXPECT_TRUE(Has("香🌸奈儿", 0, "separator"));
  EXPECT_TRUE(Has("香奈兒", 0, "traditional"));
  EXPECT_TRUE(Has("GUCCCI bag", 2, "repeat"));
  EXPECT_TRUE(Has("GUCCI bag", 2, "exact"));
  EXPECT_TRUE(Has("lu1ulemon", 3, "leetspeak"));
}

TEST_F(DictTest, PhoneticVariants) {
  EXPECT_TRUE(Has("奈克运动鞋", 1, "homophone"));
  EXPECT_TRUE(Has("耐K", 1, "initial"));
  EXPECT_TRUE(Has("xiangnaier 包包", 0, "pinyin"));
  EXPECT_TRUE(Has("nai ke 气垫", 1, "pinyin"));
  EXPECT_TRUE(Has("香nai儿", 0, "mixed_script"));
  EXPECT_TRUE(Has("xne 包", 0, "pinyin_initials"));
  EXPECT_TRUE(Has("古弛 包", 2, "homophone"));
  EXPECT_TRUE(Has("香柰儿", 0, "shape") || Has("香柰儿", 0, "homophone"));
  EXPECT_TRUE(Has("香儿奈", 0, "reorder"));
  EXPECT_TRUE(Has("香奈之儿", 0, "insertion"));
  EXPECT_TRUE(Has("相奈尔", 0, "near_homophone") || Has("相奈尔", 0, "homophone"));
}

TEST_F(DictTest, LawfulTextStaysClean) {
  EXPECT_EQ(Find("snikers 零食", 1), std::vector<std::string>{"none"});
  EXPECT_EQ(Find("mini kettle", 1), std::vector<std::string>{"none"});
  EXPECT_EQ(Find("乃可以", 1), std::vector<std::string>{"none"});
  EXPECT_EQ(Find("香味很好", 0), std::vector<std::string>{"none"});
}

// What was removed before a name (a space or comma between two Han
// characters, an emoji) is not a disguise of the name; inside it, it is.
TEST_F(DictTest, SeparatorBeforeANameIsNotInsideIt) {
  EXPECT_EQ(Find("今天 耐克 跑鞋", 1), std::vector<std::string>{"exact"});
  EXPECT_EQ(Find("买了，耐克的鞋", 1), std::vector<std::string>{"exact"});
  EXPECT_EQ(Find("好看🌸香奈儿包", 0), std::vector<std::string>{"exact"});
  EXPECT_EQ(Find("今天 香奈兒", 0), std::vector<std::string>{"traditional"});
  EXPECT_TRUE(Has("今天 耐 克", 1, "separator"));
  EXPECT_TRUE(Has("今天 香🌸奈儿", 0, "separator"));
}

TEST_F(DictTest, SpansPointAtOriginal) {
  const std::string s = "正品N.I.K.E鞋";
  const NormalizedText t = Normalize(s);
  std::vector<NameMatch> out;
  dict_->Scan(t, *scratch_, out);
  ASSERT_FALSE(out.empty());
  auto [b, e] = t.OriginalSpan(out[0].begin, out[0].end);
  EXPECT_EQ(SubstrCodePoints(s, b, e), "N.I.K.E");
}

// One character sharing only its initial with the name's, in a name of 4+
// characters whose other characters are as written: 路易威顿 (dun for
// deng). Not with two characters changed, nor in a 2- or 3-character name.
TEST_F(DictTest, OneSameInitialSubstitutionInLongNames) {
  EXPECT_EQ(Find("路易威顿 老花 手袋", 4), std::vector<std::string>{"near_homophone"});
  EXPECT_EQ(Find("路易威尔 老花", 4), std::vector<std::string>{"none"});  // 尔 er: other initial
  EXPECT_EQ(Find("路一威顿 老花", 4), std::vector<std::string>{"none"});  // two changed
  EXPECT_EQ(Find("香奈鹅 包", 0), std::vector<std::string>{"none"});      // 3 characters
}

// Names of 63 key bytes or more (their length does not fit their Hyperscan
// id and is read from the literal): found whole, with their Latin edges on
// word boundaries, and at the right span.
TEST(DictLongNames, LongNamesMatchWithTheirEdges) {
  const std::string latin =
      "supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis";
  std::string han;
  for (int i = 0; i < 8; ++i) han += "香奈儿";
  auto d = NameDictionary::Build({{0, false, latin}, {1, false, han}, {2, false, "Nike"}}, false);
  ASSERT_TRUE(d.ok()) << d.status().message();
  auto scratch = (*d)->NewScratch();
  auto owners = [&](const std::string& s) {
    const NormalizedText t = Normalize(s);
    std::vector<NameMatch> out;
    (*d)->Scan(t, *scratch, out);
    std::vector<uint32_t> v;
    for (const auto& m : out) {
      v.push_back(m.owner);
      if (m.owner == 1) {
        EXPECT_EQ(t.text.substr(m.begin, m.end - m.begin), han);
      }
    }
    std::sort(v.begin(), v.end());
    return v;
  };
  ASSERT_GE(Normalize(latin).key.size(), 63u);
  ASSERT_GE(Normalize(han).key.size(), 63u);
  EXPECT_EQ(owners("buy " + latin + " now"), std::vector<uint32_t>{0});
  EXPECT_EQ(owners("buy x" + latin + " now"), std::vector<uint32_t>{});  // inside a word
  EXPECT_EQ(owners("buy " + latin + "x now"), std::vector<uint32_t>{});
  EXPECT_EQ(owners("正品" + han + "包邮 nike"), (std::vector<uint32_t>{1, 2}));
}

// The anchors only choose where to align: Scan must find exactly what
// aligning every Han name at every unit (ScanExhaustive) finds, for every
// disguise the phonetic layer accepts. Names and texts are drawn from a small
// pool of characters with many shared readings, near-homophones (n/l, z/zh,
// an/ang...) and variant groups, so that every kind of pair occurs.
TEST(DictAnchors, ScanEqualsExhaustiveAlignment) {
  const std::vector<std::string> pool = {
      "香", "相", "湘", "想", "象", "奈", "耐", "乃", "柰", "来", "赖", "儿", "尔", "而", "二",
      "克", "可", "科", "古", "谷", "驰", "池", "弛", "迟", "路", "露", "易", "一", "亿", "威",
      "微", "登", "灯", "顿", "张", "章", "赞", "长", "常", "场", "山", "三", "身", "森", "生",
      "申", "新", "星", "心", "金", "京", "的", "了", "是", "在", "之", "行", "重", "乐", "发",
      "髮", "后", "後", "里", "裡", "蘭", "兰", "男", "南", "林", "宁", "拎", "中", "钟", "宗"};
  std::mt19937 rng(7);
  auto draw = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += pool[rng() % pool.size()];
    return s;
  };
  std::vector<DictEntry> entries;
  std::vector<std::string> names;
  for (uint32_t i = 0; i < 120; ++i) {
    names.push_back(draw(2 + static_cast<int>(rng() % 4)));
    entries.push_back({i, false, names.back()});
  }
  auto d = NameDictionary::Build(entries);
  ASSERT_TRUE(d.ok()) << d.status().message();
  auto scratch = (*d)->NewScratch();
  size_t total = 0;
  for (int i = 0; i < 3000; ++i) {
    // Half the texts carry a name, some of them with a Latin syllable or
    // initial, a space or another character inserted.
    std::string text = draw(static_cast<int>(rng() % 4));
    if (i % 2 == 0) {
      const std::string& name = names[rng() % names.size()];
      size_t pos = 0;
      int k = 0;
      while (pos < name.size()) {
        const size_t len = 3;  // every pool character is 3 bytes of UTF-8
        if (rng() % 5 == 0)
          text += pool[rng() % pool.size()];
        else
          text += name.substr(pos, len);
        if (rng() % 12 == 0) text += (k % 2 ? " " : "nai");
        pos += len;
        ++k;
      }
    }
    text += draw(static_cast<int>(rng() % 4));
    if (rng() % 6 == 0) text += " k ";
    text += draw(static_cast<int>(rng() % 3));
    const NormalizedText t = Normalize(text);
    std::vector<NameMatch> ref;
    const ScanSets sets = CompareScans(**d, *scratch, t, ref);
    // Scan finds a subset of the reference (the anchors only filter), and
    // every reference match without a swap or an insertion. A swapped or
    // inserted character is found when the text keeps an adjacent pair of
    // the name's neighbouring characters with one as written (香儿奈,
    // 香奈之儿); one as written and separated from the others is not.
    EXPECT_TRUE(std::includes(sets.all.begin(), sets.all.end(), sets.fast.begin(), sets.fast.end()))
        << "text: " << text;
    EXPECT_TRUE(
        std::includes(sets.fast.begin(), sets.fast.end(), sets.plain.begin(), sets.plain.end()))
        << "text: " << text;
    total += sets.all.size();
  }
  EXPECT_GT(total, 500u);  // the texts do exercise the phonetic layer
}

// Characters outside U+3400..U+9FFF (CJK extension B) have no per-character
// record (FindHanRecord) and take the slower lookups: names made of them,
// and text with their homophones, are found as the exhaustive alignment
// finds them.
TEST(DictAnchors, NamesBeyondTheCommonHanBlock) {
  std::vector<std::string> pool;
  for (char32_t c = 0x20000; c < 0x2A6E0 && pool.size() < 12; ++c) {
    if (ClassOf(c) != CharClass::kHan || Readings(c).empty()) continue;
    std::string s;
    utf8::Append(s, c);
    pool.push_back(s);
    // A common character sharing its first reading (a homophone).
    for (char32_t h = 0x4E00; h <= 0x9FFF; ++h)
      if (!Readings(h).empty() && Readings(h)[0] == Readings(c)[0]) {
        std::string t;
        utf8::Append(t, h);
        pool.push_back(t);
        break;
      }
  }
  ASSERT_GE(pool.size(), 12u);  // the data holds readings of extension B
  std::mt19937 rng(11);
  auto pick = [&] { return pool[rng() % pool.size()]; };
  std::vector<DictEntry> entries;
  std::vector<std::vector<std::string>> names;
  for (uint32_t i = 0; i < 40; ++i) {
    names.emplace_back();
    std::string name;
    for (int k = 0; k < 2 + static_cast<int>(rng() % 3); ++k) {
      names.back().push_back(pick());
      name += names.back().back();
    }
    entries.push_back({i, false, name});
  }
  auto d = NameDictionary::Build(entries);
  ASSERT_TRUE(d.ok()) << d.status().message();
  auto scratch = (*d)->NewScratch();
  size_t total = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text = pick();
    for (const std::string& c : names[rng() % names.size()]) text += rng() % 4 == 0 ? pick() : c;
    text += pick();
    const NormalizedText t = Normalize(text);
    std::vector<NameMatch> ref;
    const ScanSets sets = CompareScans(**d, *scratch, t, ref);
    EXPECT_TRUE(
        std::includes(sets.fast.begin(), sets.fast.end(), sets.plain.begin(), sets.plain.end()))
        << "text: " << text;
    for (const auto& m : ref) total += (m.variant & (kVarHomophone | kVarShape)) != 0;
  }
  EXPECT_GT(total, 100u);  // homophones of the extension B names are found
}

// Many names sharing their first pair (中国...) share one anchor key: every
// name of that long run is still found. The text keeps
// only that pair's first character as written (中帼 and homophones after
// it), so that no other anchor finds the name.
TEST(DictAnchors, ManyNamesShareOnePair) {
  auto homophone = [](char32_t c) -> char32_t {
    for (char32_t h = 0x4E00; h <= 0x9FFF; ++h)
      if (h != c && !Readings(h).empty() && Readings(h)[0] == Readings(c)[0]) return h;
    return 0;
  };
  auto utf = [](char32_t c) {
    std::string s;
    utf8::Append(s, c);
    return s;
  };
  std::vector<DictEntry> entries;
  std::vector<std::string> disguised;
  for (char32_t c = 0x5000; entries.size() < 400; c += 2) {
    if (Readings(c).empty() || Readings(c + 1).empty()) continue;
    const char32_t x = homophone(c), y = homophone(c + 1);
    if (!x || !y) continue;
    entries.push_back({static_cast<uint32_t>(entries.size()), false, "中国" + utf(c) + utf(c + 1)});
    disguised.push_back("中帼" + utf(x) + utf(y));  // 帼 guó for 国
  }
  auto d = NameDictionary::Build(entries);
  ASSERT_TRUE(d.ok()) << d.status().message();
  auto scratch = (*d)->NewScratch();
  for (size_t i : {size_t{0}, size_t{254}, size_t{300}, size_t{399}}) {
    const NormalizedText t = Normalize("买" + disguised[i] + "了");
    std::vector<NameMatch> out;
    (*d)->Scan(t, *scratch, out);
    EXPECT_TRUE(std::any_of(
        out.begin(), out.end(),
        [&](const NameMatch& m) { return m.entry == i && (m.variant & kVarHomophone); }))
        << "name " << i << " text " << disguised[i];
  }
}

}  // namespace
}  // namespace ipguard::text
