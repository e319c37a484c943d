// Fuzzes the text engine: Normalize on arbitrary bytes (never crashes, every
// map has one entry per byte and points inside the input, units and key
// bytes stay in range, normalizing into a reused NormalizedText gives the
// same result), then a small name dictionary over the result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "ipguard/text.h"
#include "text/name_dictionary.h"

using namespace ipguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* dict = text::NameDictionary::Build({{0, false, "Nike"},
                                                         {0, false, "耐克"},
                                                         {1, false, "香奈儿"},
                                                         {1, true, "小香"},
                                                         {2, false, "Louis Vuitton"}})
                                .value()
                                .release();
  static auto* scratch = dict->NewScratch().release();
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const NormalizedText t = Normalize(in);
  const size_t cps = utf8::Length(in);
  if (t.origin_begin.size() != t.text.size() || t.origin_end.size() != t.text.size() ||
      t.flags.size() != t.text.size() || t.key_to_text.size() != t.key.size() ||
      t.key_flags.size() != t.key.size())
    std::abort();
  for (size_t i = 0; i < t.text.size(); ++i)
    if (t.origin_begin[i] >= t.origin_end[i] || t.origin_end[i] > cps) std::abort();
  for (uint32_t k : t.key_to_text)
    if (k >= t.text.size()) std::abort();
  for (const auto& u : t.units)
    if (u.begin >= u.end || u.end > t.text.size()) std::abort();
  // Normalizing into a reused NormalizedText (which held the previous
  // input's normalization) gives exactly the fresh result.
  static NormalizedText* reused = new NormalizedText();
  Normalize(in, *reused);
  if (reused->text != t.text || reused->origin_begin != t.origin_begin ||
      reused->origin_end != t.origin_end || reused->flags != t.flags || reused->key != t.key ||
      reused->key_to_text != t.key_to_text || reused->key_flags != t.key_flags ||
      reused->units.size() != t.units.size())
    std::abort();
  for (size_t i = 0; i < t.units.size(); ++i)
    if (reused->units[i].begin != t.units[i].begin || reused->units[i].end != t.units[i].end ||
        reused->units[i].ch != t.units[i].ch || reused->units[i].syllable != t.units[i].syllable ||
        reused->units[i].kind != t.units[i].kind)
      std::abort();
  std::vector<text::NameMatch> out;
  dict->Scan(t, *scratch, out);
  for (const auto& m : out)
    if (m.begin >= m.end || m.end > t.text.size()) std::abort();
  return 0;
}
