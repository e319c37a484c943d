// Phone numbers, validated with libphonenumber after the digits have been
// read (contact_chars.h): Chinese mobile and landline numbers without a
// prefix, any country's number with + or 00.
#pragma once

#include <string>
#include <string_view>

namespace ipguard::diversion {

enum class PhoneKind { kNone, kMobile, kFixedLine, kOther };

struct PhoneCheck {
  PhoneKind kind = PhoneKind::kNone;
  std::string e164;      // +8613812345678
  std::string national;  // as dialled at home: 13812345678, 01012345678 (CN trunk 0), 4008208820
  std::string region;
};

// Validates `digits` (ASCII digits only). `international`: the digits were
// preceded by + or 00, so they start with a country code. Otherwise they are
// read as a Chinese number (an 86 prefix is accepted). Thread-safe.
PhoneCheck CheckPhone(std::string_view digits, bool international);

// True when the digits may be a Chinese phone number at all (cheap pre-check
// before libphonenumber): 11-digit mobile 1[3-9], 86 + mobile, or a 0-prefixed
// landline of 10-12 digits.
bool LooksLikeChinesePhone(std::string_view digits);

}  // namespace ipguard::diversion
