#include "graph/attribute_types.h"

#include <algorithm>
#include <cctype>

#include <vector>

#include "core/ascii.h"
#include "ipguard/text.h"

namespace ipguard::graph {
namespace {

// Caps are well above the largest gang that shares one identifier (a few
// dozen shops on one payment account) and far below a hub (a logistics
// warehouse or a carrier NAT address shared by thousands).
constexpr AttrTypeInfo kInfo[kAttrTypeCount] = {
    {"owner", true, 1.0, 1000, false}, {"payment", true, 1.0, 64, true},
    {"device", true, 1.0, 64, false},  {"id_number", true, 1.0, 16, true},
    {"contact", true, 1.0, 64, true},  {"address", false, 0.5, 48, true},
    {"ip", false, 0.35, 48, true},     {"image", false, 0.6, 48, false},
    {"other", false, 0.3, 48, false},
};

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool IsPhoneChannel(std::string_view c) {
  return c == "phone" || c == "mobile" || c == "tel" || c == "telephone" || c == "whatsapp";
}

std::string PhoneDigits(std::string_view value) {
  std::string d;
  for (char c : value) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  if (d.size() == 15 && d.rfind("0086", 0) == 0) d.erase(0, 4);
  if (d.size() == 13 && d.rfind("86", 0) == 0) d.erase(0, 2);
  return d;
}

// Common address words and their abbreviations, written the short way.
std::string_view Abbreviate(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"road", "rd"},       {"street", "st"},     {"avenue", "ave"}, {"boulevard", "blvd"},
      {"building", "bldg"}, {"room", "rm"},       {"floor", "fl"},   {"number", "no"},
      {"district", "dist"}, {"apartment", "apt"}, {"suite", "ste"},  {"lane", "ln"},
  };
  for (const auto& [full, abbr] : kWords) {
    if (word == full) return abbr;
  }
  return word;
}

// Keeps letters, digits and any non-ASCII code point of the normalized text,
// with common address words abbreviated ("Road" and "Rd." compare equal).
std::string SqueezeText(std::string_view value) {
  const NormalizedText n = Normalize(value);
  std::string out, word;
  auto flush = [&] {
    out += Abbreviate(word);
    word.clear();
  };
  for (char c : n.text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

const AttrTypeInfo& InfoOf(AttrType type) { return kInfo[static_cast<int>(type)]; }
std::string_view NameOf(AttrType type) { return InfoOf(type).name; }

bool ParseAttrType(std::string_view name, AttrType& type) {
  for (int i = 0; i < kAttrTypeCount; ++i) {
    if (kInfo[i].name == name) {
      type = static_cast<AttrType>(i);
      return true;
    }
  }
  return false;
}

bool NormalizeContact(std::string_view channel, std::string_view value, std::string& normalized) {
  std::string ch = AsciiLower(Trim(channel));
  if (ch == "mobile" || ch == "tel" || ch == "telephone") ch = "phone";
  if (ch == "weixin" || ch == "vx" || ch == "wx") ch = "wechat";
  std::string v = IsPhoneChannel(ch) ? PhoneDigits(value) : AsciiLower(Trim(value));
  if (!IsPhoneChannel(ch)) v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
  if (v.empty()) return false;
  normalized = ch + ":" + v;
  return true;
}

bool ClassifyAttr(std::string_view key, std::string_view value, AttrType& type,
                  std::string& normalized) {
  const std::string k = AsciiLower(Trim(key));
  if (k == "payment" || k == "bank" || k == "alipay" || k == "payment_account") {
    type = AttrType::kPayment;
    normalized = AsciiLower(Trim(value));
    normalized.erase(std::remove(normalized.begin(), normalized.end(), ' '), normalized.end());
  } else if (k == "device" || k == "device_id") {
    type = AttrType::kDevice;
    normalized = AsciiLower(Trim(value));
  } else if (k == "id_number" || k == "id" || k == "national_id" || k == "license") {
    type = AttrType::kIdNumber;
    normalized = AsciiLower(Trim(value));
    normalized.erase(std::remove(normalized.begin(), normalized.end(), ' '), normalized.end());
  } else if (k == "phone" || k == "mobile" || k == "tel" || k == "wechat" || k == "weixin" ||
             k == "qq" || k == "telegram" || k == "whatsapp" || k == "email" || k == "line" ||
             k == "contact") {
    type = AttrType::kContact;
    return NormalizeContact(k == "contact" ? "phone" : k, value, normalized);
  } else if (k == "address" || k == "return_address" || k == "warehouse") {
    type = AttrType::kAddress;
    normalized = SqueezeText(value);
  } else if (k == "ip") {
    type = AttrType::kIp;
    normalized = AsciiLower(Trim(value));
  } else if (k == "image" || k == "image_hash" || k == "pdq") {
    type = AttrType::kImage;
    normalized = AsciiLower(Trim(value));
  } else {
    type = AttrType::kOther;
    const std::string v = AsciiLower(Trim(value));
    if (v.empty()) return false;
    normalized = k + ":" + v;
    return true;
  }
  return !normalized.empty();
}

std::string MaskValue(AttrType type, std::string_view value) {
  if (!InfoOf(type).personal) return std::string(value);
  // Contacts keep their channel visible: "wechat:ab****yz".
  std::string prefix;
  if (type == AttrType::kContact) {
    const size_t colon = value.find(':');
    if (colon != std::string_view::npos) {
      prefix = std::string(value.substr(0, colon + 1));
      value.remove_prefix(colon + 1);
    }
  }
  std::vector<std::string_view> cps;
  size_t i = 0;
  while (i < value.size()) {
    size_t len = 1;
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    len = std::min(len, value.size() - i);
    cps.push_back(value.substr(i, len));
    i += len;
  }
  std::string out = prefix;
  const size_t keep = cps.size() >= 8 ? 2 : (cps.size() >= 4 ? 1 : 0);
  for (size_t j = 0; j < cps.size(); ++j) {
    if (j < keep || j + keep >= cps.size())
      out += cps[j];
    else
      out.push_back('*');
  }
  return out;
}

}  // namespace ipguard::graph
