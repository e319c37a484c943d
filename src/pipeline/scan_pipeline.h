// `ipguard scan`'s engine room: streams NDJSON lines through every detector on
// every core and writes findings in input order.
//
//   reader thread --batches--> N workers (parse, normalize, detect, decide,
//   serialize) --results--> this thread (reorder, observe, write, report)
//
// Memory is bounded by the number of batches in flight, not by the input.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "io/line_reader.h"
#include "io/rejections.h"
#include "ipguard/engine.h"

namespace ipguard {

struct ScanOptions {
  unsigned threads = 0;  // 0: one per core
  size_t batch_lines = 256;
  size_t batch_bytes = 1 << 20;
  bool progress = false;  // draw a progress bar on stderr
};

struct ScanSummary {
  uint64_t lines = 0;  // non-blank input lines
  uint64_t bytes = 0;
  std::array<uint64_t, kItemKindCount> items{};
  uint64_t unknown_kinds = 0;
  uint64_t registry_records = 0;  // registry kinds in the input (rejected)
  // detector -> findings per action (none, review, remove)
  std::map<std::string, std::array<uint64_t, 3>> findings;
  double seconds = 0;
  unsigned threads = 0;
};

// Scans everything `reader` yields, writing one finding per line to `out`.
// Rejected lines go to `rejections`. Fails only when the input cannot be read
// or the output cannot be written.
Result<ScanSummary> RunScan(const Engine& engine, LineReader& reader, std::FILE* out,
                            Rejections& rejections, const ScanOptions& options);

}  // namespace ipguard
