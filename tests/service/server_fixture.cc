#include "service/server_fixture.h"

#include <httplib.h>

#include <chrono>

#include "service/json_parse.h"

namespace ipguard::testing {

json::Value Strings(std::initializer_list<const char*> items) {
  json::Value v = json::Value::Array();
  for (const char* s : items) v.Append(s);
  return v;
}

std::string ApiReply::Str(std::string_view key) const {
  const json::Value* v = body.is_object() ? body.Find(key) : nullptr;
  return v && v->type() == json::Value::Type::kString ? v->as_string() : std::string();
}
int64_t ApiReply::Int(std::string_view key) const {
  const json::Value* v = body.is_object() ? body.Find(key) : nullptr;
  return v ? v->as_integer() : 0;
}
std::string ApiReply::ErrorField() const {
  const json::Value* e = body.is_object() ? body.Find("error") : nullptr;
  const json::Value* f = e ? e->Find("field") : nullptr;
  return f ? f->as_string() : std::string();
}

void ServerFixture::SetUp() {
  service::PlatformOptions o;
  o.data_dir = dir_.path() + "/data";
  o.calendar_file = "data/calendar/cn.txt";
  o.password_cost = service::PasswordCost::kMinimum;
  // Tests move the clock by months; tokens expire only where a test says so.
  o.token_ttl_ms = 100LL * 365 * 86400000;
  o.now = [this]() -> Timestamp {
    if (const int64_t fixed = clock_.load(); fixed != 0) return fixed;
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  ConfigurePlatform(o);
  auto p = service::Platform::Open(o);
  ASSERT_TRUE(p.ok()) << p.error().message;
  platform_ = std::move(p).value();
  ASSERT_TRUE(platform_->BootstrapAdmin("admin", "password-1").ok());
  server::ServerOptions so;
  so.port = 0;
  so.rate_limit = 0;
  so.threads = 4;
  Configure(so);
  server_ = std::make_unique<server::HttpServer>(*platform_, so);
  auto port = server_->Bind();
  ASSERT_TRUE(port.ok()) << port.status().message();
  port_ = *port;
  thread_ = std::thread([this] { server_->Run(); });
  for (int i = 0; i < 200; ++i) {
    if (Get("/api/v1/health", "").status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  admin_ = Login("admin");
  ASSERT_FALSE(admin_.empty());
}

void ServerFixture::TearDown() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  platform_.reset();
}

ApiReply ServerFixture::Call(const std::string& method, const std::string& path,
                             const std::string& token, const std::string& body,
                             const std::map<std::string, std::string>& headers,
                             const std::string& content_type) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30, 0);
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  for (const auto& [k, v] : headers) h.emplace(k, v);
  httplib::Result r = method == "GET"     ? client.Get(path, h)
                      : method == "PUT"   ? client.Put(path, h, body, content_type.c_str())
                      : method == "PATCH" ? client.Patch(path, h, body, content_type.c_str())
                                          : client.Post(path, h, body, content_type.c_str());
  ApiReply out;
  if (!r) return out;
  out.status = r->status;
  out.raw = r->body;
  auto parsed = service::ParseJson(r->body);
  if (parsed.ok()) out.body = std::move(parsed).value();
  return out;
}

std::string ServerFixture::Login(const std::string& name, const std::string& password) {
  json::Value body = json::Value::Object();
  body.Set("name", name);
  body.Set("password", password);
  return Post("/api/v1/login", "", body).Str("token");
}

std::string ServerFixture::MakeUser(const std::string& role, const std::string& name,
                                    const std::string& holder) {
  json::Value body = json::Value::Object();
  body.Set("name", name);
  body.Set("password", "password-1");
  body.Set("role", role);
  if (role == "holder") body.Set("holder_name", name + " Ltd.");
  if (!holder.empty()) body.Set("holder", holder);
  const bool self = role == "holder" || role == "seller";
  auto r = Post("/api/v1/accounts", self ? "" : admin_, body);
  EXPECT_EQ(r.status, 201) << r.raw;
  return Login(name);
}

std::string ServerFixture::HolderOf(const std::string& token) {
  auto me = Get("/api/v1/me", token);
  const json::Value* h = me.body.Find("holder");
  const json::Value* id = h && h->is_object() ? h->Find("id") : h;
  return id ? id->as_string() : std::string();
}

void ServerFixture::MakeListing(const std::string& token, const std::string& shop,
                                const std::string& id, const std::string& title, double price) {
  json::Value s = json::Value::Object();
  s.Set("id", shop);
  s.Set("name", shop + " store");
  auto created = Post("/api/v1/shops", token, s);
  EXPECT_TRUE(created.status == 201 || created.status == 409) << created.raw;
  json::Value l = json::Value::Object();
  l.Set("shop", shop);
  l.Set("title", title);
  l.Set("price", price);
  l.Set("category", "shoes");
  auto put = Call("PUT", "/api/v1/listings/" + id, token, l.Dump());
  EXPECT_TRUE(put.status == 201 || put.status == 200) << put.raw;
}

std::string ServerFixture::UploadProof(const std::string& token, const std::string& text) {
  auto r = Call("POST", "/api/v1/files", token, "%PDF-1.4\n" + text + "\n%%EOF\n", {},
                "application/pdf");
  EXPECT_EQ(r.status, 201) << r.raw;
  return r.Str("sha256");
}

std::string ServerFixture::ApprovedBrand(const std::string& holder_token,
                                         const json::Value& names) {
  json::Value a = json::Value::Object();
  a.Set("kind", "brand");
  a.Set("registration_number", "TM-12345678");
  a.Set("names", names);
  a.Set("classes", json::Value::Array({json::Value(25)}));
  a.Set("proofs", json::Value::Array({json::Value(UploadProof(holder_token))}));
  auto created = Post("/api/v1/assets", holder_token, a);
  EXPECT_EQ(created.status, 201) << created.raw;
  const std::string id = created.Str("id");
  json::Value d = json::Value::Object();
  d.Set("decision", "approve");
  auto decided = Post("/api/v1/assets/" + id + "/decision", admin_, d);
  EXPECT_EQ(decided.status, 200) << decided.raw;
  EXPECT_TRUE(platform_->engines().WaitFor(
      static_cast<uint64_t>(decided.Int("registry_generation")), std::chrono::seconds(30)));
  return id;
}

}  // namespace ipguard::testing

