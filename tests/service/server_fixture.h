// A platform and its HTTP server on a free loopback port, in a fresh data
// folder per test, with helpers that call the API as a client would.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ipguard/json.h"
#include "server/http_server.h"
#include "service/platform.h"
#include "support/temp_dir.h"

namespace ipguard::testing {

struct ApiReply {
  int status = 0;
  json::Value body;
  std::string raw;
  // body[key] as a string ("" when absent).
  std::string Str(std::string_view key) const;
  int64_t Int(std::string_view key) const;
  // error.field of an error reply.
  std::string ErrorField() const;
};

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Tests may tune the server (the default has no rate limit).
  virtual void Configure(server::ServerOptions&) {}
  // Tests may tune the platform (penalty policies...).
  virtual void ConfigurePlatform(service::PlatformOptions&) {}

  ApiReply Call(const std::string& method, const std::string& path, const std::string& token,
                const std::string& body = "",
                const std::map<std::string, std::string>& headers = {},
                const std::string& content_type = "application/json");
  ApiReply Get(const std::string& path, const std::string& token) {
    return Call("GET", path, token);
  }
  ApiReply Post(const std::string& path, const std::string& token, const json::Value& body) {
    return Call("POST", path, token, body.Dump());
  }

  // Logs in; the token.
  std::string Login(const std::string& name, const std::string& password = "password-1");
  // Registers (holder/seller by themselves, others by the admin) and logs in.
  std::string MakeUser(const std::string& role, const std::string& name,
                       const std::string& holder = "");
  // The holder id of a holder-side user.
  std::string HolderOf(const std::string& token);
  // A seller's shop and one listing in it.
  void MakeListing(const std::string& token, const std::string& shop, const std::string& id,
                   const std::string& title, double price = 199);
  // Registers a brand for the holder, approves it as admin and waits until
  // the engine has it; the asset id.
  std::string ApprovedBrand(const std::string& holder_token, const json::Value& names);
  // Files one complaint (one listing) or a batch (several).
  ApiReply FileComplaint(const std::string& token, const std::string& asset,
                         const std::vector<std::string>& listings, const std::string& key = "");
  // Uploads a small PDF as proof; its sha256.
  std::string UploadProof(const std::string& token, const std::string& text = "proof");
  // Decides complaint `id` ("uphold" or "reject", with `reason` when given).
  ApiReply Decide(const std::string& token, const std::string& id, const std::string& decision,
                  const std::string& reason = "", bool malicious = false);
  // POSTs NDJSON findings (as `ipguard scan` writes them) to /api/v1/findings.
  ApiReply LoadFindings(const std::string& token, const std::string& ndjson);

  TempDir dir_;
  std::unique_ptr<service::Platform> platform_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string admin_;              // the admin's token
  std::atomic<int64_t> clock_{0};  // the platform's clock when non-zero (ms)
};

// The cast most API tests share: a holder "acme" whose brand ACMEX is
// approved, two sellers ("shopkeeper" and "other") and a reviewer "rev".
// Listings are made by MakeListings, before the brand is approved.
class AcmeCase : public ServerFixture {
 protected:
  void SetUp() override;
  virtual void MakeListings() {}

  std::string holder_, seller_, other_seller_, reviewer_, asset_;
};

json::Value Strings(std::initializer_list<const char*> items);

}  // namespace ipguard::testing
