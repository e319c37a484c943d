#include "server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "server/web.h"
#include "service/auth.h"
#include "service/json_parse.h"
#include "service/platform.h"

namespace ipguard::server {

using service::ApiError;
using service::Response;

namespace {

void SendJson(httplib::Response& res, int status, const json::Value& body) {
  res.status = status;
  std::string text = body.Dump();
  text.push_back('\n');
  res.set_content(text, "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, const ApiError& e) {
  if (e.http == 429) res.set_header("Retry-After", "1");
  SendJson(res, e.http, e.ToJson());
}

void Send(httplib::Response& res, const Response& r) {
  if (r.ok()) {
    SendJson(res, r.value().http, r.value().body);
  } else {
    SendError(res, r.error());
  }
}

std::string BearerToken(const httplib::Request& req) {
  const std::string& auth = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (auth.size() > kPrefix.size() && std::string_view(auth).substr(0, kPrefix.size()) == kPrefix) {
    return auth.substr(kPrefix.size());
  }
  return {};
}

// Token-bucket rate limiter, one bucket per key.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  bool Allow(const std::string& key) {
    if (rate_ <= 0) return true;
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    std::lock_guard lock(mu_);
    if (buckets_.size() > 100000) buckets_.clear();  // bound memory under abuse
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
      b.tokens = std::min(burst_, b.tokens + (now - b.last) * rate_);
      b.last = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

 private:
  struct Bucket {
    double tokens, last;
  };
  double rate_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// A non-negative integer query parameter; `fallback` when absent.
std::optional<int64_t> QueryInt(const httplib::Request& req, const char* name, int64_t fallback,
                                ApiError& error) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < 0) {
    error = service::Invalid(name, fmt::format("{} must be a non-negative integer", name));
    return std::nullopt;
  }
  return out;
}

}  // namespace

struct HttpServer::Impl {
  service::Platform& platform;
  ServerOptions options;
  httplib::Server http;
  RateLimiter limiter;

  Impl(service::Platform& p, ServerOptions o)
      : platform(p), options(std::move(o)), limiter(options.rate_limit, options.rate_burst) {}

  // The request's token (bearer, or a browser's session cookie with its CSRF
  // check) once rate-limited; nullopt when the error was already sent.
  std::optional<std::string> Token(const httplib::Request& req, httplib::Response& res) {
    std::string token = BearerToken(req);
    if (token.empty()) {  // a browser signed in with the session cookie (web.h)
      std::optional<ApiError> csrf;
      token = web::SessionToken(req, csrf);
      if (csrf) {
        SendError(res, *csrf);
        return std::nullopt;
      }
    }
    if (!limiter.Allow(token.empty() ? req.remote_addr : service::TokenDigest(token))) {
      SendError(res, {429, "rate_limited", "", "too many requests; slow down and retry"});
      return std::nullopt;
    }
    return token;
  }

  // Authenticates and rate-limits; the user, or the error already sent.
  std::optional<service::User> Auth(const httplib::Request& req, httplib::Response& res) {
    const auto token = Token(req, res);
    if (!token) return std::nullopt;
    auto user = platform.Authenticate(*token);
    if (!user.ok()) {
      SendError(res, user.error());
      return std::nullopt;
    }
    return std::move(user).value();
  }

