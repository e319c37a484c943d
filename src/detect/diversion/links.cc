#include "detect/diversion/links.h"

#include <libpsl.h>
#include <unordered_map>

#include <algorithm>

#include "core/ascii.h"

namespace ipguard::diversion {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string DigitsOf(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

// The first path segment after `prefix`, or "".
std::string_view FirstSegment(std::string_view path, std::string_view prefix) {
  if (!StartsWith(path, prefix)) return {};
  path.remove_prefix(prefix.size());
  const size_t end = path.find_first_of("/?#");
  return path.substr(0, end);
}

}  // namespace

std::string RegistrableDomain(std::string_view host) {
  // The same hosts come back again and again: answers are cached per thread
  // (cleared when full, so memory is bounded).
  constexpr size_t kCacheLimit = 4096;
  thread_local std::unordered_map<std::string, std::string> cache;
  std::string h(host);
  if (auto it = cache.find(h); it != cache.end()) return it->second;
  const char* reg = psl_registrable_domain(psl_builtin(), h.c_str());
  std::string out = reg ? std::string(reg) : std::string();
  if (cache.size() >= kCacheLimit) cache.clear();
  cache.emplace(std::move(h), out);
  return out;
}

bool IsPublicTld(std::string_view tld) {
  const std::string t(tld);
  return psl_is_public_suffix2(psl_builtin(), t.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

Link ClassifyUrl(std::string_view url) {
  Link link;
  std::string_view rest = url;
  const size_t scheme = rest.find("://");
  if (scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  const size_t host_end = rest.find_first_of("/?#");
  link.host = AsciiLower(rest.substr(0, host_end));
  if (const size_t colon = link.host.find(':'); colon != std::string::npos) {
    link.host.resize(colon);  // port
  }
  std::string host = link.host;
  if (StartsWith(host, "www.")) host = host.substr(4);
  std::string_view path = host_end == std::string_view::npos ? "" : rest.substr(host_end);
  if (const size_t hash = path.find('#'); hash != std::string_view::npos) {
    path = path.substr(0, hash);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  link.value = host + std::string(path);
  link.channel = "url";
  link.kind = "link";
  const std::string lpath = AsciiLower(path);
  if (host == "t.me" || host == "telegram.me" || host == "telegram.dog") {
    link.channel = "telegram";
    std::string_view name = FirstSegment(lpath, "/");
    if (StartsWith(lpath, "/joinchat") || StartsWith(name, "+")) {
      link.kind = "group";
      link.value = "t.me" + std::string(path);
    } else if (!name.empty()) {
      link.kind = "contact";
      link.value = std::string(name);
    }
  } else if (host == "wa.me" || host == "api.whatsapp.com" || host == "chat.whatsapp.com") {
    link.channel = "whatsapp";
    if (host == "chat.whatsapp.com") {
      link.kind = "group";
    } else {
      std::string digits = DigitsOf(host == "wa.me" ? FirstSegment(lpath, "/") : lpath);
      if (!digits.empty()) {
        link.kind = "contact";
        link.value = digits;
      }
    }
  } else if (host == "u.wechat.com") {
    link.channel = "wechat";
    link.kind = "contact";
  } else if (host == "weixin.qq.com" || host == "wechat.com" || host == "mp.weixin.qq.com") {
    link.channel = "wechat";
    if (StartsWith(lpath, "/g/"))
      link.kind = "group";
    else if (StartsWith(lpath, "/r/") || host == "mp.weixin.qq.com")
      link.kind = "official_account";
    else
      link.kind = "contact";
  } else if (host == "qm.qq.com" || host == "jq.qq.com" || host == "wpa.qq.com") {
    link.channel = "qq";
    link.kind = host == "jq.qq.com" ? "group" : "contact";
  } else if (host == "line.me" || host == "lin.ee") {
    link.channel = "line";
    link.kind = "contact";
  } else if (host == "qr.alipay.com") {
    link.channel = "alipay";
    link.kind = "payment";
  }
  return link;
}

Link ClassifyPayload(std::string_view payload) {
  const std::string lower = AsciiLower(payload.substr(0, 16));
  Link link;
  if (StartsWith(lower, "tel:") || StartsWith(lower, "sms:") || StartsWith(lower, "smsto:")) {
    link.channel = "phone";
    link.kind = "contact";
    link.value = DigitsOf(payload.substr(0, payload.find_first_of("?;", 4)));
    return link;
  }
  if (StartsWith(lower, "mailto:")) {
    link.channel = "email";
    link.kind = "contact";
    link.value = AsciiLower(payload.substr(7, payload.find('?') == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : payload.find('?') - 7));
    return link;
  }
  if (StartsWith(lower, "wxp://") || StartsWith(lower, "weixin://")) {
    link.channel = "wechat";
    link.kind = StartsWith(lower, "wxp://") ? "payment" : "contact";
    link.value = std::string(payload);
    return link;
  }
  if (StartsWith(lower, "http://") || StartsWith(lower, "https://")) return ClassifyUrl(payload);
  // A bare host/path with a public suffix is a link too.
  const size_t host_end = payload.find_first_of("/?# ");
  const std::string host = AsciiLower(payload.substr(0, host_end));
  const size_t dot = host.rfind('.');
  if (dot != std::string::npos && dot + 1 < host.size() && IsPublicTld(host.substr(dot + 1)) &&
      std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      })) {
    return ClassifyUrl(payload);
  }
  link.channel = "text";
  link.kind = "payload";
  link.value = std::string(payload.substr(0, 200));
  return link;
}

}  // namespace ipguard::diversion
