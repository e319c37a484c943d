// A small reader for the project's INI data files (data/policy.ini,
// data/penalties.ini): `[section]` headers, `key = value` settings, blank
// lines and lines starting with `#` or `;` skipped, spaces, tabs and CR
// trimmed around names and values.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "ipguard/status.h"

namespace ipguard {

// `s` without leading and trailing spaces, tabs and carriage returns.
std::string_view TrimBlanks(std::string_view s);

struct IniHandlers {
  // Called for each `[section]` header (optional); an error stops the read.
  std::function<Status(std::string_view section, const std::string& where)> section;
  // Called for each setting with the section it is under ("" before the
  // first header); an error stops the read.
  std::function<Status(std::string_view section, std::string_view key, std::string_view value,
                       const std::string& where)>
      setting;
};

// Reads the INI file at `path`, calling `handlers` in file order. `where`
// names the line as "path:N". Fails when the file cannot be read (naming it
// as `what`), on a malformed line, or with the first error a handler returns.
Status ReadIniFile(const std::string& path, std::string_view what, const IniHandlers& handlers);

}  // namespace ipguard
