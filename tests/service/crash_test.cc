// Kills `ipguard serve` with SIGKILL in the middle of a load of complaint
// filings, restarts it on the same data folder, and checks that every
// acknowledged filing is present and whole, no filing is half-written, and
// the audit chain is intact.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "service/json_parse.h"
#include "service/serve_process.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace ipguard::testing {
namespace {

constexpr int kBatch = 5;  // complaints per filing

struct Client {
  explicit Client(int port) : http("127.0.0.1", port) { http.set_read_timeout(20, 0); }
  json::Value Call(const std::string& method, const std::string& path, const std::string& body,
                   int* status = nullptr, const std::string& key = "") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    if (!key.empty()) h.emplace("Idempotency-Key", key);
    httplib::Result r = method == "GET"     ? http.Get(path, h)
                        : method == "PUT"   ? http.Put(path, h, body, "application/json")
                        : method == "PATCH" ? http.Patch(path, h, body, "application/json")
                                            : http.Post(path, h, body, "application/json");
    if (status) *status = r ? r->status : 0;
    if (!r) return json::Value();
    auto v = service::ParseJson(r->body);
    return v.ok() ? std::move(v).value() : json::Value();
  }
  void Login(const std::string& name) {
    token = Call("POST", "/api/v1/login", R"({"name":")" + name + R"(","password":"password-1"})")
                .Find("token")
                ->as_string();
  }
  httplib::Client http;
  std::string token;
};

