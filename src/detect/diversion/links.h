// URLs, bare domains and e-mail addresses: hosts are checked against the
// Public Suffix List (libpsl), and links of messaging services are sorted
// into their channel. Shared by the text reader and the QR-code reader.
#pragma once

#include <string>
#include <string_view>

namespace ipguard::diversion {

struct Link {
  std::string channel;  // wechat, qq, telegram, whatsapp, line, phone, email, url
  std::string kind;     // contact, group, official_account, profile, link
  std::string value;    // canonical: scheme-less lower-case host + path, digits for phones
  std::string host;     // lower-case host ("" for tel:)
};

// The registrable domain of `host` (lower-case ASCII) when its suffix is on
// the Public Suffix List (ICANN or private section), else "". Thread-safe.
std::string RegistrableDomain(std::string_view host);

// True when `tld` (the last label, lower-case) is a public suffix on its own.
bool IsPublicTld(std::string_view tld);

// Canonical form and channel of a URL (with or without scheme) whose host has
// been checked. `url` is lower-case ASCII except the path, which keeps case.
Link ClassifyUrl(std::string_view url);

// Classifies a QR-code payload: URLs as ClassifyUrl, tel:/sms:/mailto:,
// WeChat (weixin://, wxp://) and anything else as "text" (kind "payload").
Link ClassifyPayload(std::string_view payload);

}  // namespace ipguard::diversion
