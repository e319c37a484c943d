// Feeds arbitrary bytes to the NDJSON path of `ipguard scan`: line splitting,
// record parsing and text normalization. Any crash, leak, hang or sanitizer
// report is a bug; rejected lines are the expected outcome for garbage.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/record_parser.h"
#include "ipguard/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ipguard::RecordParser parser("/base");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(start, end - start);
    auto record = parser.ParseCopy(line);
    if (record.ok()) {
      if (auto* item = std::get_if<ipguard::Item>(&*record)) {
        if (auto* l = std::get_if<ipguard::Listing>(item)) {
          auto n = ipguard::Normalize(l->title);
          if (!n.text.empty()) (void)n.OriginalSpan(0, n.text.size());
        }
      }
    }
    (void)ipguard::Normalize(line);
    start = end + 1;
  }
  return 0;
}
