// The browser side of `ipguard serve` (src/server/web.h): static pages from
// the web root, the cookie sign-in, CSRF protection of cookie-authenticated
// writes, and the security headers on every reply.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>

#include "server/web.h"
#include "service/server_fixture.h"

namespace ipguard::testing {
namespace {

class WebSession : public ServerFixture {
 protected:
  void Configure(server::ServerOptions& so) override {
    std::filesystem::create_directories(web_.path() + "/js");
    web_.Write("index.html", "<!doctype html><title>ipguard</title>");
    web_.Write("js/app.js", "export const x = 1;\n");
    so.web_root = web_.path();
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  // Signs in through POST /api/v1/session; the Cookie header to send back
  // and the CSRF token.
  std::pair<std::string, std::string> SignIn(const std::string& name) {
    auto c = Client();
    auto r = c.Post("/api/v1/session", "{\"name\":\"" + name + "\",\"password\":\"password-1\"}",
                    "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    std::string session, csrf;
    for (auto [it, end] = r->headers.equal_range("Set-Cookie"); it != end; ++it) {
      const std::string& v = it->second;
      const std::string pair = v.substr(0, v.find(';'));
      if (pair.rfind("ipg_session=", 0) == 0) {
        session = pair;
        EXPECT_NE(v.find("HttpOnly"), std::string::npos) << v;
        EXPECT_NE(v.find("SameSite=Strict"), std::string::npos) << v;
      }
      if (pair.rfind("ipg_csrf=", 0) == 0) csrf = pair.substr(9);
    }
    EXPECT_FALSE(session.empty());
    EXPECT_EQ(csrf.size(), 64u);
    EXPECT_EQ(r->body.find("ipg_"), std::string::npos) << "the token stays in the cookie";
    return {session + "; ipg_csrf=" + csrf, csrf};
  }
  TempDir web_;
};

TEST_F(WebSession, ServesThePagesWithSecurityHeaders) {
  auto c = Client();
  for (const char* path : {"/", "/js/app.js", "/api/v1/health", "/api/v1/nothing"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
  }
  auto index = c.Get("/");
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>ipguard"), std::string::npos);
  EXPECT_NE(c.Get("/js/app.js")->get_header_value("Content-Type").find("javascript"),
            std::string::npos);
  EXPECT_EQ(c.Get("/../etc/passwd")->status, 404);
  EXPECT_EQ(c.Get("/api/v1/health")->get_header_value("Cache-Control"), "no-store");
}

TEST_F(WebSession, CookieSessionReadsAndWritesOnlyWithTheCsrfHeader) {
  MakeUser("seller", "shopkeeper");
  auto [cookie, csrf] = SignIn("shopkeeper");
  auto c = Client();
  auto me = c.Get("/api/v1/me", {{"Cookie", cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  EXPECT_NE(me->body.find("shopkeeper"), std::string::npos);

  const std::string shop = R"({"id":"shop-w","name":"Web shop"})";
  auto bare = c.Post("/api/v1/shops", {{"Cookie", cookie}}, shop, "application/json");
  EXPECT_EQ(bare->status, 403) << bare->body;
  EXPECT_NE(bare->body.find("X-CSRF-Token"), std::string::npos);
  auto wrong = c.Post("/api/v1/shops", {{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, 'a')}},
                      shop, "application/json");
  EXPECT_EQ(wrong->status, 403);
  auto ok = c.Post("/api/v1/shops", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, shop,
                   "application/json");
  EXPECT_EQ(ok->status, 201) << ok->body;
}

TEST_F(WebSession, SignInRefusesFormsAndWrongPasswords) {
  MakeUser("holder", "acme");
  auto c = Client();
  auto form = c.Post("/api/v1/session", "name=acme&password=password-1",
                     "application/x-www-form-urlencoded");
  EXPECT_EQ(form->status, 415);
  auto wrong =
      c.Post("/api/v1/session", R"({"name":"acme","password":"nope-nope"})", "application/json");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
  auto out = c.Delete("/api/v1/session");
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(WebSession, SigningOutEndsTheSessionAtOnce) {
  MakeUser("seller", "shopkeeper");
  auto [cookie, csrf] = SignIn("shopkeeper");
  auto [other_cookie, other_csrf] = SignIn("shopkeeper");  // a second browser
  auto c = Client();
  EXPECT_EQ(c.Get("/api/v1/me", {{"Cookie", cookie}})->status, 200);
  auto out = c.Delete("/api/v1/session", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  // A copy of the old cookie no longer signs anybody in.
  EXPECT_EQ(c.Get("/api/v1/me", {{"Cookie", cookie}})->status, 401);
  EXPECT_EQ(c.Get("/api/v1/me", {{"Cookie", other_cookie}})->status, 200);
}

TEST_F(WebSession, LogoutRevokesABearerToken) {
  const std::string token = MakeUser("seller", "shopkeeper");
  const std::string second = Login("shopkeeper");
  EXPECT_EQ(Get("/api/v1/me", token).status, 200);
  auto out = Call("POST", "/api/v1/logout", token);
  EXPECT_EQ(out.status, 200) << out.raw;
  EXPECT_EQ(Get("/api/v1/me", token).status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/logout", token).status, 401);
  EXPECT_EQ(Get("/api/v1/me", second).status, 200);
}

class ShortLivedTokens : public ServerFixture {
 protected:
  void ConfigurePlatform(service::PlatformOptions& o) override { o.token_ttl_ms = 86400000; }
};

TEST_F(ShortLivedTokens, ATokenExpiresAfterItsLifetime) {
  clock_ = 1'800'000'000'000;
  const std::string token = MakeUser("seller", "shopkeeper");
  auto login =
      Call("POST", "/api/v1/login", "", R"({"name":"shopkeeper","password":"password-1"})");
  EXPECT_EQ(login.Str("expires_at"), "2027-01-16T08:00:00Z") << login.raw;
  clock_ += 86400000 - 1;
  EXPECT_EQ(Get("/api/v1/me", token).status, 200);
  clock_ += 2;
  auto expired = Get("/api/v1/me", token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.raw.find("expired"), std::string::npos) << expired.raw;
}

TEST(WebRoot, AGivenFolderMustHoldIndexHtml) {
  TempDir dir;
  EXPECT_FALSE(server::web::FindWebRoot(dir.path()).ok());
  dir.Write("index.html", "x");
  auto found = server::web::FindWebRoot(dir.path());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, dir.path());
}

}  // namespace
}  // namespace ipguard::testing
