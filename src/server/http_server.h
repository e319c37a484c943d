// The platform's HTTP JSON API under /api/v1 (docs/api-http.md), with
// cpp-httplib, which stays inside http_server.cc. The server authenticates
// (Authorization: Bearer <token>), limits request sizes and request rates
// per token, parses JSON bodies and maps ApiErrors to 4xx replies; every
// rule about who may do what lives in service::Platform.
#pragma once

#include <memory>
#include <string>

#include "ipguard/status.h"

namespace ipguard::service {
class Platform;
}

namespace ipguard::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0: any free port
  size_t max_json_bytes = 1u << 20;  // JSON request bodies
  size_t max_file_bytes = 10u << 20;
  unsigned threads = 0;  // 0: max(32, cores); one per keep-alive connection
  // Requests per second per token (or per address when anonymous), with a
  // burst allowance; 0 disables the limit.
  double rate_limit = 200;
  double rate_burst = 400;
  // Folder of the web pages served at / (docs/web.md); empty: API only.
  std::string web_root;
};

class HttpServer {
 public:
  HttpServer(service::Platform& platform, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; the bound port.
  Result<int> Bind();
  // Serves until Stop(); false when the server could not run.
  bool Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipguard::server
