#include "detect/diversion/diversion_detector.h"

#include <array>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/utf8.h"
#include "detect/diversion/cues.h"
#include "detect/diversion/document.h"
#include "detect/diversion/lexicon.h"
#include "detect/diversion/links.h"
#include "detect/diversion/qr.h"
#include "detect/diversion/reader.h"
#include "ipguard/policy.h"

namespace ipguard {
namespace {

using diversion::AllowList;
using diversion::Contact;
using diversion::Cue;
using diversion::CueMatcher;
using diversion::Document;
using diversion::Reader;

constexpr std::string_view kName = "diversion";

struct Scratch : DetectorScratch {
  explicit Scratch(hs_scratch_t* s) : hs(s) {}
  ~Scratch() override {
    if (hs) hs_free_scratch(hs);
  }
  hs_scratch_t* hs;
  Document doc;
  std::vector<Cue> cues;
  std::vector<char> consumed;
  std::vector<Contact> contacts;
};

const std::string* ActorOf(const Item& item) {
  if (auto* l = std::get_if<Listing>(&item)) return &l->shop;
  if (auto* c = std::get_if<Content>(&item)) return &c->account;
  if (auto* s = std::get_if<Shop>(&item)) return &s->id;
  if (auto* a = std::get_if<Account>(&item)) return &a->id;
  return nullptr;
}

const std::vector<std::string>* ImagesOf(const Item& item) {
  if (auto* l = std::get_if<Listing>(&item)) return &l->images;
  if (auto* c = std::get_if<Content>(&item)) return &c->images;
  return nullptr;
}

json::Value Span(uint32_t b, uint32_t e) {
  return json::Value::Array({json::Value(b), json::Value(e)});
}

class DiversionDetector : public Detector {
 public:
  DiversionDetector(std::unique_ptr<CueMatcher> cues, AllowList allow,
                    diversion::ReaderOptions options, bool scan_images, size_t comment_window,
                    std::unordered_map<std::string, std::vector<std::string>> authorized)
      : cues_(std::move(cues)),
        allow_(std::move(allow)),
        reader_(*cues_, allow_, options),
        scan_images_(scan_images),
        comment_window_(comment_window),
        authorized_(std::move(authorized)) {}

  std::string_view name() const override { return kName; }

  std::unique_ptr<DetectorScratch> NewScratch() const override {
    return std::make_unique<Scratch>(cues_->NewScratch());
  }

  void Scan(const PreparedItem& item, DetectorScratch* scratch,
            std::vector<Finding>& out) const override {
    auto* sc = static_cast<Scratch*>(scratch);
    if (!sc || !sc->hs || !item.item) return;
    sc->doc.Clear();
    for (const auto& field : item.fields) {
      sc->doc.Add(item.id, field.name, field.original, &field.normalized);
    }
    sc->contacts.clear();
    const std::string* actor = ActorOf(*item.item);
    if (!sc->doc.segments().empty()) {
      cues_->Find(sc->doc, sc->hs, sc->cues);
      reader_.Read(sc->doc, sc->cues, AllowedNames(actor), sc->consumed, sc->contacts);
      for (const Contact& c : sc->contacts) out.push_back(MakeFinding(item.id, actor, sc->doc, c));
    }
    if (scan_images_) {
      if (const auto* images = ImagesOf(*item.item)) ScanImages(item.id, actor, *images, out);
    }
  }

  std::unique_ptr<DetectorSession> NewSession() const override;

