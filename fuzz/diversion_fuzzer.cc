// libFuzzer target: the diversion detector on arbitrary text (a listing's
// title and description, and the same bytes as consecutive comments of one
// account) and the QR payload classifier on arbitrary payloads. The detector
// must never crash, hang or read out of bounds, and every evidence span must
// lie inside its field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/utf8.h"
#include "detect/diversion/diversion_detector.h"
#include "detect/diversion/links.h"
#include "ipguard/engine.h"
#include "ipguard/policy.h"
#include "ipguard/registry.h"

namespace {

struct Fixture {
  ipguard::Policy policy = ipguard::Policy::Defaults();
  std::unique_ptr<ipguard::Detector> detector;
  std::unique_ptr<ipguard::DetectorScratch> scratch;
  Fixture() {
    policy.Set("diversion.qr=0");
    auto d = ipguard::CreateDiversionDetector({ipguard::Registry::Builder().Build(), &policy});
    if (!d.ok()) std::abort();
    detector = std::move(d).value();
    scratch = detector->NewScratch();
  }
};

void CheckSpans(const ipguard::Finding& f, const ipguard::PreparedItem& item) {
  const auto* span = f.evidence.Find("span");
  const auto* field = f.evidence.Find("field");
  if (!span || !field) return;
  for (const auto& tf : item.fields) {
    if (tf.name != field->as_string()) continue;
    const auto end = span->items()[1].as_integer();
    if (span->items()[0].as_integer() > end ||
        end > static_cast<int64_t>(ipguard::utf8::Length(tf.original)))
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fx;
  const std::string text(reinterpret_cast<const char*>(data), size);
  ipguard::Listing l;
  l.id = "f";
  l.shop = "s";
  l.title = text.substr(0, size / 2);
  l.description = text.substr(size / 2);
  const ipguard::Item listing = l;  // Prepare keeps a pointer to the item
  ipguard::PreparedItem p = ipguard::Engine::Prepare(listing);
  std::vector<ipguard::Finding> out;
  fx.detector->Scan(p, fx.scratch.get(), out);
  for (const auto& f : out) CheckSpans(f, p);

  auto session = fx.detector->NewSession();
  for (size_t i = 0; i < 3 && session; ++i) {
    ipguard::Content c;
    c.id = "c" + std::to_string(i);
    c.account = "a";
    c.type = "comment";
    c.text = text.substr(i * size / 3, size / 3);
    ipguard::Item item = c;
    ipguard::PreparedItem pc = ipguard::Engine::Prepare(item);
    session->Observe(pc, out);
  }
  if (session) session->Finish(out);

  ipguard::diversion::ClassifyPayload(text);
  return 0;
}
