// Attribute types of the entity graph and how much each says about common
// control. Strong identifiers (payment account, device, ID number, contact,
// ownership) are rarely shared by unrelated people and may merge entities on
// their own; weak ones (address, IP, image, anything else) only add evidence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ipguard::graph {

enum class AttrType : uint8_t {
  kOwner,  // shop -> owning account (value: the account id)
  kPayment,
  kDevice,
  kIdNumber,
  kContact,  // phone, WeChat, QQ, Telegram, e-mail... value "channel:normalized"
  kAddress,
  kIp,
  kImage,  // identical image hash
  kOther,  // any other attrs key (value "key:value")
};
inline constexpr int kAttrTypeCount = 9;

struct AttrTypeInfo {
  std::string_view name;
  bool strong;    // may merge entities by union-find on its own
  double base;    // evidence of one attribute shared by exactly two entities
  uint32_t cap;   // default degree cap: shared by more entities = a hub
  bool personal;  // value is personal data: masked in findings
};

const AttrTypeInfo& InfoOf(AttrType type);
std::string_view NameOf(AttrType type);
// The type for a name as written by InfoOf().name; false when unknown.
bool ParseAttrType(std::string_view name, AttrType& type);

// Maps an `attrs` key of a shop or account (contract §1.2) to a type, and
// normalizes the value so that equal identifiers compare equal:
//   phone/mobile/tel/wechat/qq/telegram/whatsapp/email/line -> kContact,
//     "channel:value" (phones keep digits only, without a +86/0086 prefix);
//   address: Unicode-normalized (NFKC, case-folded), punctuation and spaces
//     removed; ip: trimmed and lower-cased; unknown keys -> kOther "key:value".
// Returns false when the value is empty after normalization (nothing to link).
bool ClassifyAttr(std::string_view key, std::string_view value, AttrType& type,
                  std::string& normalized);

// A contact found in a listing (diversion findings: evidence.channel and
// evidence.value) as a kContact value, normalized as ClassifyAttr does.
bool NormalizeContact(std::string_view channel, std::string_view value, std::string& normalized);

// The value as shown in findings: personal data keeps its first and last two
// characters (code points) and masks the rest with '*'.
std::string MaskValue(AttrType type, std::string_view value);

}  // namespace ipguard::graph
