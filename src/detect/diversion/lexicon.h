// The diversion lexicon (data/diversion/lexicon.tsv) and allow-list
// (data/diversion/allow.tsv), both compiled into the binary; the allow-list
// may be extended at run time (IPGUARD_DIVERSION_ALLOW).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ipguard/status.h"

namespace ipguard::diversion {

enum class Role {
  kName,
  kSlang,
  kAlias,
  kGroup,
  kOfficial,
  kInvite,
  kPointer,
  kSafe,
  kLabel,
  kNegate
};

struct LexEntry {
  std::string term;  // as written in the file
  Role role;
  std::string channel;       // wechat, qq, phone, telegram, whatsapp, line, email, url, or empty
  bool latin_start = false;  // starts with an ASCII letter: must not follow a letter/digit
  bool latin_end = false;    // ends a Latin word of 3+ letters: must not precede a letter
  bool ascii = false;        // pure ASCII (ASCII slang needs a value or an invitation)
};

struct AllowList {
  std::unordered_set<std::string> domains;   // registrable domains
  std::unordered_set<std::string> contacts;  // "channel:value"
  std::vector<std::string> phone_prefixes;   // lawful service-line prefixes

  // True when `host` is an allowed domain or a subdomain of one.
  bool AllowsHost(std::string_view host) const;
};

// Parses lexicon text; errors name the line and what is wrong.
Result<std::vector<LexEntry>> ParseLexicon(std::string_view text, std::string_view where);
// Parses allow-list text into `out`; errors name the line.
Status ParseAllowList(std::string_view text, std::string_view where, AllowList& out);

// The files' contents as compiled into the binary.
std::string_view EmbeddedLexicon();
std::string_view EmbeddedAllowList();

}  // namespace ipguard::diversion