  // The evidence of one contact (contract §1.3 plus channel, value, kind and
  // the span of every piece). The objects are copied from prebuilt shapes
  // (every key in output order, values null) and filled in place: one
  // allocation per object instead of one per doubling of its member list.
  Finding MakeFinding(std::string_view item, const std::string* actor, const Document& doc,
                      const Contact& c) const {
    Finding f;
    f.item = std::string(item);
    f.detector = std::string(kName);
    f.score = c.score;
    json::Value pieces = json::Value::Array();
    const diversion::Segment* first = nullptr;
    uint32_t span_begin = 0, span_end = 0;
    // The top-level span is the first piece in the finding's own item.
    for (const auto& p : c.pieces) {
      const auto& seg = doc.segments()[doc.SegmentOf(p.begin)];
      if (!first && seg.item == item) first = &seg;
    }
    const diversion::Segment* own = first;
    first = nullptr;
    for (const auto& p : c.pieces) {
      const auto& seg = doc.segments()[doc.SegmentOf(p.begin)];
      const uint32_t b = p.begin - seg.offset;
      const uint32_t e = std::min(p.end - seg.offset, seg.length);
      if (!first && (!own || &seg == own)) {
        first = &seg;
        span_begin = b;
      }
      if (&seg == first) span_end = e;
      const bool other_item = seg.item != item;
      json::Value piece = piece_shapes_[other_item];
      if (other_item) piece.Set("item", seg.item);
      piece.Set("field", seg.field);
      piece.Set("span", Span(b, e));
      piece.Set("text", doc.OriginalText(seg, b, e));
      pieces.Append(std::move(piece));
    }
    // A channel name read in another item (an earlier comment's "加我V"):
    // where it was, so that the finding is traced to both comments.
    json::Value cue_piece;
    if (c.cue_at.end > c.cue_at.begin) {
      const auto& seg = doc.segments()[doc.SegmentOf(c.cue_at.begin)];
      if (seg.item != item) {
        const uint32_t b = c.cue_at.begin - seg.offset;
        const uint32_t e = std::min(c.cue_at.end - seg.offset, seg.length);
        cue_piece = piece_shapes_[1];
        cue_piece.Set("item", seg.item);
        cue_piece.Set("field", seg.field);
        cue_piece.Set("span", Span(b, e));
        cue_piece.Set("text", doc.OriginalText(seg, b, e));
      }
    }
    const bool has_actor = actor && !actor->empty();
    f.evidence =
        evidence_shapes_[(first ? kHasFirst : 0) | (c.value.empty() ? 0 : kHasValue) |
                         (c.cue.empty() ? 0 : kHasCue) | (cue_piece.is_null() ? 0 : kHasCuePiece) |
                         (has_actor ? kHasActor : 0)];
    if (first) {
      f.evidence.Set("field", first->field);
      f.evidence.Set("span", Span(span_begin, span_end));
      f.evidence.Set("text", doc.OriginalText(*first, span_begin, span_end));
    }
    f.evidence.Set("normalized", c.value.empty() ? c.cue : c.value);
    f.evidence.Set("variant", json::Value::ArrayOf(c.variants));
    f.evidence.Set("channel", c.channel);
    f.evidence.Set("kind", c.kind);
    if (!c.value.empty()) f.evidence.Set("value", c.value);
    if (!c.cue.empty()) f.evidence.Set("cue", c.cue);
    f.evidence.Set("pieces", std::move(pieces));
    if (!cue_piece.is_null()) f.evidence.Set("cue_piece", std::move(cue_piece));
    if (has_actor) f.evidence.Set("actor", *actor);
    return f;
  }

  const CueMatcher& cues() const { return *cues_; }
  const Reader& reader() const { return reader_; }
  size_t comment_window() const { return comment_window_; }

  const std::vector<std::string>& AllowedNames(const std::string* actor) const {
    static const std::vector<std::string> kNone;
    if (!actor || authorized_.empty()) return kNone;
    auto it = authorized_.find(*actor);
    return it == authorized_.end() ? kNone : it->second;
  }

 private:
  void ScanImages(std::string_view item, const std::string* actor,
                  const std::vector<std::string>& images, std::vector<Finding>& out) const {
    for (const auto& path : images) {
      auto codes = diversion::ReadQrCodes(path);
      if (!codes.ok()) continue;  // unreadable images are reported by the image detectors
      for (const auto& code : codes.value()) {
        diversion::Link link = diversion::ClassifyPayload(code.payload);
        if (!link.host.empty() && allow_.AllowsHost(link.host)) continue;
        if (link.channel == "url" && link.kind == "link" && !link.host.empty()) {
          bool allowed = false;
          const std::string reg = diversion::RegistrableDomain(link.host);
          for (const auto& n : AllowedNames(actor))
            allowed = allowed || reg.substr(0, reg.find('.')) == n;
          if (allowed) continue;
        }
        Finding f;
        f.item = std::string(item);
        f.detector = std::string(kName);
        f.score = link.channel == "text" ? 0.60 : link.channel == "url" ? 0.90 : 0.97;
        f.evidence.Set("image", path);
        f.evidence.Set("channel", link.channel);
        f.evidence.Set("kind", link.kind);
        f.evidence.Set("value", link.value);
        f.evidence.Set("normalized", link.value);
        f.evidence.Set("payload", code.payload);
        f.evidence.Set("variant", json::Value::Array({"qr_code"}));
        f.evidence.Set("position",
                       json::Value::Array({json::Value(code.x), json::Value(code.y),
                                           json::Value(code.width), json::Value(code.height)}));
        if (code.inverted) f.evidence.Set("inverted", true);
        if (actor && !actor->empty()) f.evidence.Set("actor", *actor);
        out.push_back(std::move(f));
      }
    }
  }

