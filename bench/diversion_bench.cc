// Diversion benchmark (issue 4), one run, ratios against peers measured in
// the same run:
//   text  the whole diversion detector (every channel, every disguise) vs
//         libphonenumber's PhoneNumberMatcher alone (region CN, VALID) over
//         the same texts; target: detector >= 10x the matcher's MB/s.
//   QR    ReadQrCodes (decode + ZXing, all retries) per 1600x1200 JPEG
//         product photo, with and without a code; target: median <= 20 ms,
//         photos without a code rejected in a fraction of that.
// Usage: diversion_bench [MEGABYTES=4] [PHOTOS=8]   (run from the repo root)
// Profiling: DIVERSION_BENCH_NO_PEER=1 skips the matcher, DIVERSION_BENCH_SCAN_ONLY=1
// the normalize + Scan pass (their figures are then meaningless).
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/utf8.h"
#include "detect/diversion/diversion_detector.h"
#include "detect/diversion/qr.h"
#include "diversion/synthetic_photo.h"
#include "ipguard/engine.h"
#include "ipguard/policy.h"
#include "ipguard/registry.h"

namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}
// CPU time of this thread: the machines are shared, and wall time counts the
// other tenants' work too.
double ThreadCpuMs() { return ipguard::bench::ThreadCpuSeconds() * 1e3; }

