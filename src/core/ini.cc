#include "core/ini.h"

#include <fstream>

#include <fmt/format.h>

namespace ipguard {

std::string_view TrimBlanks(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

Status ReadIniFile(const std::string& path, std::string_view what, const IniHandlers& handlers) {
  std::ifstream in(path);
  if (!in) return Status::Error(fmt::format("cannot read {} {}", what, path));
  std::string section, line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view s = TrimBlanks(line);
    if (s.empty() || s.front() == '#' || s.front() == ';') continue;
    const std::string where = fmt::format("{}:{}", path, number);
    if (s.front() == '[') {
      if (s.back() != ']') {
        return Status::Error(fmt::format("{}: a section header must end with ]", where));
      }
      section = std::string(TrimBlanks(s.substr(1, s.size() - 2)));
      if (handlers.section) {
        if (Status st = handlers.section(section, where); !st.ok()) return st;
      }
      continue;
    }
    const size_t eq = s.find('=');
    if (eq == std::string_view::npos) {
      return Status::Error(fmt::format("{}: expected `key = value`", where));
    }
    if (Status st = handlers.setting(section, TrimBlanks(s.substr(0, eq)),
                                     TrimBlanks(s.substr(eq + 1)), where);
        !st.ok()) {
      return st;
    }
  }
  return Status::Ok();
}

}  // namespace ipguard
