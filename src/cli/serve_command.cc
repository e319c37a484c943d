// `ipguard serve` (contract §2): the rights-protection platform's HTTP JSON
// API on an embedded SQLite database in a data folder.
#include <signal.h>
#include <sys/stat.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "demo/demo_generator.h"
#include "server/http_server.h"
#include "server/web.h"
#include "service/demo_loader.h"
#include "service/platform.h"

namespace ipguard::cli {
namespace {

struct ServeArgs {
  std::string data_dir = "ipguard-data";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string calendar = "data/calendar/cn.txt";
  std::string policy_file;
  std::string admin_name = "admin";
  std::string admin_password;
  std::string password_cost = "interactive";
  unsigned threads = 0;
  double rate_limit = 200;
  size_t max_file_mb = 10;
  int token_ttl_days = 30;
  std::string penalties = "data/penalties.ini";
  std::string shadow_penalties;
  std::string load_findings;
  double escalate_every = 60;
  bool demo = false;
  uint64_t demo_listings = 2000;
  std::string web_root;  // empty: found beside the binary (server/web.h)
};

// Generates the demo marketplace into DATA/demo and loads it, once.
int LoadDemoOnce(service::Platform& platform, const ServeArgs& args) {
  const std::string dir = args.data_dir + "/demo";
  const std::string marker = dir + "/.loaded";
  if (std::filesystem::exists(marker)) {
    fmt::print(stderr, "ipguard serve: demo marketplace already loaded ({})\n", dir);
    return 0;
  }
  // A marketplace already written there (by `ipguard demo --out DATA/demo`,
  // e.g. to scan it first, as scripts/demo.sh does) is loaded as it is.
  if (!std::filesystem::exists(dir + "/registry.ndjson") ||
      !std::filesystem::exists(dir + "/items.ndjson")) {
    demo::DemoOptions options;
    options.out_dir = dir;
    options.listings = args.demo_listings;
    auto generated = demo::GenerateDemo(options);
    if (!generated.ok()) {
      fmt::print(stderr, "ipguard serve: demo: {}\n", generated.status().message());
      return 1;
    }
  }
  auto loaded = service::LoadDemo(platform, dir);
  if (!loaded.ok()) {
    fmt::print(stderr, "ipguard serve: demo: {}\n", loaded.error().message);
    return 1;
  }
  std::ofstream(marker) << "loaded\n";
  fmt::print(stderr,
             "ipguard serve: loaded the demo marketplace: {} rights holders, {} approved assets, "
             "{} sellers, {} shops, {} listings ({} lines skipped).\n"
             "  Demo accounts share the password \"{}\": holders log in by holder id (e.g. "
             "holder-nike), sellers by account id (e.g. acct-nike-official), and \"reviewer\".\n",
             loaded->holders, loaded->assets, loaded->sellers, loaded->shops, loaded->listings,
             loaded->rejected_lines, service::kDemoPassword);
  return 0;
}

// A data file: as given, or the default one beside the source tree the
// binary was built in (build/src/cli/ipguard -> data/calendar/cn.txt).
std::string FindDataFile(const std::string& given, const char* default_path) {
  if (given.empty() || std::filesystem::exists(given)) return given;
  if (given != default_path) return "";
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / given)) return (dir / given).string();
  }
  return "";
}