TEST(ServeCrash, AcknowledgedFilingsSurviveSigkillAndNoneIsHalfWritten) {
  TempDir dir;
  const std::string data = dir.File("data");
  std::string asset;
  std::vector<std::string> listings;
  std::map<std::string, std::vector<int64_t>> acknowledged;  // idempotency key -> ids
  {
    ServeProcess server(data, dir.File("serve-1.log"));
    ASSERT_GT(server.port(), 0) << ReadFile(dir.File("serve-1.log"));
    Client anon(server.port());
    int status = 0;
    anon.Call("POST", "/api/v1/accounts",
              R"({"name":"h","password":"password-1","role":"holder","holder_name":"H"})", &status);
    ASSERT_EQ(status, 201);
    anon.Call("POST", "/api/v1/accounts", R"({"name":"s","password":"password-1","role":"seller"})",
              &status);
    ASSERT_EQ(status, 201);
    Client holder(server.port()), seller(server.port()), admin(server.port());
    holder.Login("h");
    seller.Login("s");
    admin.Login("admin");
    seller.Call("POST", "/api/v1/shops", R"({"id":"shop","name":"Shop"})");
    for (int i = 0; i < 20; ++i) {
      listings.push_back("l" + std::to_string(i));
      seller.Call("PUT", "/api/v1/listings/" + listings.back(),
                  R"({"shop":"shop","title":"CRASHTEST sneaker )" + std::to_string(i) + R"("})",
                  &status);
      ASSERT_EQ(status, 201);
    }
    holder.http.set_read_timeout(20, 0);
    httplib::Headers h{{"Authorization", "Bearer " + holder.token}};
    auto proof = holder.http.Post("/api/v1/files", h, "%PDF-1.4 proof", "application/pdf");
    ASSERT_TRUE(proof);
    const std::string sha = service::ParseJson(proof->body)->Find("sha256")->as_string();
    auto a = holder.Call(
        "POST", "/api/v1/assets",
        R"({"kind":"brand","registration_number":"1","names":["CRASHTEST"],"proofs":[")" + sha +
            R"("]})");
    asset = a.Find("id")->as_string();
    admin.Call("POST", "/api/v1/assets/" + asset + "/decision", R"({"decision":"approve"})",
               &status);
    ASSERT_EQ(status, 200);

    // Four clients file batches until the server dies under them.
    std::mutex mu;
    std::atomic<int> filed{0};
    std::atomic<bool> dead{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t) {
      clients.emplace_back([&, t] {
        Client c(server.port());
        c.token = holder.token;
        for (int n = 0; !dead; ++n) {
          std::string body = R"({"asset":")" + asset + R"(","reason":"counterfeit","listings":[)";
          for (int k = 0; k < kBatch; ++k) {
            body += (k ? ",\"" : "\"") + listings[static_cast<size_t>((n * kBatch + k + t) % 20)] +
                    "\"";
          }
          body += "]}";
          const std::string key = "t" + std::to_string(t) + "-" + std::to_string(n);
          int st = 0;
          json::Value r = c.Call("POST", "/api/v1/complaints", body, &st, key);
          if (st != 201) break;  // the server is gone
          std::vector<int64_t> ids;
          for (const auto& item : r.Find("complaints")->items())
            ids.push_back(item.Find("id")->as_integer());
          std::lock_guard lock(mu);
          acknowledged[key] = ids;
          ++filed;
        }
      });
    }
    while (filed < 150) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server.Kill(SIGKILL);
    dead = true;
    for (auto& c : clients) c.join();
  }
  ASSERT_GE(acknowledged.size(), 150u);

  ServeProcess server(data, dir.File("serve-2.log"));
  ASSERT_GT(server.port(), 0) << ReadFile(dir.File("serve-2.log"));
  Client admin(server.port());
  admin.Login("admin");
  std::map<int64_t, json::Value> stored;
  for (int64_t after = 0;;) {
    json::Value page =
        admin.Call("GET", "/api/v1/complaints?limit=500&after=" + std::to_string(after), "");
    const auto& items = page.Find("complaints")->items();
    if (items.empty()) break;
    for (const auto& c : items) stored[c.Find("id")->as_integer()] = c;
    after = items.back().Find("id")->as_integer();
  }
  // Every acknowledged complaint is there, as filed.
  for (const auto& [key, ids] : acknowledged) {
    ASSERT_EQ(ids.size(), static_cast<size_t>(kBatch));
    for (int64_t id : ids) {
      ASSERT_TRUE(stored.count(id)) << "acknowledged complaint " << id << " (" << key << ") lost";
      EXPECT_EQ(stored[id].Find("asset")->as_string(), asset);
      EXPECT_EQ(stored[id].Find("status")->as_string(), "in_review");
    }
  }
  // No filing is half there: every batch has all its complaints.
  std::map<std::string, int> per_batch;
  for (const auto& [id, c] : stored) ++per_batch[c.Find("batch")->as_string()];
  for (const auto& [batch, n] : per_batch) EXPECT_EQ(n, kBatch) << batch;
  // The server still works and the audit chain is whole.
  server.Kill(SIGTERM);
  auto verify = RunIpguard({"audit", "verify", "--data-dir", data});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("audit log intact"), std::string::npos);
}

TEST(ServeCli, HelpNamesTheOptions) {
  auto r = RunIpguard({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--data-dir", "--port", "--calendar", "--admin-password"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
  auto bad = RunIpguard({"serve", "--port", "70000"});
  EXPECT_EQ(bad.exit_code, 1);
  auto missing = RunIpguard({"audit", "verify", "--data-dir", "/nonexistent/ipguard"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no database"), std::string::npos);
}

TEST(ServeCli, AuditVerifyFindsATamperedEntry) {
  TempDir dir;
  const std::string data = dir.File("data");
  {
    ServeProcess server(data, dir.File("serve.log"));
    ASSERT_GT(server.port(), 0);
    Client c(server.port());
    for (const char* name : {"a1", "a2", "a3"}) {
      c.Call("POST", "/api/v1/accounts",
             std::string(R"({"password":"password-1","role":"seller","name":")") + name + "\"}");
    }
  }
  EXPECT_EQ(RunIpguard({"audit", "verify", "--data-dir", data}).exit_code, 0);
  // Edit one entry behind the server's back.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data + "/ipguard.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 2", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  auto r = RunIpguard({"audit", "verify", "--data-dir", data});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("seq 2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ipguard::testing