// The string values of "title", "description" and "text" in an NDJSON line.
void ExtractTexts(const std::string& line, std::vector<std::string>& out) {
  for (const char* key : {"\"title\": \"", "\"description\": \"", "\"text\": \""}) {
    size_t at = line.find(key);
    if (at == std::string::npos) continue;
    std::string value;
    for (size_t i = at + std::char_traits<char>::length(key); i < line.size() && line[i] != '"';
         ++i) {
      if (line[i] != '\\' || i + 1 >= line.size()) {
        value.push_back(line[i]);
        continue;
      }
      const char e = line[++i];
      if (e == 'n')
        value.push_back('\n');
      else if (e == 'u' && i + 4 < line.size()) {
        ipguard::utf8::Append(
            value, static_cast<char32_t>(std::stoul(line.substr(i + 1, 4), nullptr, 16)));
        i += 4;
      } else
        value.push_back(e);
    }
    out.push_back(value);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ipguard;
  const double megabytes = argc > 1 ? std::atof(argv[1]) : 4;
  const int photos = argc > 2 ? std::atoi(argv[2]) : 8;

  // ---- texts: product descriptions of ordinary copy, lawful sentences full
  // of numbers and platform words (the corpus's hard negatives) and, in about
  // one text in five, a sentence with a contact (the corpus's positives).
  std::vector<std::string> positives, negatives;
  {
    std::ifstream in("tests/corpus/diversion/corpus.ndjson");
    if (!in) {
      std::fprintf(stderr, "run from the repository root (tests/corpus/diversion/corpus.ndjson)\n");
      return 1;
    }
    for (std::string line; std::getline(in, line);) {
      ExtractTexts(line,
                   line.find("\"expect\": \"flag\"") != std::string::npos ? positives : negatives);
    }
  }
  const double positive_share = std::getenv("DIVERSION_BENCH_POSITIVE_SHARE")
                                    ? std::atof(std::getenv("DIVERSION_BENCH_POSITIVE_SHARE"))
                                    : 0.04;
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::string> texts;
  size_t bytes = 0, with_contact = 0;
  while (bytes < megabytes * 1e6) {
    std::string t;
    const int parts = 3 + static_cast<int>(rng() % 6);
    bool contact = false;
    for (int i = 0; i < parts; ++i) {
      const double r = u(rng);
      if (r < positive_share) {
        t += positives[rng() % positives.size()];
        contact = true;
      } else if (r < 0.3) {
        t += negatives[rng() % negatives.size()];
      } else {
        t += ipguard::bench::kProductSentences[rng() % 8];
      }
      t += ' ';
    }
    with_contact += contact;
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  std::vector<Item> items;
  for (size_t i = 0; i < texts.size(); ++i) {
    Listing l;
    l.id = "b" + std::to_string(i);
    l.shop = "s";
    l.title = texts[i];
    items.push_back(std::move(l));
  }
  std::vector<PreparedItem> prepared;
  for (const auto& it : items) prepared.push_back(Engine::Prepare(it));

  Policy policy = Policy::Defaults();
  auto detector = CreateDiversionDetector({Registry::Builder().Build(), &policy});
  if (!detector.ok()) {
    std::fprintf(stderr, "%s\n", detector.status().message().c_str());
    return 1;
  }
  auto scratch = detector.value()->NewScratch();
  const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();

  std::vector<double> det_mbs, det_norm_mbs, matcher_mbs;
  size_t findings = 0, matches = 0;
  for (int round = 0; round < 5; ++round) {
    std::vector<Finding> out;
    const double t0 = ThreadCpuMs();
    for (const auto& p : prepared) detector.value()->Scan(p, scratch.get(), out);
    const double t1 = ThreadCpuMs();
    findings = out.size();
    out.clear();
    // Normalization included: each item prepared into one reused
    // PreparedItem, as a scan thread does (no allocation per item).
    PreparedItem p;
    for (const auto& it : items) {
      if (std::getenv("DIVERSION_BENCH_SCAN_ONLY")) break;  // for profiling Scan alone
      Engine::Prepare(it, p);
      detector.value()->Scan(p, scratch.get(), out);
    }
    const double t2 = ThreadCpuMs();
    size_t m = 0;
    for (const auto& t : texts) {
      if (std::getenv("DIVERSION_BENCH_NO_PEER")) break;  // for profiling the detector
      i18n::phonenumbers::PhoneNumberMatcher matcher(
          util, t, "CN", i18n::phonenumbers::PhoneNumberMatcher::VALID, INT_MAX);
      i18n::phonenumbers::PhoneNumberMatch match;
      while (matcher.HasNext()) {
        matcher.Next(&match);
        ++m;
      }
    }
    const double t3 = ThreadCpuMs();
    matches = m;
    det_mbs.push_back(bytes / 1e3 / (t1 - t0));
    det_norm_mbs.push_back(bytes / 1e3 / (t2 - t1));
    matcher_mbs.push_back(bytes / 1e3 / (t3 - t2));
  }
  const double det = ipguard::bench::Median(det_mbs),
               det_norm = ipguard::bench::Median(det_norm_mbs),
               pm = ipguard::bench::Median(matcher_mbs);
  std::printf(
      "text: %zu texts (%zu with a contact), %.2f MB, median of 5 rounds, one thread, thread CPU "
      "time\n",
      texts.size(), with_contact, bytes / 1e6);
  std::printf("  diversion detector (Scan)          %8.1f MB/s  %zu findings\n", det, findings);
  std::printf("  normalize + diversion detector     %8.1f MB/s\n", det_norm);
  std::printf("  libphonenumber PhoneNumberMatcher  %8.1f MB/s  %zu matches (phones only)\n", pm,
              matches);
  std::printf(
      "  ratio detector / matcher           %8.1fx  (normalize included: %.1fx; target >= 10x)\n",
      det / pm, det_norm / pm);

  // ---- QR: 1600x1200 JPEG product photos with and without a code.
  if (photos > 0) {
    const std::string dir = "/tmp/ipguard_diversion_bench";
    std::system(("mkdir -p " + dir).c_str());
    std::vector<std::string> with, without;
    const char* payloads[] = {
        "https://u.wechat.com/EFabc123", "https://weixin.qq.com/g/AbCdEf",
        "https://t.me/shop_king",        "https://qm.qq.com/cgi-bin/qm/qr?k=x",
        "https://wa.me/447911123456",    "tel:+8613812345678"};
    for (int i = 0; i < photos; ++i) {
      testing::Photo p = testing::MakeBackground(1600, 1200, 100 + i);
      without.push_back(dir + "/plain" + std::to_string(i) + ".jpg");
      testing::WriteJpeg(p, without.back());
      const int size = 220 + 40 * (i % 5);
      testing::PasteQr(p, payloads[i % 6], 100 + (i * 137) % 1100, 100 + (i * 71) % 700, size,
                       i % 4 == 3);
      with.push_back(dir + "/qr" + std::to_string(i) + ".jpg");
      testing::WriteJpeg(p, with.back());
    }
    std::vector<double> t_with, t_without, t_decode, w_with, w_without;
    int found = 0;
    for (int round = 0; round < 3; ++round) {
      for (const auto& path : with) {
        auto a = Clock::now();
        const double c0 = ThreadCpuMs();
        auto codes = diversion::ReadQrCodes(path);
        t_with.push_back(ThreadCpuMs() - c0);
        w_with.push_back(Seconds(a, Clock::now()) * 1e3);
        if (round == 0 && codes.ok() && !codes->empty()) ++found;
      }
      for (const auto& path : without) {
        auto a = Clock::now();
        const double c0 = ThreadCpuMs();
        auto codes = diversion::ReadQrCodes(path);
        t_without.push_back(ThreadCpuMs() - c0);
        w_without.push_back(Seconds(a, Clock::now()) * 1e3);
        const double c1 = ThreadCpuMs();
        auto img = diversion::DecodeGray(path);
        t_decode.push_back(ThreadCpuMs() - c1);
      }
    }
    std::printf(
        "qr: %d photos 1600x1200 JPEG with a code, %d without, 3 rounds (thread CPU time; wall in "
        "brackets)\n",
        photos, photos);
    std::printf("  with a code     median %6.1f ms [%5.1f]  (%d/%d read; target <= 20 ms)\n",
                ipguard::bench::Median(t_with), ipguard::bench::Median(w_with), found, photos);
    std::printf("  without a code  median %6.1f ms [%5.1f]  (%.2f of the with-code time)\n",
                ipguard::bench::Median(t_without), ipguard::bench::Median(w_without),
                ipguard::bench::Median(t_without) / ipguard::bench::Median(t_with));
    std::printf("  half-size JPEG decode alone (scaled DCT to 800 px)  %6.1f ms\n",
                ipguard::bench::Median(t_decode));
    // The stages of a photo without a code.
    std::vector<double> t_small, t_quick, t_screen;
    int passed = 0;
    for (const auto& path : without) {
      const double a = ThreadCpuMs();
      auto small = diversion::DecodeGray(path, 500);
      const double b = ThreadCpuMs();
      diversion::QuickReadQrCodes(small.value());
      const double c = ThreadCpuMs();
      passed += diversion::HasFinderCandidates(small.value(), 1);
      const double d = ThreadCpuMs();
      t_small.push_back(b - a);
      t_quick.push_back(c - b);
      t_screen.push_back(d - c);
    }
    std::printf(
        "  no-code stages: quarter decode %.1f ms, quick ZXing %.1f ms, finder screen %.1f ms "
        "(%d/%d passed on to the full decoder)\n",
        ipguard::bench::Median(t_small), ipguard::bench::Median(t_quick),
        ipguard::bench::Median(t_screen), passed, photos);
  }
  return 0;
}
