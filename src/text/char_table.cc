#include "text/char_table.h"

#include <memory>
#include <vector>

#include "text/gen_tables.h"

namespace ipguard::text {
namespace {

constexpr char32_t kLimit = 0x30000;

struct Table {
  std::vector<CharInfo> info;

  Table() : info(kLimit) {
    // Classes come as runs over the code space; the normalized form defaults
    // to the code point itself.
    for (size_t r = 0; r < gen::kClassRunCount; ++r) {
      const char32_t end = r + 1 < gen::kClassRunCount ? gen::kClassRuns[r + 1].start : kLimit;
      const auto cls = static_cast<CharClass>(gen::kClassRuns[r].cls);
      for (char32_t c = gen::kClassRuns[r].start; c < end; ++c) info[c] = {c, cls, 1, 0, false};
    }
    for (size_t i = 0; i < gen::kMapEntryCount; ++i) {
      const gen::MapEntry& e = gen::kMapEntries[i];
      CharInfo& ci = info[e.cp];
      ci.length = e.length;
      ci.flags = e.flags;
      ci.out = e.length == 1 ? gen::kMapPool[e.offset] : e.offset;
      if (e.length == 0) ci.cls = CharClass::kIgnore;
    }
    // The class of the normalized form itself (what ClassOf() answers for it).
    for (char32_t c = 0; c < kLimit; ++c) {
      CharInfo& ci = info[c];
      ci.out_han = ci.length == 1 && ci.out < kLimit && info[ci.out].cls == CharClass::kHan;
    }
  }
};

const Table& TheTable() {
  static const Table* table = new Table();
  return *table;
}

}  // namespace

const CharInfo* TableData() { return TheTable().info.data(); }

CharInfo LookupBeyond(char32_t cp) {
  // Tags and variation selectors supplement are invisible; the rest is kept.
  if (cp >= 0xE0000 && cp <= 0xE0FFF) return {0, CharClass::kIgnore, 0, 0, false};
  return {cp, CharClass::kOther, 1, 0, false};
}

std::span<const char32_t> Output(const CharInfo& info) {
  if (info.length <= 1) return std::span<const char32_t>(&info.out, info.length);
  return {gen::kMapPool + info.out, info.length};
}

}  // namespace ipguard::text
