// Reads contacts, invitations and pointers out of a Document and its cues:
//   1. links: URLs, bare domains (Public Suffix List) and e-mail addresses;
//   2. WeChat internal ids (wxid_...);
//   3. values bound to a channel cue (微信: abc123, 扣扣 幺三八..., tg @name);
//   4. bare digit runs that libphonenumber validates as phone numbers;
//   5. invitations (an invitation verb near a channel name, or disguised
//      channel slang alone) and pointers elsewhere (看主页).
// Every contact keeps the Document positions of each piece it was built from.
#pragma once

#include <string>
#include <vector>

#include "detect/diversion/cues.h"
#include "detect/diversion/document.h"
#include "detect/diversion/lexicon.h"

namespace ipguard::diversion {

struct Piece {
  uint32_t begin = 0, end = 0;  // Document positions [begin, end)
};

struct Contact {
  std::string channel;  // wechat, qq, phone, telegram, whatsapp, line, email, url, alipay, profile
  std::string kind;     // contact, group, official_account, link, invitation, pointer, payment
  std::string value;    // normalized contact; empty for invitations and pointers
  std::vector<Piece> pieces;
  std::vector<std::string> variants;  // transformations undone
  std::string cue;                    // the lexicon term it was bound to, if any
  double score = 0;
  Piece cue_at;  // where `cue` was read, when it is bound to a value (else empty)
};

struct ReaderOptions {
  bool allow_hotlines = true;  // 400/800/95... service lines are lawful
};

class Reader {
 public:
  Reader(const CueMatcher& cues, const AllowList& allow, ReaderOptions options)
      : cues_(cues), allow_(allow), options_(options) {}

  // Appends what `doc` contains to `out`. `allowed_names` are lower-case
  // names (brands the actor is authorized for) whose official accounts and
  // domains are lawful. Thread-safe; `consumed` is caller-owned scratch.
  void Read(const Document& doc, const std::vector<Cue>& cues,
            const std::vector<std::string>& allowed_names, std::vector<char>& consumed,
            std::vector<Contact>& out) const;

  // The id that positions [begin, end) of `doc` (one whole comment) spell on
  // their own, possibly spaced out ("x i a n g 1 2 3"), read as an id of
  // `channel` (wechat or qq); false when they hold anything else. The
  // contact's pieces are set; channel, value and variants too.
  bool ReadLoneId(const Document& doc, uint32_t begin, uint32_t end, const std::string& channel,
                  Contact& out) const;

 private:
  const CueMatcher& cues_;
  const AllowList& allow_;
  ReaderOptions options_;
};

}  // namespace ipguard::diversion
