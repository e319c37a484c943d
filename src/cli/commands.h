// Each ipguard subcommand registers itself on the CLI11 app and returns the
// function that runs it (returning the process exit status of contract §2:
// 0 done, 2 done with rejected lines, 1 could not run).
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace ipguard::cli {

using Runner = std::function<int()>;

Runner AddScanCommand(CLI::App& app);
Runner AddDemoCommand(CLI::App& app);
Runner AddEvaluateCommand(CLI::App& app);
Runner AddHashImageCommand(CLI::App& app);
Runner AddImageIndexCommand(CLI::App& app);
Runner AddGangCaseCommand(CLI::App& app);
Runner AddServeCommand(CLI::App& app);
Runner AddAuditCommand(CLI::App& app);

}  // namespace ipguard::cli
