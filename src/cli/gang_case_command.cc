// `ipguard gang-case --input ITEMS --findings FINDINGS [--json OUT] [--report OUT]`:
// case files for offline enforcement from a scan's gang findings.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "cases/findings_reader.h"
#include "cases/gang_case.h"
#include "cli/commands.h"
#include "io/line_reader.h"
#include "io/record_parser.h"
#include "io/rejections.h"

namespace ipguard::cli {
namespace {

struct GangCaseArgs {
  std::string input;
  std::string findings;
  std::string json_out;
  std::string report_out = "-";
  size_t top = 0;
};

// Calls `fn(line_text, line_number)` for every line of `path`; false when the
// file cannot be read (message in `error`).
template <typename Fn>
bool ForEachLine(const std::string& path, Fn fn, std::string& error) {
  auto reader = LineReader::Open(path);
  if (!reader.ok()) {
    error = reader.status().message();
    return false;
  }
  LineBatch batch;
  while (reader->Next(batch, 1024, 1 << 20)) {
    for (const auto& l : batch.lines) fn(batch.data(l), l.size, l.number);
  }
  if (!reader->status().ok()) {
    error = reader->status().message();
    return false;
  }
  return true;
}

bool WriteFile(const std::string& path, const std::string& text) {
  if (path == "-") return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

int RunGangCase(const GangCaseArgs& args) {
  if (args.input == "-" && args.findings == "-") {
    fmt::print(stderr, "ipguard gang-case: --input and --findings cannot both be - (stdin)\n");
    return 1;
  }
  Rejections rejections(stderr);
  cases::CaseInputs in;
  std::string error;
  RecordParser parser(".");
  const bool items_ok = ForEachLine(
      args.input,
      [&](const char* data, size_t size, uint64_t number) {
        auto rec = parser.Parse(data, size);
        if (!rec.ok()) {
          rejections.Add(args.input, number, rec.status().message());
          return;
        }
        if (const Item* item = std::get_if<Item>(&*rec)) {
          std::visit(
              [&](const auto& r) {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, Listing>) in.listings[r.id] = r;
                if constexpr (std::is_same_v<T, Shop>) in.shops[r.id] = r;
                if constexpr (std::is_same_v<T, Account>) in.accounts[r.id] = r;
                if constexpr (std::is_same_v<T, Verdict>) in.verdicts[r.item] = r;
              },
              *item);
        }
      },
      error);
  if (!items_ok) {
    fmt::print(stderr, "ipguard gang-case: {} (fix --input)\n", error);
    return 1;
  }
  const bool findings_ok = ForEachLine(
      args.findings,
      [&](const char* data, size_t size, uint64_t number) {
        auto f = cases::ParseFinding(std::string_view(data, size));
        if (!f.ok()) {
          rejections.Add(args.findings, number, f.status().message());
          return;
        }
        in.findings.push_back(std::move(f).value());
      },
      error);
  if (!findings_ok) {
    fmt::print(stderr, "ipguard gang-case: {} (fix --findings)\n", error);
    return 1;
  }

  auto built = cases::BuildCases(in);
  if (args.top > 0 && built.size() > args.top) built.resize(args.top);
  if (!args.json_out.empty() &&
      !WriteFile(args.json_out, cases::CasesToJson(built, in).Dump() + "\n")) {
    fmt::print(stderr, "ipguard gang-case: cannot write {}: {} (fix --json)\n", args.json_out,
               std::strerror(errno));
    return 1;
  }
  if (!args.report_out.empty() && !WriteFile(args.report_out, cases::CasesToMarkdown(built, in))) {
    fmt::print(stderr, "ipguard gang-case: cannot write {}: {} (fix --report)\n", args.report_out,
               std::strerror(errno));
    return 1;
  }
  fmt::print(stderr, "ipguard gang-case: {} case{} from {} findings", built.size(),
             built.size() == 1 ? "" : "s", in.findings.size());
  if (rejections.count() > 0) {
    fmt::print(stderr, "; {} line{} rejected (each reported above)", rejections.count(),
               rejections.count() == 1 ? "" : "s");
  }
  fmt::print(stderr, "\n");
  return rejections.count() > 0 ? 2 : 0;
}

}  // namespace

Runner AddGangCaseCommand(CLI::App& app) {
  auto args = std::make_shared<GangCaseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "gang-case",
      "Build case files for police or the enforcement liaison from a scan's gang findings:\n"
      "members, what ties them, infringing listings with their evidence, estimated goods\n"
      "value (price x quantity where known) and a value score with its reasons, ranked.\n"
      "Example:\n"
      "  ipguard scan -r reg.ndjson -i items.ndjson -o findings.ndjson\n"
      "  ipguard gang-case -i items.ndjson -f findings.ndjson --json cases.json --report "
      "cases.md\n"
      "Exit status: 0 every line used, 2 some lines rejected (each reported), 1 could not run.");
  cmd->add_option("--input,-i", args->input,
                  "the items NDJSON that was scanned (shops, accounts, listings, verdicts)")
      ->required();
  cmd->add_option("--findings,-f", args->findings, "findings NDJSON written by `ipguard scan`")
      ->required();
  cmd->add_option("--json", args->json_out, "write the cases as JSON to this file (- = stdout)");
  cmd->add_option("--report", args->report_out,
                  "write the readable report (Markdown) to this file (default: stdout)");
  cmd->add_option("--top", args->top, "only the N highest-scoring cases");
  return [args] { return RunGangCase(*args); };
}

}  // namespace ipguard::cli
