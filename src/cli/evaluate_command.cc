// `ipguard evaluate --truth ANSWERS --findings FINDINGS`: precision and recall.
#include <CLI/CLI.hpp>

#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "eval/scorecard.h"

namespace ipguard::cli {
namespace {

struct EvaluateArgs {
  std::string truth, findings, min_action = "review";
  int show = 0;
};

int Run(const EvaluateArgs& args) {
  const Action min = args.min_action == "remove" ? Action::kRemove
                     : args.min_action == "none" ? Action::kNone
                                                 : Action::kReview;
  Scorecard card(min);
  if (Status st = LoadAnswers(args.truth, card); !st.ok()) {
    fmt::print(stderr, "ipguard evaluate: {} (fix --truth)\n", st.message());
    return 1;
  }
  if (Status st = LoadFindings(args.findings, card); !st.ok()) {
    fmt::print(stderr, "ipguard evaluate: {} (fix --findings)\n", st.message());
    return 1;
  }
  fmt::print("{:<16} {:>8} {:>8} {:>8} {:>10} {:>8}\n", "detector", "correct", "false", "missed",
             "precision", "recall");
  for (const auto& [detector, s] : card.Score()) {
    fmt::print("{:<16} {:>8} {:>8} {:>8} {:>10.3f} {:>8.3f}\n", detector, s.true_positives,
               s.false_positives, s.misses, s.precision(), s.recall());
    for (int i = 0; i < args.show && i < static_cast<int>(s.false_alarms.size()); ++i) {
      fmt::print("    false alarm: {}\n", s.false_alarms[i]);
    }
    for (int i = 0; i < args.show && i < static_cast<int>(s.missed.size()); ++i) {
      fmt::print("    missed:      {}\n", s.missed[i]);
    }
  }
  return 0;
}

}  // namespace

Runner AddEvaluateCommand(CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate",
      "Compare findings with labelled answers (verdict records, e.g. the demo's truth.ndjson)\n"
      "and print precision and recall per detector. A finding counts when its action is at\n"
      "least --min-action; items the answers do not mention count as clean.");
  cmd->add_option("--truth,-t", args->truth, "answers NDJSON (verdict records)")->required();
  cmd->add_option("--findings,-f", args->findings, "findings NDJSON from `ipguard scan`")
      ->required();
  cmd->add_option("--min-action", args->min_action, "none, review or remove")
      ->capture_default_str()
      ->check(CLI::IsMember({"none", "review", "remove"}));
  cmd->add_option("--show", args->show, "list up to N false alarms and misses per detector");
  return [args] { return Run(*args); };
}

}  // namespace ipguard::cli