  // The optional keys of a contact's evidence, as bits of a shape index.
  static constexpr unsigned kHasFirst = 1, kHasValue = 2, kHasCue = 4, kHasCuePiece = 8,
                            kHasActor = 16;
  // An evidence object with the keys of `shape`, in output order, values null.
  static json::Value EvidenceShape(unsigned shape) {
    json::Value v = json::Value::Object();
    if (shape & kHasFirst) {
      for (const char* k : {"field", "span", "text"}) v.Set(k, json::Value());
    }
    for (const char* k : {"normalized", "variant", "channel", "kind"}) v.Set(k, json::Value());
    if (shape & kHasValue) v.Set("value", json::Value());
    if (shape & kHasCue) v.Set("cue", json::Value());
    v.Set("pieces", json::Value());
    if (shape & kHasCuePiece) v.Set("cue_piece", json::Value());
    if (shape & kHasActor) v.Set("actor", json::Value());
    return v;
  }
  // A piece object: [0] field, span, text; [1] the same after item.
  static json::Value PieceShape(bool with_item) {
    json::Value v = json::Value::Object();
    if (with_item) v.Set("item", json::Value());
    for (const char* k : {"field", "span", "text"}) v.Set(k, json::Value());
    return v;
  }
  static std::array<json::Value, 32> EvidenceShapes() {
    std::array<json::Value, 32> shapes;
    for (unsigned i = 0; i < shapes.size(); ++i) shapes[i] = EvidenceShape(i);
    return shapes;
  }

  std::array<json::Value, 32> evidence_shapes_ = EvidenceShapes();
  std::array<json::Value, 2> piece_shapes_ = {PieceShape(false), PieceShape(true)};
  std::unique_ptr<CueMatcher> cues_;
  AllowList allow_;
  Reader reader_;
  bool scan_images_;
  size_t comment_window_;
  std::unordered_map<std::string, std::vector<std::string>> authorized_;
};

// Joins the consecutive comments of one account on one listing or video (the
// last `window` of them) and reports contacts read across comments, on the
// comment that completes them (added to that comment's findings in Observe,
// which runs in input order, so results never depend on thread timing):
//   - a contact whose pieces are spread over several comments (138 / 1234 /
//     5678), and
//   - an id in this comment bound to a channel name or invitation in an
//     earlier one ("想要同款的加我V" then "x i a n g 1 2 3").
class CommentSession : public DetectorSession {
 public:
  explicit CommentSession(const DiversionDetector& d) : d_(d), hs_(d.cues().NewScratch()) {}
  ~CommentSession() override {
    if (hs_) hs_free_scratch(hs_);
  }

  void Observe(const PreparedItem& item, std::vector<Finding>& findings) override {
    const auto* content = item.item ? std::get_if<Content>(item.item) : nullptr;
    if (!content || content->type != "comment" || !hs_ || item.fields.empty()) return;
    // Comments under another listing or video are another conversation.
    std::string key = content->account;
    key.push_back('\x1f');
    if (!content->listings.empty()) key += content->listings.front();
    auto& window = windows_[key];
    window.push_back({content->id, content->text, item.fields.front().normalized});
    while (window.size() > d_.comment_window()) window.pop_front();
    if (window.size() < 2) return;
    doc_.Clear();
    for (const auto& c : window) doc_.Add(c.id, "text", c.text, &c.normalized);
    d_.cues().Find(doc_, hs_, cues_);
    contacts_.clear();
    d_.reader().Read(doc_, cues_, d_.AllowedNames(&content->account), consumed_, contacts_);
    const uint32_t newest = doc_.segments().back().offset;
    bool found = false;
    for (const Contact& c : contacts_) {
      if (c.value.empty() || c.pieces.empty()) continue;
      bool in_newest = false, in_older = false;
      for (const auto& p : c.pieces) (p.begin >= newest ? in_newest : in_older) = true;
      const bool cue_older = c.cue_at.end > c.cue_at.begin && c.cue_at.begin < newest;
      if (!in_newest || !(in_older || cue_older)) continue;
      if (AlreadyFound(findings, c)) continue;  // this comment names it on its own
      Contact joined = c;
      joined.variants.push_back(in_older ? "split_comments" : "invitation_in_earlier_comment");
      // Written with the completing comment's own findings (input order).
      findings.push_back(d_.MakeFinding(content->id, &content->account, doc_, joined));
      found = true;
    }
    if (!found) ReadLoneIdAfterInvitation(*content, newest, findings);
  }

