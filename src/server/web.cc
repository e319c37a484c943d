#include "server/web.h"

#include <httplib.h>

#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "service/auth.h"
#include "service/json_parse.h"
#include "service/platform.h"

namespace ipguard::server::web {

using service::ApiError;

namespace {

namespace fs = std::filesystem;

// The value of cookie `name` in the request's Cookie header; empty when absent.
std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

bool SafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

// Constant-time comparison of two secrets of possibly different lengths.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// Cookie attributes: SameSite=Strict always; Secure behind an HTTPS proxy.
std::string CookieAttrs(const httplib::Request& req) {
  std::string attrs = "; Path=/; SameSite=Strict";
  if (req.get_header_value("X-Forwarded-Proto") == "https") attrs += "; Secure";
  return attrs;
}

void SendJson(httplib::Response& res, int status, const json::Value& body) {
  res.status = status;
  res.set_content(body.Dump() + "\n", "application/json; charset=utf-8");
}

}  // namespace

service::Expected<std::string> FindWebRoot(const std::string& given) {
  if (!given.empty()) {
    if (!fs::exists(fs::path(given) / "index.html")) {
      return service::Invalid("--web-root", fmt::format("{} has no index.html", given));
    }
    return given;
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::string();
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (fs::exists(dir / "web" / "index.html")) return (dir / "web").string();
    if (fs::exists(dir / "share" / "ipguard" / "web" / "index.html")) {
      return (dir / "share" / "ipguard" / "web").string();
    }
  }
  return std::string();
}

std::string SessionToken(const httplib::Request& req, std::optional<ApiError>& error) {
  std::string token = CookieValue(req, kSessionCookie);
  if (token.empty() || SafeMethod(req.method)) return token;
  const std::string cookie = CookieValue(req, kCsrfCookie);
  const std::string header = req.get_header_value(kCsrfHeader);
  if (cookie.empty() || !SameSecret(cookie, header)) {
    error = ApiError{403, "forbidden", kCsrfHeader,
                     "a signed-in browser must send the X-CSRF-Token header equal to the "
                     "ipg_csrf cookie on every change; reload the page and retry"};
  }
  return token;
}

void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res) {
  // Scripts only from this origin, no inline script, no eval. Inline styles
  // are allowed: ECharts positions its tooltips with style attributes.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
                 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
}

void Mount(httplib::Server& http, service::Platform& platform, const std::string& web_root,
           std::function<bool(const httplib::Request&)> allow) {
  http.Post(
      "/api/v1/session", [&platform, allow](const httplib::Request& req, httplib::Response& res) {
        if (allow && !allow(req)) {
          res.set_header("Retry-After", "1");
          SendJson(
              res, 429,
              ApiError{429, "rate_limited", "", "too many requests; slow down and retry"}.ToJson());
          return;
        }
        // A cross-site form cannot send application/json without a preflight,
        // so requiring it keeps other sites from signing a browser in.
        if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
          SendJson(res, 415,
                   ApiError{415, "unsupported_type", "Content-Type",
                            "send the sign-in as JSON with Content-Type: application/json"}
                       .ToJson());
          return;
        }
        auto body = service::ParseJson(req.body);
        if (!body.ok()) return SendJson(res, body.error().http, body.error().ToJson());
        auto login = platform.Login(*body);
        if (!login.ok()) return SendJson(res, login.error().http, login.error().ToJson());
        const json::Value* token = login->body.Find("token");
        const json::Value* user = login->body.Find("user");
        if (token == nullptr || user == nullptr) {
          return SendJson(res, 500, service::Internal("sign-in failed").ToJson());
        }
        const std::string csrf = service::RandomHex(32);
        const std::string attrs = CookieAttrs(req);
        res.set_header("Set-Cookie",
                       fmt::format("{}={}{}; HttpOnly", kSessionCookie, token->as_string(), attrs));
        // A second Set-Cookie header (httplib keeps both).
        res.headers.emplace("Set-Cookie", fmt::format("{}={}{}", kCsrfCookie, csrf, attrs));
        json::Value out = json::Value::Object();
        out.Set("user", *user);
        out.Set("csrf", csrf);
        SendJson(res, 200, out);
      });
  http.Delete("/api/v1/session", [&platform](const httplib::Request& req, httplib::Response& res) {
    std::optional<ApiError> error;
    const std::string token = SessionToken(req, error);
    if (error) return SendJson(res, error->http, error->ToJson());
    // The token stops working at once; an already expired or unknown one
    // still gets its cookies cleared.
    if (!token.empty()) platform.Logout(token);
    const std::string attrs = CookieAttrs(req) + "; Max-Age=0";
    res.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly", kSessionCookie, attrs));
    res.headers.emplace("Set-Cookie", fmt::format("{}={}", kCsrfCookie, attrs));
    json::Value out = json::Value::Object();
    out.Set("signed_out", true);
    SendJson(res, 200, out);
  });
  if (!web_root.empty()) http.set_mount_point("/", web_root);
}

}  // namespace ipguard::server::web