namespace ipguard::testing {

ApiReply ServerFixture::Decide(const std::string& token, const std::string& id,
                               const std::string& decision, const std::string& reason,
                               bool malicious) {
  json::Value d = json::Value::Object();
  d.Set("decision", decision);
  d.Set("malicious", malicious);
  if (!reason.empty()) d.Set("reason", reason);
  return Post("/api/v1/complaints/" + id + "/decision", token, d);
}

ApiReply ServerFixture::LoadFindings(const std::string& token, const std::string& ndjson) {
  return Call("POST", "/api/v1/findings", token, ndjson, {}, "application/x-ndjson");
}

void AcmeCase::SetUp() {
  ServerFixture::SetUp();
  holder_ = MakeUser("holder", "acme");
  seller_ = MakeUser("seller", "shopkeeper");
  other_seller_ = MakeUser("seller", "other");
  reviewer_ = MakeUser("reviewer", "rev");
  MakeListings();
  asset_ = ApprovedBrand(holder_, Strings({"ACMEX"}));
}

ApiReply ServerFixture::FileComplaint(const std::string& token, const std::string& asset,
                                      const std::vector<std::string>& listings,
                                      const std::string& key) {
  json::Value body = json::Value::Object();
  body.Set("asset", asset);
  body.Set("reason", "counterfeit");
  body.Set("text", "counterfeit goods sold under our trademark");
  if (listings.size() == 1) {
    body.Set("listing", listings[0]);
  } else {
    body.Set("listings", json::Value::ArrayOf(listings));
  }
  std::map<std::string, std::string> headers;
  if (!key.empty()) headers["Idempotency-Key"] = key;
  return Call("POST", "/api/v1/complaints", token, body.Dump(), headers);
}

}  // namespace ipguard::testing
