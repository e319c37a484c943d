// `ipguard scan --registry REG --input ITEMS [--output FINDINGS]` (contract §2).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "io/registry_loader.h"
#include "pipeline/scan_pipeline.h"

namespace ipguard::cli {
namespace {

struct ScanArgs {
  std::string registry;
  std::string input;
  std::string output = "-";
  std::string policy_file;
  std::vector<std::string> settings;
  std::vector<std::string> detectors;
  unsigned threads = 0;
  bool quiet = false;
  bool no_progress = false;
};

std::string Thousands(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<size_t>(i), 1, ',');
  return s;
}

void PrintSummary(const ScanSummary& s, const RegistryLoad& reg, const Rejections& rejections) {
  const uint64_t items = [&] {
    uint64_t n = 0;
    for (auto c : s.items) n += c;
    return n;
  }();
  std::FILE* e = stderr;
  fmt::print(
      e, "\nipguard scan: {} lines, {} items in {:.2f} s ({} items/s, {:.1f} MB/s, {} threads)\n",
      Thousands(s.lines), Thousands(items), s.seconds,
      Thousands(static_cast<uint64_t>(s.seconds > 0 ? items / s.seconds : 0)),
      s.seconds > 0 ? s.bytes / s.seconds / 1e6 : 0.0, s.threads);
  fmt::print(e, "  registry:  {} records", Thousands(reg.registry->size()));
  fmt::print(e, " ({} brands, {} works, {} images, {} portraits, {} rights holders)\n",
             reg.registry->brands().size(), reg.registry->works().size(),
             reg.registry->images().size(), reg.registry->portraits().size(),
             reg.registry->holders().size());
  std::string kinds;
  for (int k = 0; k < kItemKindCount; ++k) {
    if (s.items[k] == 0) continue;
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", KindName(static_cast<ItemKind>(k)),
                         Thousands(s.items[k]));
  }
  fmt::print(e, "  items:     {}\n", kinds.empty() ? "none" : kinds);
  if (s.unknown_kinds + reg.unknown_kinds > 0) {
    fmt::print(e, "  ignored:   {} records of kinds this version does not know\n",
               Thousands(s.unknown_kinds + reg.unknown_kinds));
  }
  if (s.findings.empty()) {
    fmt::print(e, "  findings:  none\n");
  } else {
    fmt::print(e, "  findings:  {:<16} {:>9} {:>9} {:>9}\n", "detector", "remove", "review",
               "none");
    for (const auto& [detector, counts] : s.findings) {
      fmt::print(e, "             {:<16} {:>9} {:>9} {:>9}\n", detector, Thousands(counts[2]),
                 Thousands(counts[1]), Thousands(counts[0]));
    }
  }
  if (rejections.count() == 0) {
    fmt::print(e, "  rejected:  none\n");
  } else {
    fmt::print(e, "  rejected:  {} lines (each reported above); by reason:\n",
               Thousands(rejections.count()));
    for (const auto& [reason, n] : rejections.ByReason()) {
      fmt::print(e, "             {:>7}  {}\n", Thousands(n), reason);
    }
  }
}

int RunScanCommand(const ScanArgs& args) {
  if (args.registry == "-" && args.input == "-") {
    fmt::print(stderr, "ipguard scan: --registry and --input cannot both be - (standard input)\n");
    return 1;
  }
  Policy policy = Policy::Defaults();
  if (!args.policy_file.empty()) {
    auto loaded = Policy::LoadFile(args.policy_file);
    if (!loaded.ok()) {
      fmt::print(stderr, "ipguard scan: {}\n", loaded.status().message());
      return 1;
    }
    policy = std::move(loaded).value();
  }
  for (const auto& setting : args.settings) {
    if (Status st = policy.Set(setting); !st.ok()) {
      fmt::print(stderr, "ipguard scan: {}\n", st.message());
      return 1;
    }
  }

  Rejections rejections(stderr);
  auto registry = LoadRegistry(args.registry, rejections);
  if (!registry.ok()) {
    fmt::print(stderr, "ipguard scan: {} (fix --registry)\n", registry.status().message());
    return 1;
  }
  auto engine = Engine::Create(registry->registry, std::move(policy), args.detectors);
  if (!engine.ok()) {
    fmt::print(stderr, "ipguard scan: {}\n", engine.status().message());
    return 1;
  }
  auto input = LineReader::Open(args.input);
  if (!input.ok()) {
    fmt::print(stderr, "ipguard scan: {} (fix --input)\n", input.status().message());
    return 1;
  }

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, &std::fclose);
  if (args.output != "-") {
    owned.reset(std::fopen(args.output.c_str(), "w"));
    if (!owned) {
      fmt::print(stderr, "ipguard scan: cannot write {}: {} (fix --output)\n", args.output,
                 std::strerror(errno));
      return 1;
    }
    out = owned.get();
  }
  static char buffer[1 << 16];
  std::setvbuf(out, buffer, _IOFBF, sizeof buffer);

  ScanOptions options;
  options.threads = args.threads;
  options.progress = !args.no_progress && !args.quiet && ::isatty(STDERR_FILENO);
  auto summary = RunScan(**engine, *input, out, rejections, options);
  if (!summary.ok()) {
    fmt::print(stderr, "ipguard scan: {}\n", summary.status().message());
    return 1;
  }
  if (owned && std::fclose(owned.release()) != 0) {
    fmt::print(stderr, "ipguard scan: cannot finish writing {}\n", args.output);
    return 1;
  }
  if (!args.quiet) PrintSummary(*summary, *registry, rejections);
  return rejections.count() > 0 ? 2 : 0;
}

}  // namespace

Runner AddScanCommand(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Scan items (listings, content, shops, accounts, verdicts) against the registry.\n"
      "Findings are written as NDJSON, one per line, in input order; a summary goes to\n"
      "stderr. Exit status: 0 every line used, 2 some lines rejected (each reported with\n"
      "its file and line), 1 could not run.");
  cmd->add_option("--registry,-r", args->registry,
                  "registry NDJSON (rights_holder, brand, work, image, portrait); - for stdin")
      ->required();
  cmd->add_option("--input,-i", args->input, "items NDJSON to scan; - for stdin")->required();
  cmd->add_option("--output,-o", args->output, "findings NDJSON (default: stdout)");
  cmd->add_option("--policy", args->policy_file,
                  "policy file: score thresholds per detector (see data/policy.ini)");
  cmd->add_option("--set", args->settings,
                  "override one policy value, e.g. --set brand_variant.remove=0.95 (repeatable)");
  cmd->add_option("--detectors", args->detectors, "run only these detectors (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--threads,-j", args->threads, "worker threads (default: one per core)");
  cmd->add_flag("--quiet,-q", args->quiet, "no summary and no progress bar on stderr");
  cmd->add_flag("--no-progress", args->no_progress, "no progress bar even on a terminal");
  return [args] { return RunScanCommand(*args); };
}

}  // namespace ipguard::cli
