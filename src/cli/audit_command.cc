// `ipguard audit verify --data-dir DIR`: checks the hash chain of the
// platform's audit log.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.h"
#include "store/audit_chain.h"
#include "store/sqlite_store.h"

namespace ipguard::cli {
namespace {

int RunAuditVerify(const std::string& data_dir) {
  const std::string path = data_dir + "/ipguard.db";
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "ipguard audit verify: no database at {} (fix --data-dir)\n", path);
    return 1;
  }
  auto store = store::OpenSqliteStore(path);
  if (!store.ok()) {
    fmt::print(stderr, "ipguard audit verify: {}\n", store.status().message());
    return 1;
  }
  store::AuditVerifier verifier;
  int64_t after = 0;
  for (;;) {
    auto page = (*store)->ReadAudit(after, 5000);
    if (!page.ok()) {
      fmt::print(stderr, "ipguard audit verify: {}\n", page.status().message());
      return 1;
    }
    if (page->empty()) break;
    for (const auto& e : *page) {
      if (Status st = verifier.Add(e); !st.ok()) {
        fmt::print(stderr, "ipguard audit verify: BROKEN: {}\n", st.message());
        fmt::print("broken at seq {}\n", e.seq);
        return 2;
      }
      after = e.seq;
    }
  }
  fmt::print("audit log intact: {} entries, last hash {}\n", verifier.count(),
             verifier.last_hash());
  return 0;
}

}  // namespace

Runner AddAuditCommand(CLI::App& app) {
  auto data_dir = std::make_shared<std::string>("ipguard-data");
  CLI::App* cmd = app.add_subcommand("audit", "Inspect the platform's hash-chained audit log.");
  cmd->require_subcommand(1);
  CLI::App* verify = cmd->add_subcommand(
      "verify",
      "Recompute the hash chain of the audit log in --data-dir and report the first entry\n"
      "that was edited, deleted, inserted or reordered. Exit status: 0 intact, 2 broken\n"
      "(the entry is named), 1 could not run.");
  verify->add_option("--data-dir,-d", *data_dir, "the serve data folder")->capture_default_str();
  return [data_dir] { return RunAuditVerify(*data_dir); };
}

}  // namespace ipguard::cli
