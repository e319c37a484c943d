// /stats at scale: fills a fresh data folder with N complaints (default one
// million; written with one SQL statement, so the statistics triggers run
// for every row as they do for filings), half a million strikes and
// penalties, then times the statistics endpoint's work (Platform::Stats:
// the counters, the histogram percentiles, the JSON) against the issue's
// 200 ms limit, beside the full-scan GROUP BY the counters replace.
//
//   stats_bench [N] [RUNS]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "service/platform.h"
#include "support/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "stats_bench: %s\n", err ? err : "sqlite error");
    sqlite3_free(err);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  ipguard::testing::TempDir dir;
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  ipguard::service::PlatformOptions options;
  options.data_dir = dir.path();
  {
    // Creates the schema (every migration, with the counter triggers).
    auto p = ipguard::service::Platform::Open(options);
    if (!p.ok()) {
      std::fprintf(stderr, "stats_bench: %s\n", p.error().message.c_str());
      return 1;
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open((dir.path() + "/ipguard.db").c_str(), &db) != SQLITE_OK) return 1;
  Exec(db, "PRAGMA journal_mode=WAL");
  Exec(db, "PRAGMA synchronous=NORMAL");
  const std::string now_s = std::to_string(now);
  auto t = Clock::now();
  // 50 holders, 5,000 shops, 5 reasons, 3/4 decided, a third proactive,
  // filed over the last 60 days, handled in 0-96 working hours.
  const std::string insert =
      "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " +
      std::to_string(n) +
      ") INSERT INTO complaints(holder, filed_by, asset, listing, shop, reason, text, evidence, "
      "snapshot, batch, lane, status, score, triage, filed_at, due_at, decided_by, decided_at, "
      "decision_reason, handling_ms, source, detector, strong, escalated_at) "
      "SELECT 'holder-' || (i % 50), 1, 'asset-' || (i % 200), 'l-' || i, 'shop-' || (i % 5000), "
      "CASE i % 5 WHEN 0 THEN 'counterfeit' WHEN 1 THEN 'trademark_misuse' WHEN 2 THEN "
      "'image_theft' WHEN 3 THEN 'piracy' ELSE 'portrait_misuse' END, '', '', '{}', "
      "'b' || (i / 100), iif(i % 10 = 0, 'fast', 'review'), "
      "CASE i % 4 WHEN 0 THEN 'in_review' WHEN 1 THEN 'upheld' WHEN 2 THEN 'rejected' ELSE "
      "'closed_upheld' END, (i % 100) / 100.0, '[]', " +
      now_s + " - (i % 60) * 86400000, " + now_s +
      " - (i % 60) * 86400000 + 259200000, iif(i % 4 = 0, 0, 2), iif(i % 4 = 0, 0, " + now_s +
      " - (i % 60) * 86400000 + (i % 97) * 3600000), '', iif(i % 4 = 0, 0, (i % 97) * 3600000), "
      "iif(i % 3 = 0, 'proactive', 'complaint'), CASE i % 3 WHEN 0 THEN 'brand_variant' WHEN 1 "
      "THEN 'image_copy' ELSE '' END, i % 2, 0 FROM k";
  if (!Exec(db, insert)) return 1;
  const double fill_ms = MsSince(t);
  t = Clock::now();
  if (!Exec(db,
            "INSERT INTO strikes(shop, account, complaint, reason, malicious, at) SELECT shop, "
            "1 + (id % 2000), id, reason, reason = 'counterfeit', decided_at FROM complaints "
            "WHERE status IN ('upheld', 'closed_upheld')") ||
      !Exec(db,
            "INSERT INTO penalties(shop, account, complaint, strike, action, scope, points, "
            "policy, shadow, text, at) SELECT shop, account, complaint, id, CASE id % 4 WHEN 0 "
            "THEN 'warn' WHEN 1 THEN 'remove_listings' WHEN 2 THEN 'restrict' ELSE 'close' END, "
            "'shop', 1, 'bench', id % 2, '', at FROM strikes")) {
    return 1;
  }
  const double strikes_ms = MsSince(t);

  // The full scan the counters replace: one of the old statements.
  std::vector<double> scan;
  for (int r = 0; r < std::min(runs, 3); ++r) {
    t = Clock::now();
    Exec(db, "SELECT status, count(*) FROM complaints GROUP BY status");
    Exec(db, "SELECT holder, count(*) FROM complaints GROUP BY holder");
    scan.push_back(MsSince(t));
  }
  sqlite3_close(db);

  auto platform = ipguard::service::Platform::Open(options);
  if (!platform.ok()) return 1;
  ipguard::store::User reviewer;
  reviewer.id = 2;
  reviewer.role = ipguard::store::Role::kReviewer;
  std::vector<double> times;
  std::string sample;
  for (int r = 0; r < runs; ++r) {
    t = Clock::now();
    auto reply = (*platform)->Stats(reviewer);
    times.push_back(MsSince(t));
    if (!reply.ok()) {
      std::fprintf(stderr, "stats_bench: %s\n", reply.error().message.c_str());
      return 1;
    }
    if (r == 0) sample = reply->body.Dump();
  }
  const double median = Median(times);
  std::printf(
      "stats_bench: %ld complaints written in %.1f s (%.1f us each, counters included); "
      "strikes and penalties in %.1f s\n",
      n, fill_ms / 1000, fill_ms * 1000 / static_cast<double>(n), strikes_ms / 1000);
  std::printf(
      "stats_bench: GET /stats work (Platform::Stats), median of %d: %.1f ms "
      "(limit 200 ms: %.1fx under)\n",
      runs, median, 200.0 / median);
  std::printf(
      "stats_bench: full-scan GROUP BY status + holder (what the counters replace), "
      "median: %.0f ms (%.0fx slower)\n",
      Median(scan), Median(scan) / median);
  std::printf("stats_bench: reply %.300s...\n", sample.c_str());
  return 0;
}
