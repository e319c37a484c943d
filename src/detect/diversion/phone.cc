#include "detect/diversion/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <string>
#include <unordered_map>

namespace ipguard::diversion {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool LooksLikeChinesePhone(std::string_view d) {
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return true;
  if (d.size() == 13 && d.substr(0, 2) == "86" && d[2] == '1' && d[3] >= '3') return true;
  if (d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0') return true;
  return false;
}

namespace {

PhoneCheck Validate(std::string_view digits, bool international);

}  // namespace

PhoneCheck CheckPhone(std::string_view digits, bool international) {
  // Sellers repeat their numbers across listings and comments: validated
  // numbers are cached per thread (cleared when full, so memory is bounded).
  constexpr size_t kCacheLimit = 8192;
  thread_local std::unordered_map<std::string, PhoneCheck> cache;
  std::string key;
  key.reserve(digits.size() + 1);
  key.push_back(international ? '+' : '0');
  key.append(digits);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  PhoneCheck out = Validate(digits, international);
  if (cache.size() >= kCacheLimit) cache.clear();
  cache.emplace(std::move(key), out);
  return out;
}

namespace {

PhoneCheck Validate(std::string_view digits, bool international) {
  PhoneCheck out;
  if (digits.size() < 7 || digits.size() > 15) return out;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // The number is built directly (country code + national number): the
  // digits are already clean, so libphonenumber's text parser is not needed.
  PhoneNumber number;
  std::string_view national = digits;
  int country = 0;
  if (international) {
    // Country calling codes are prefix-free: the first of 1-3 digits that is
    // one is the code.
    for (size_t len = 1; len <= 3 && len < digits.size(); ++len) {
      const int cc = std::stoi(std::string(digits.substr(0, len)));
      std::string region;
      util.GetRegionCodeForCountryCode(cc, &region);
      if (region != "ZZ") {
        country = cc;
        national = digits.substr(len);
        break;
      }
    }
    if (country == 0) return out;
  } else if (digits.size() == 13 && digits.substr(0, 2) == "86") {
    country = 86;
    national = digits.substr(2);
  } else {
    country = 86;
    if (!national.empty() && national[0] == '0') national.remove_prefix(1);  // trunk prefix
  }
  if (national.empty() || national.size() > 17) return out;
  if (country == 39 && national[0] == '0') number.set_italian_leading_zero(true);
  while (country != 39 && !national.empty() && national[0] == '0') national.remove_prefix(1);
  if (national.empty()) return out;
  number.set_country_code(country);
  number.set_national_number(std::stoull(std::string(national)));
  // One type lookup validates the number for its region (UNKNOWN when no
  // pattern of the region matches), cheaper than IsValidNumber + GetNumberType.
  const PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
  if (type == PhoneNumberUtil::UNKNOWN) return out;
  util.GetRegionCodeForNumber(number, &out.region);
  if (out.region.empty() || out.region == "ZZ") return out;
  util.Format(number, PhoneNumberUtil::E164, &out.e164);
  util.GetNationalSignificantNumber(number, &out.national);
  switch (type) {
    case PhoneNumberUtil::MOBILE:
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      out.kind = PhoneKind::kMobile;
      break;
    case PhoneNumberUtil::FIXED_LINE:
      out.kind = PhoneKind::kFixedLine;
      break;
    default:
      out.kind = PhoneKind::kOther;
  }
  // Chinese landlines are dialled at home with the trunk prefix 0.
  if (out.region == "CN" && out.kind == PhoneKind::kFixedLine) out.national = "0" + out.national;
  return out;
}

}  // namespace

}  // namespace ipguard::diversion