  // The JSON body, or the error already sent.
  std::optional<json::Value> Body(const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > options.max_json_bytes) {
      SendError(res, {413, "too_large", "body",
                      fmt::format("the request body is {} bytes; at most {} are accepted",
                                  req.body.size(), options.max_json_bytes)});
      return std::nullopt;
    }
    const std::string& type = req.get_header_value("Content-Type");
    if (!type.empty() && type.rfind("application/json", 0) != 0) {
      SendError(res, {415, "unsupported_type", "Content-Type",
                      "send the body as JSON with Content-Type: application/json"});
      return std::nullopt;
    }
    auto body = service::ParseJson(req.body);
    if (!body.ok()) {
      SendError(res, body.error());
      return std::nullopt;
    }
    return std::move(body).value();
  }

  template <typename F>
  httplib::Server::Handler Authed(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res) {
      auto user = Auth(req, res);
      if (user) f(*user, req, res);
    };
  }
  template <typename F>
  httplib::Server::Handler AuthedJson(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res) {
      auto user = Auth(req, res);
      if (!user) return;
      auto body = Body(req, res);
      if (body) f(*user, *body, req, res);
    };
  }

  void Routes() {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    using service::User;
    auto& P = platform;

    http.Get("/api/v1/health", [&P](Req, Res res) { Send(res, P.Health()); });
    http.Post("/api/v1/accounts", [this, &P](Req req, Res res) {
      std::optional<User> actor;
      if (!BearerToken(req).empty()) {
        actor = Auth(req, res);
        if (!actor) return;
      } else if (!limiter.Allow(req.remote_addr)) {
        SendError(res, {429, "rate_limited", "", "too many requests; slow down and retry"});
        return;
      }
      auto body = Body(req, res);
      if (body) Send(res, P.Register(actor ? &*actor : nullptr, *body));
    });
    http.Post("/api/v1/login", [this, &P](Req req, Res res) {
      if (!limiter.Allow("login:" + req.remote_addr)) {
        SendError(res, {429, "rate_limited", "", "too many requests; slow down and retry"});
        return;
      }
      auto body = Body(req, res);
      if (body) Send(res, P.Login(*body));
    });
    http.Post("/api/v1/logout", [this, &P](Req req, Res res) {
      if (const auto token = Token(req, res)) Send(res, P.Logout(*token));
    });
    http.Get("/api/v1/me", Authed([&P](const User& u, Req, Res res) { Send(res, P.Me(u)); }));
    http.Patch(R"(/api/v1/holders/([^/]+))",
               AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                 Send(res, P.SetHolder(u, req.matches[1].str(), b));
               }));

    http.Post("/api/v1/shops", AuthedJson([&P](const User& u, const json::Value& b, Req, Res res) {
                Send(res, P.CreateShop(u, b));
              }));
    http.Get("/api/v1/shops",
             Authed([&P](const User& u, Req, Res res) { Send(res, P.ListShops(u)); }));
    http.Put(R"(/api/v1/listings/([^/]+))",
             AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
               Send(res, P.PutListing(u, req.matches[1].str(), b));
             }));
    http.Get(R"(/api/v1/listings/([^/]+))", Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.GetListing(u, req.matches[1].str()));
             }));

    http.Post("/api/v1/files", Authed([&P](const User& u, Req req, Res res) {
                Send(res, P.UploadFile(u, req.get_header_value("Content-Type"), req.body));
              }));
    http.Get(R"(/api/v1/files/([0-9a-f]{64}))", Authed([&P](const User& u, Req req, Res res) {
               auto file = P.FilePath(u, req.matches[1].str());
               if (!file.ok()) return SendError(res, file.error());
               std::ifstream in(file->first, std::ios::binary);
               std::string bytes((std::istreambuf_iterator<char>(in)), {});
               res.set_content(bytes, file->second.c_str());
             }));

    http.Post("/api/v1/assets", AuthedJson([&P](const User& u, const json::Value& b, Req, Res res) {
                Send(res, P.CreateAsset(u, b));
              }));
    http.Get("/api/v1/assets", Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.ListAssets(u, req.get_param_value("status")));
             }));
    http.Get(R"(/api/v1/assets/([^/]+))", Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.GetAsset(u, req.matches[1].str()));
             }));
    http.Post(R"(/api/v1/assets/([^/]+)/decision)",
              AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                Send(res, P.DecideAsset(u, req.matches[1].str(), b));
              }));

    http.Post("/api/v1/complaints",
              AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                Send(res,
                     P.FileComplaints(u, b, req.body, req.get_header_value("Idempotency-Key")));
              }));
    http.Get("/api/v1/complaints", Authed([&P](const User& u, Req req, Res res) {
               ApiError error;
               auto after = QueryInt(req, "after", 0, error);
               auto limit = after ? QueryInt(req, "limit", 100, error) : std::nullopt;
               if (!limit) return SendError(res, error);
               Send(res, P.ListComplaints(u, req.get_param_value("status"), *after,
                                          static_cast<size_t>(*limit)));
             }));
    http.Get(R"(/api/v1/complaints/(\d{1,18}))", Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.GetComplaint(u, std::stoll(req.matches[1].str())));
             }));
    http.Post(R"(/api/v1/complaints/(\d{1,18})/decision)",
              AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                Send(res, P.DecideComplaint(u, std::stoll(req.matches[1].str()), b));
              }));
    http.Post(R"(/api/v1/complaints/(\d{1,18})/counter-notice)",
              AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                Send(res, P.CounterNotice(u, std::stoll(req.matches[1].str()), b));
              }));
    http.Post(R"(/api/v1/complaints/(\d{1,18})/answer)",
              AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                Send(res, P.AnswerCounterNotice(u, std::stoll(req.matches[1].str()), b));
              }));
    http.Get("/api/v1/stats", Authed([&P](const User& u, Req, Res res) { Send(res, P.Stats(u)); }));
    http.Get("/api/v1/queue", Authed([&P](const User& u, Req req, Res res) {
               ApiError error;
               auto limit = QueryInt(req, "limit", 50, error);
               if (!limit) return SendError(res, error);
               Send(res, P.Queue(u, static_cast<size_t>(*limit)));
             }));
    http.Get("/api/v1/notifications", Authed([&P](const User& u, Req req, Res res) {
               ApiError error;
               auto after = QueryInt(req, "after", 0, error);
               if (!after) return SendError(res, error);
               Send(res, P.Notifications(u, *after));
             }));
    // Penalties, holders' standing (platform_penalties.cc).
    http.Get(R"(/api/v1/shops/([^/]+)/penalties)", Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.ShopPenalties(u, req.matches[1].str()));
             }));
    http.Patch(R"(/api/v1/shops/([^/]+))",
               AuthedJson([&P](const User& u, const json::Value& b, Req req, Res res) {
                 Send(res, P.SetShopStatus(u, req.matches[1].str(), b));
               }));
    http.Get(R"(/api/v1/accounts/(\d{1,18})/penalties)",
             Authed([&P](const User& u, Req req, Res res) {
               Send(res, P.AccountPenalties(u, std::stoll(req.matches[1].str())));
             }));
    http.Get("/api/v1/penalties", Authed([&P](const User& u, Req req, Res res) {
               ApiError error;
               auto after = QueryInt(req, "after", 0, error);
               auto limit = after ? QueryInt(req, "limit", 100, error) : std::nullopt;
               if (!limit) return SendError(res, error);
               Send(res, P.ListPenalties(u, req.get_param_value("shadow"), *after,
                                         static_cast<size_t>(*limit)));
             }));
    http.Get("/api/v1/holders",
             Authed([&P](const User& u, Req, Res res) { Send(res, P.ListHolders(u)); }));
    // Proactive findings (NDJSON of `ipguard scan`) into the review queue.
    http.Post("/api/v1/findings", Authed([&P](const User& u, Req req, Res res) {
                Send(res, P.LoadFindings(&u, req.body));
              }));
    http.Post("/api/v1/escalations",
              Authed([&P](const User& u, Req, Res res) { Send(res, P.RunEscalation(u)); }));
    http.Get("/api/v1/audit", Authed([&P](const User& u, Req req, Res res) {
               ApiError error;
               auto after = QueryInt(req, "after", 0, error);
               auto limit = after ? QueryInt(req, "limit", 100, error) : std::nullopt;
               if (!limit) return SendError(res, error);
               Send(res, P.ReadAudit(u, *after, static_cast<size_t>(*limit)));
             }));

    // The web pages, the browser sign-in and security headers (web.h).
    web::Mount(http, platform, options.web_root,
               [this](Req req) { return limiter.Allow("login:" + req.remote_addr); });
    http.set_post_routing_handler([](Req req, Res res) { web::AddSecurityHeaders(req, res); });

    // Anything else: a JSON 404 (or the error httplib already chose, e.g. 413).
    http.set_error_handler([](Req req, Res res) {
      if (res.status == 413) {
        SendError(res, {413, "too_large", "body", "the request body is too large"});
      } else if (res.status == 404 || res.status == 405) {
        SendError(res,
                  {404, "not_found", "",
                   fmt::format("no endpoint {} {} (see docs/api-http.md)", req.method, req.path)});
      } else if (res.body.empty()) {
        SendError(res, {res.status, "http_error", "", "the request could not be served"});
      }
    });
    http.set_exception_handler([](Req, Res res, std::exception_ptr) {
      SendError(res, service::Internal("internal error"));
    });
  }
};

HttpServer::HttpServer(service::Platform& platform, ServerOptions options)
    : impl_(std::make_unique<Impl>(platform, std::move(options))) {
  const unsigned threads = impl_->options.threads
                               ? impl_->options.threads
                               : std::max(32u, std::thread::hardware_concurrency());
  impl_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->http.set_payload_max_length(
      std::max(impl_->options.max_file_bytes, impl_->options.max_json_bytes));
  impl_->http.set_keep_alive_max_count(10000);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and
  // delayed ACKs stall every reply ~40 ms.
  impl_->http.set_tcp_nodelay(true);
  impl_->http.set_read_timeout(10, 0);
  impl_->Routes();
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(impl_->options.host);
    if (port < 0) return Status::Error(fmt::format("cannot listen on {}", impl_->options.host));
  } else if (!impl_->http.bind_to_port(impl_->options.host, port)) {
    return Status::Error(
        fmt::format("cannot listen on {}:{} (in use? try --port)", impl_->options.host, port));
  }
  return port;
}

bool HttpServer::Run() { return impl_->http.listen_after_bind(); }

void HttpServer::Stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

}  // namespace ipguard::server
