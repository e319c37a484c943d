#include "detect/diversion/lexicon.h"

#include <fmt/format.h>

namespace ipguard::diversion {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Calls fn(line_number, line) for every non-comment, non-blank line.
template <typename Fn>
Status ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  int number = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    ++number;
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (Status st = fn(number, line); !st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

bool AllowList::AllowsHost(std::string_view host) const {
  while (!host.empty()) {
    if (domains.count(std::string(host))) return true;
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return false;
}

Result<std::vector<LexEntry>> ParseLexicon(std::string_view text, std::string_view where) {
  std::vector<LexEntry> out;
  Status st = ForEachLine(text, [&](int number, std::string_view line) -> Status {
    auto cols = SplitTabs(line);
    if (cols.size() < 3 || cols[0].empty()) {
      return Status::Error(fmt::format("{}:{}: expected TERM<TAB>ROLE<TAB>CHANNEL, got \"{}\"",
                                       where, number, line));
    }
    LexEntry e;
    e.term = std::string(cols[0]);
    const std::string_view role = cols[1];
    if (role == "name")
      e.role = Role::kName;
    else if (role == "slang")
      e.role = Role::kSlang;
    else if (role == "alias")
      e.role = Role::kAlias;
    else if (role == "group")
      e.role = Role::kGroup;
    else if (role == "official")
      e.role = Role::kOfficial;
    else if (role == "invite")
      e.role = Role::kInvite;
    else if (role == "pointer")
      e.role = Role::kPointer;
    else if (role == "safe")
      e.role = Role::kSafe;
    else if (role == "label")
      e.role = Role::kLabel;
    else if (role == "negate")
      e.role = Role::kNegate;
    else {
      return Status::Error(
          fmt::format("{}:{}: unknown role \"{}\" (name, slang, alias, group, official, invite, "
                      "pointer, safe, label, negate)",
                      where, number, role));
    }
    if (cols[2] != "-") e.channel = std::string(cols[2]);
    e.latin_start = IsAsciiLetter(e.term.front());
    size_t letters = 0;
    for (size_t i = e.term.size(); i > 0 && IsAsciiLetter(e.term[i - 1]); --i) ++letters;
    e.latin_end = letters >= 3 && letters <= 5;  // wechat, telegram... start no English word
    e.ascii = true;
    for (unsigned char c : e.term) e.ascii = e.ascii && c < 0x80;
    out.push_back(std::move(e));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Status ParseAllowList(std::string_view text, std::string_view where, AllowList& out) {
  return ForEachLine(text, [&](int number, std::string_view line) -> Status {
    auto cols = SplitTabs(line);
    if (cols.size() < 2 || cols[1].empty()) {
      return Status::Error(
          fmt::format("{}:{}: expected KIND<TAB>VALUE, got \"{}\"", where, number, line));
    }
    std::string value(cols[1]);
    for (char& c : value) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (cols[0] == "domain")
      out.domains.insert(value);
    else if (cols[0] == "contact") {
      if (value.find(':') == std::string::npos) {
        return Status::Error(
            fmt::format("{}:{}: a contact is CHANNEL:VALUE, got \"{}\"", where, number, value));
      }
      out.contacts.insert(value);
    } else if (cols[0] == "prefix")
      out.phone_prefixes.push_back(value);
    else {
      return Status::Error(fmt::format("{}:{}: unknown kind \"{}\" (domain, contact, prefix)",
                                       where, number, cols[0]));
    }
    return Status::Ok();
  });
}

}  // namespace ipguard::diversion
