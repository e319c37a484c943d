// ASCII-only case mapping, for identifiers, hosts, channel names and
// categories: bytes outside A-Z (UTF-8 included) are kept as they are.
#pragma once

#include <string>
#include <string_view>

namespace ipguard {

// `s` with A-Z mapped to a-z.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace ipguard
