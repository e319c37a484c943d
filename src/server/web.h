// The web pages of `ipguard serve` (docs/web.md): static files from a web
// root installed beside the binary, a cookie sign-in for browsers, CSRF
// protection for cookie-authenticated writes, and security headers on every
// reply. cpp-httplib stays inside web.cc and http_server.cc.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "service/api_error.h"

namespace httplib {
class Server;
class Request;
class Response;
}  // namespace httplib

namespace ipguard::service {
class Platform;
}

namespace ipguard::server::web {

// Cookie names: the session (HttpOnly, holds the API token) and the CSRF
// token (readable by the pages' scripts, echoed in the X-CSRF-Token header).
inline constexpr const char* kSessionCookie = "ipg_session";
inline constexpr const char* kCsrfCookie = "ipg_csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// The web root to serve: `given` when not empty (an error when it has no
// index.html), else the first `web/index.html` found in the executable's
// folder or a parent of it (build/src/cli/ipguard -> build/web), else
// PREFIX/share/ipguard/web. Empty when none is found (the API still runs).
service::Expected<std::string> FindWebRoot(const std::string& given);

// The API token of a browser session: the session cookie's value, or empty
// when the request carries none. For a state-changing method (anything but
// GET, HEAD, OPTIONS) the X-CSRF-Token header must equal the CSRF cookie
// (double-submit); `error` is set (403) when it does not.
std::string SessionToken(const httplib::Request& req, std::optional<service::ApiError>& error);

// Sets the security headers every reply carries (Content-Security-Policy
// without inline scripts, X-Content-Type-Options, X-Frame-Options and
// frame-ancestors, Referrer-Policy, Cache-Control for API replies).
void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res);

// Adds the browser session endpoints:
//   POST   /api/v1/session {"name","password"} -> the user, sets both cookies
//   DELETE /api/v1/session                     -> clears them
// and, when `web_root` is not empty, serves its files at / (index.html for /).
// `allow` rate-limits sign-ins (false: 429).
void Mount(httplib::Server& http, service::Platform& platform, const std::string& web_root,
           std::function<bool(const httplib::Request&)> allow);

}  // namespace ipguard::server::web
