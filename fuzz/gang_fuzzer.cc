// Fuzzes gang detection end to end: arbitrary NDJSON lines become records
// (rejected lines are skipped, as a scan does), then the gang detector's
// analysis, the case builder's findings reader and the allowlist parser.
// Nothing may crash, hang or leak whatever the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cases/findings_reader.h"
#include "detect/gang/gang_analysis.h"
#include "graph/hub_control.h"
#include "io/record_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ipguard::RecordParser parser(".");
  ipguard::GangInputs inputs;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    auto rec = parser.ParseCopy(line);
    if (rec.ok()) {
      if (const auto* item = std::get_if<ipguard::Item>(&*rec)) inputs.Observe(*item, {});
    }
    (void)ipguard::cases::ParseFinding(line);
  }
  (void)ipguard::AnalyzeGangs(inputs, {});
  (void)ipguard::graph::Allowlist::Parse(text, "fuzz");
  return 0;
}
