// The `ipguard` command: subcommands are registered here, one line each.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "ipguard: intellectual-property protection for marketplaces and content platforms.\n"
      "Scans listings, content, shops and accounts against what rights holders registered,\n"
      "and says what infringes, with evidence. See `ipguard COMMAND --help`."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ipguard 0.1.0");

  std::vector<std::pair<CLI::App*, ipguard::cli::Runner>> commands;
  auto add = [&](ipguard::cli::Runner (*adder)(CLI::App&)) {
    const size_t before = app.get_subcommands({}).size();
    auto runner = adder(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(runner));
  };
  add(&ipguard::cli::AddScanCommand);
  add(&ipguard::cli::AddDemoCommand);
  add(&ipguard::cli::AddEvaluateCommand);
  add(&ipguard::cli::AddHashImageCommand);
  add(&ipguard::cli::AddImageIndexCommand);
  add(&ipguard::cli::AddGangCaseCommand);
  add(&ipguard::cli::AddServeCommand);
  add(&ipguard::cli::AddAuditCommand);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // Usage errors are "could not run" (1) in the contract; --help is 0.
    return code == 0 ? 0 : 1;
  }
  for (auto& [sub, run] : commands) {
    if (sub->parsed()) return run();
  }
  return 1;
}