  // A comment that is only an id ("l u c k y 7 7 8") after an earlier comment
  // of the window named a channel ("加微 拿内部价"): the id of that channel.
  void ReadLoneIdAfterInvitation(const Content& content, uint32_t newest,
                                 std::vector<Finding>& findings) {
    const auto& lex = d_.cues().lexicon();
    const diversion::Cue* named = nullptr;
    for (const auto& cue : cues_) {
      if (cue.begin >= newest) break;
      const auto& e = lex[cue.entry];
      if (cue.dead || (e.channel != "wechat" && e.channel != "qq")) continue;
      if (e.role == diversion::Role::kName || e.role == diversion::Role::kSlang ||
          e.role == diversion::Role::kAlias)
        named = &cue;  // the latest one
    }
    if (!named) return;
    for (const Contact& c : contacts_)  // that name already has its value
      if (c.cue_at.begin == named->begin && c.cue_at.end == named->end) return;
    const auto& e = lex[named->entry];
    Contact c;
    if (!d_.reader().ReadLoneId(doc_, newest, static_cast<uint32_t>(doc_.size()), e.channel, c))
      return;
    if (AlreadyFound(findings, c)) return;
    c.cue = e.term;
    c.cue_at = {named->begin, named->end};
    if (e.role != diversion::Role::kName) c.variants.push_back("slang");
    c.variants.push_back("invitation_in_earlier_comment");
    c.score = 0.95;  // as a value bound to its channel name
    findings.push_back(d_.MakeFinding(content.id, &content.account, doc_, c));
  }

  void Finish(std::vector<Finding>& out) override {
    for (auto& f : pending_) out.push_back(std::move(f));
    pending_.clear();
  }

 private:
  struct Stored {
    std::string id;
    std::string text;
    NormalizedText normalized;
  };
  static bool AlreadyFound(const std::vector<Finding>& findings, const Contact& c) {
    for (const Finding& f : findings) {
      if (f.detector != kName) continue;
      const json::Value* ch = f.evidence.Find("channel");
      const json::Value* v = f.evidence.Find("value");
      if (ch && v && ch->as_string() == c.channel && v->as_string() == c.value) return true;
    }
    return false;
  }

  const DiversionDetector& d_;
  hs_scratch_t* hs_;
  std::unordered_map<std::string, std::deque<Stored>> windows_;
  Document doc_;
  std::vector<Cue> cues_;
  std::vector<char> consumed_;
  std::vector<Contact> contacts_;
  std::vector<Finding> pending_;
};

std::unique_ptr<DetectorSession> DiversionDetector::NewSession() const {
  if (comment_window_ < 2) return nullptr;
  return std::make_unique<CommentSession>(*this);
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(fmt::format("cannot read diversion allow-list {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::unique_ptr<Detector>> CreateDiversionDetector(const DetectorContext& context) {
  auto lexicon =
      diversion::ParseLexicon(diversion::EmbeddedLexicon(), "data/diversion/lexicon.tsv");
  if (!lexicon.ok()) return lexicon.status();
  auto cues = CueMatcher::Create(std::move(lexicon).value());
  if (!cues.ok()) return cues.status();
  AllowList allow;
  if (Status st = diversion::ParseAllowList(diversion::EmbeddedAllowList(),
                                            "data/diversion/allow.tsv", allow);
      !st.ok())
    return st;
  if (const char* env = std::getenv("IPGUARD_DIVERSION_ALLOW"); env && *env) {
    std::string_view paths(env);
    while (!paths.empty()) {
      const size_t colon = paths.find(':');
      std::string path(paths.substr(0, colon));
      paths = colon == std::string_view::npos ? std::string_view() : paths.substr(colon + 1);
      if (path.empty()) continue;
      auto text = ReadFile(path);
      if (!text.ok()) return text.status();
      if (Status st = diversion::ParseAllowList(text.value(), path, allow); !st.ok()) return st;
    }
  }
  const Policy defaults = Policy::Defaults();
  const Policy& policy = context.policy ? *context.policy : defaults;
  diversion::ReaderOptions options;
  options.allow_hotlines = policy.Param(kName, "allow_hotlines", 1) != 0;
  const bool scan_images = policy.Param(kName, "qr", 1) != 0;
  const double window = policy.Param(kName, "comment_window", 4);
  // Brands an actor is authorized for: their names in its own contacts and
  // domains are the brand's official channels.
  std::unordered_map<std::string, std::vector<std::string>> authorized;
  if (context.registry) {
    for (const auto& brand : context.registry->brands()) {
      for (const auto& shop : brand.authorized_shops) {
        auto& names = authorized[shop];
        for (const auto& n : brand.names) {
          std::string lower = AsciiLower(n);
          if (utf8::Length(lower) >= 2) names.push_back(lower);
        }
      }
    }
  }
  return std::unique_ptr<Detector>(std::make_unique<DiversionDetector>(
      std::move(cues).value(), std::move(allow), options, scan_images,
      window < 0 ? 0 : static_cast<size_t>(window), std::move(authorized)));
}

}  // namespace ipguard
