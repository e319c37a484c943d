#include "detect/diversion/phone.h"

#include <phonenumbers/phonenumberutil.h>

namespace ipguard::diversion {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool LooksLikeChinesePhone(std::string_view d) {
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return true;
  if (d.size() == 13 && d.substr(0, 2) == "86" && d[2] == '1' && d[3] >= '3') return true;
  if (d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0') return true;
  return false;
}

PhoneCheck CheckPhone(std::string_view digits, bool international) {
  PhoneCheck out;
  if (digits.size() < 7 || digits.size() > 15) return out;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  std::string text = international ? "+" + std::string(digits) : std::string(digits);
  const char* region = international ? "ZZ" : "CN";
  if (!international && digits.size() == 13 && digits.substr(0, 2) == "86") {
    text = "+" + std::string(digits);
    region = "ZZ";
  }
  if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return out;
  if (!util.IsValidNumber(number)) return out;
  util.Format(number, PhoneNumberUtil::E164, &out.e164);
  util.GetRegionCodeForNumber(number, &out.region);
  std::string national;
  util.Format(number, PhoneNumberUtil::NATIONAL, &national);
  for (char c : national)
    if (c >= '0' && c <= '9') out.national.push_back(c);
  switch (util.GetNumberType(number)) {
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
  return out;
}

}  // namespace ipguard::diversion