int RunServe(const ServeArgs& args) {
  service::PlatformOptions options;
  options.data_dir = args.data_dir;
  if (const std::string calendar = FindDataFile(args.calendar, "data/calendar/cn.txt");
      !calendar.empty()) {
    options.calendar_file = calendar;
  } else {
    fmt::print(stderr,
               "ipguard serve: calendar file {} not found; counting weekends only as days off "
               "(use --calendar)\n",
               args.calendar);
  }
  if (!args.policy_file.empty()) {
    auto policy = Policy::LoadFile(args.policy_file);
    if (!policy.ok()) {
      fmt::print(stderr, "ipguard serve: {}\n", policy.status().message());
      return 1;
    }
    options.policy = std::move(policy).value();
  }
  {
    std::string file = args.penalties;
    if (const char* env = std::getenv("IPGUARD_PENALTIES"); env && file == "data/penalties.ini")
      file = env;
    const std::string found = FindDataFile(file, "data/penalties.ini");
    if (found.empty() && file != "data/penalties.ini") {
      fmt::print(stderr, "ipguard serve: penalty policy {} not found (fix --penalties)\n", file);
      return 1;
    }
    if (found.empty()) {
      fmt::print(stderr, "ipguard serve: {} not found; using the built-in penalty policy\n", file);
    } else {
      auto p = service::PenaltyPolicy::Load(found);
      if (!p.ok()) {
        fmt::print(stderr, "ipguard serve: {} (fix --penalties)\n", p.status().message());
        return 1;
      }
      options.penalties = std::move(p).value();
    }
    std::string shadow = args.shadow_penalties;
    if (const char* env = std::getenv("IPGUARD_SHADOW_PENALTIES"); env && shadow.empty())
      shadow = env;
    if (!shadow.empty()) {
      auto p = service::PenaltyPolicy::Load(shadow);
      if (!p.ok()) {
        fmt::print(stderr, "ipguard serve: {} (fix --shadow-penalties)\n", p.status().message());
        return 1;
      }
      options.shadow_penalties = std::move(p).value();
      fmt::print(stderr, "ipguard serve: shadow penalty policy {} (recorded, never applied)\n",
                 options.shadow_penalties->name);
    }
  }
  options.password_cost = args.password_cost == "minimum" ? service::PasswordCost::kMinimum
                                                          : service::PasswordCost::kInteractive;
  options.max_file_bytes = args.max_file_mb << 20;
  options.token_ttl_ms = static_cast<int64_t>(args.token_ttl_days) * 86400000;

  // Signals are taken by one thread with sigwait, so the handler may stop the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto platform = service::Platform::Open(options);
  if (!platform.ok()) {
    fmt::print(stderr, "ipguard serve: {} (fix --data-dir)\n", platform.error().message);
    return 1;
  }
  // First start: an admin account.
  std::string password = args.admin_password;
  if (password.empty()) {
    if (const char* env = std::getenv("IPGUARD_ADMIN_PASSWORD")) password = env;
  }
  bool generated = false;
  if (password.empty()) {
    password = service::RandomHex(12);
    generated = true;
  }
  auto created = (*platform)->BootstrapAdmin(args.admin_name, password);
  if (!created.ok()) {
    fmt::print(stderr, "ipguard serve: {}\n", created.error().message);
    return 1;
  }
  if (*created && generated) {
    const std::string file = args.data_dir + "/admin-password.txt";
    {
      std::ofstream out(file);
      out << password << "\n";
    }
    ::chmod(file.c_str(), 0600);
    fmt::print(stderr, "ipguard serve: created admin account \"{}\"; its password is in {}\n",
               args.admin_name, file);
  } else if (*created) {
    fmt::print(stderr, "ipguard serve: created admin account \"{}\"\n", args.admin_name);
  }

  if (args.demo) {
    if (int rc = LoadDemoOnce(**platform, args); rc != 0) return rc;
  }

  if (!args.load_findings.empty()) {
    std::ifstream in(args.load_findings, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "ipguard serve: cannot read {} (fix --load-findings)\n",
                 args.load_findings);
      return 1;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto loaded = (*platform)->LoadFindings(nullptr, text);
    if (!loaded.ok()) {
      fmt::print(stderr, "ipguard serve: --load-findings: {}\n", loaded.error().message);
      return 1;
    }
    const json::Value& r = loaded->body;
    fmt::print(stderr,
               "ipguard serve: loaded proactive findings from {}: {} complaints filed into the "
               "review queue, {} findings skipped, {} lines rejected\n",
               args.load_findings, r.Find("filed") ? r.Find("filed")->as_integer() : 0,
               r.Find("skipped") ? r.Find("skipped")->items().size() : 0,
               r.Find("rejected") ? r.Find("rejected")->items().size() : 0);
  }

  // Overdue escalation in the background.
  std::atomic<bool> stopping{false};
  std::thread escalator;
  struct Joiner {
    std::atomic<bool>& stop;
    std::thread& t;
    ~Joiner() {
      stop = true;
      if (t.joinable()) t.join();
    }
  } joiner{stopping, escalator};
  if (args.escalate_every > 0) {
    escalator = std::thread([&] {
      const auto period =
          std::chrono::milliseconds(static_cast<int64_t>(args.escalate_every * 1000));
      auto next = std::chrono::steady_clock::now();
      while (!stopping.load()) {
        if (std::chrono::steady_clock::now() >= next) {
          auto n = (*platform)->EscalateOverdue();
          if (n.ok() && *n > 0) {
            fmt::print(stderr, "ipguard serve: escalated {} overdue complaints\n", *n);
          }
          next = std::chrono::steady_clock::now() + period;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }

  server::ServerOptions so;
  so.host = args.host;
  so.port = args.port;
  so.threads = args.threads;
  so.rate_limit = args.rate_limit;
  so.rate_burst = args.rate_limit * 2;
  so.max_file_bytes = options.max_file_bytes;
  auto web_root = server::web::FindWebRoot(args.web_root);
  if (!web_root.ok()) {
    fmt::print(stderr, "ipguard serve: {} (fix --web-root)\n", web_root.error().message);
    return 1;
  }
  so.web_root = *web_root;
  if (so.web_root.empty()) {
    fmt::print(stderr,
               "ipguard serve: no web pages found beside the binary; serving the API only "
               "(build the ipguard_web target or give --web-root)\n");
  }
  server::HttpServer http(**platform, so);
  auto port = http.Bind();
  if (!port.ok()) {
    fmt::print(stderr, "ipguard serve: {}\n", port.status().message());
    return 1;
  }
  // Stops the server on SIGINT or SIGTERM. It is joined before `http` goes
  // away: a detached waiter still retrying Stop() touched the destroyed
  // server (ASan: heap-use-after-free while the process exited).
  std::atomic<bool> returned{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // Stop() only works once the server runs; retry until Run() returns.
    for (int i = 0; i < 100 && !returned; ++i) {
      http.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  if (!so.web_root.empty()) {
    fmt::print(stderr, "ipguard serve: web pages on http://{}:{}/ (from {})\n", args.host, *port,
               so.web_root);
  }
  fmt::print(stderr,
             "ipguard serve: listening on http://{}:{}/api/v1 (data: {}, registry: {} records)\n",
             args.host, *port, args.data_dir, (*platform)->engines().Current()->registry().size());
  std::fflush(stderr);
  const bool ok = http.Run();
  returned = true;
  // Wake the waiter when no signal came (Run() failed); the signals are
  // blocked, so this one only ends its sigwait or stays pending.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  fmt::print(stderr, "ipguard serve: stopped\n");
  return ok ? 0 : 1;
}

}  // namespace

Runner AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Run the rights-protection platform: an HTTP JSON API under /api/v1 (see\n"
      "docs/api-http.md) on an embedded SQLite database in --data-dir. On the first\n"
      "start an admin account is created (password from --admin-password,\n"
      "IPGUARD_ADMIN_PASSWORD, or generated into DATA/admin-password.txt).\n"
      "Stops cleanly on SIGINT or SIGTERM. Exit status: 0 stopped, 1 could not run.");
  cmd->add_option("--data-dir,-d", args->data_dir, "data folder (database and files)")
      ->capture_default_str();
  cmd->add_option("--host", args->host, "address to listen on")->capture_default_str();
  cmd->add_option("--port,-p", args->port, "port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--calendar", args->calendar,
                  "working-day calendar file (holidays and make-up working days)")
      ->capture_default_str();
  cmd->add_option("--policy", args->policy_file, "policy file (score thresholds per detector)");
  cmd->add_option("--admin-name", args->admin_name, "name of the first admin account")
      ->capture_default_str();
  cmd->add_option("--admin-password", args->admin_password, "password of the first admin account");
  cmd->add_option("--password-cost", args->password_cost,
                  "Argon2id cost: interactive (production) or minimum (tests only)")
      ->check(CLI::IsMember({"interactive", "minimum"}))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "HTTP worker threads (default: max(8, cores))");
  cmd->add_option("--rate-limit", args->rate_limit,
                  "requests per second per API token (burst: twice that); 0: no limit")
      ->capture_default_str();
  cmd->add_option("--max-file-mb", args->max_file_mb, "largest accepted upload, in MiB")
      ->capture_default_str();
  cmd->add_option("--token-ttl-days", args->token_ttl_days,
                  "days an API token or browser session stays valid after sign-in "
                  "(POST /api/v1/logout or signing out ends it at once)")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  cmd->add_option("--penalties", args->penalties,
                  "penalty escalation policy file (or IPGUARD_PENALTIES); see data/penalties.ini")
      ->capture_default_str();
  cmd->add_option("--shadow-penalties", args->shadow_penalties,
                  "a candidate penalty policy run in shadow mode (or IPGUARD_SHADOW_PENALTIES): "
                  "its penalties are recorded, never applied");
  cmd->add_option("--load-findings", args->load_findings,
                  "findings NDJSON of `ipguard scan` to file into the review queue at startup "
                  "(proactive complaints)");
  cmd->add_option("--escalate-every", args->escalate_every,
                  "seconds between overdue-escalation sweeps (0: off)")
      ->capture_default_str();
  cmd->add_flag("--demo", args->demo,
                "load a demo marketplace (ipguard demo) on the first start: rights holders, "
                "approved assets, sellers, shops and listings, ready for complaints");
  cmd->add_option("--web-root", args->web_root,
                  "folder of the web pages served at / (default: the web/ folder installed "
                  "beside the binary)");
  cmd->add_option("--demo-listings", args->demo_listings, "listings in the demo marketplace")
      ->capture_default_str();
  return [args] { return RunServe(*args); };
}

}  // namespace ipguard::cli
