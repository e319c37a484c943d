#include "service/penalty_policy.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/ini.h"

namespace ipguard::service {
namespace {

constexpr std::string_view kActions[] = {"warn", "remove_listings", "restrict", "close"};
constexpr int64_t kDayMs = 86400000;

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view item = TrimBlanks(s.substr(i, j - i));
    if (!item.empty()) out.emplace_back(item);
    i = j + 1;
  }
  return out;
}

void SortLadder(std::vector<PenaltyRung>& ladder) {
  std::stable_sort(ladder.begin(), ladder.end(),
                   [](const PenaltyRung& a, const PenaltyRung& b) { return a.points < b.points; });
}

}  // namespace

PenaltyPolicy PenaltyPolicy::Defaults() {
  PenaltyPolicy p;
  p.name = "built-in";
  p.ladder = {
      {"warn", 1,
       "Education notice and warning: a complaint against your shop was upheld because a listing "
       "used a protected right without authorization. Repeated offences lead to removal of "
       "listings, restriction and closure of the shop."},
      {"remove_listings", 2,
       "Repeated or malicious infringement: every listing of your shop that is under complaint "
       "and flagged by our detectors has been "
       "removed."},
      {"restrict", 3,
       "Your shop is restricted after repeated infringement: it cannot publish new listings."},
      {"close", 5,
       "Your shop is closed after repeated infringement; all its listings were removed."},
  };
  return p;
}

Result<PenaltyPolicy> PenaltyPolicy::Load(const std::string& path) {
  PenaltyPolicy p;
  p.name = path;
  std::vector<std::pair<std::string, std::string>> notices;
  IniHandlers handlers;
  handlers.section = [](std::string_view section, const std::string& where) {
    if (section == "strikes" || section == "ladder" || section == "notices" ||
        section == "holders") {
      return Status::Ok();
    }
    return Status::Error(fmt::format(
        "{}: unknown section [{}]; expected [strikes], [ladder], [notices] or [holders]", where,
        section));
  };
  handlers.setting = [&](std::string_view section, std::string_view key, std::string_view value,
                         const std::string& where) {
    auto bad = [&](std::string_view what) {
      return Status::Error(fmt::format("{}: {}", where, what));
    };
    auto number = [&](auto& field, double min, double max) -> Status {
      double v = 0;
      if (!ParseNumber(value, v) || v < min || v > max) {
        return bad(
            fmt::format("{} must be a number in [{}, {}], not \"{}\"", key, min, max, value));
      }
      field = static_cast<std::remove_reference_t<decltype(field)>>(v);
      return Status::Ok();
    };
    if (section.empty() && key == "name") {
      p.name = std::string(value);
    } else if (section == "strikes" && key == "window_days") {
      return number(p.window_days, 1, 36500);
    } else if (section == "strikes" && key == "malicious_weight") {
      return number(p.malicious_weight, 0, 100);
    } else if (section == "strikes" && key == "malicious_reasons") {
      p.malicious_reasons = SplitList(value);
    } else if (section == "ladder" || section == "notices") {
      if (std::find(std::begin(kActions), std::end(kActions), key) == std::end(kActions)) {
        return bad(fmt::format(
            "unknown penalty {}; expected warn, remove_listings, restrict or close", key));
      }
      if (section == "notices") {
        notices.emplace_back(key, std::string(value));
        return Status::Ok();
      }
      PenaltyRung rung{std::string(key), 0, ""};
      Status st = number(rung.points, 0.001, 1e6);
      if (st.ok()) p.ladder.push_back(rung);
      return st;
    } else if (section == "holders" && key == "min_decided") {
      return number(p.min_decided, 1, 1e9);
    } else if (section == "holders" && key == "untrust_rejected_share") {
      return number(p.untrust_rejected_share, 0, 1);
    } else if (section == "holders" && key == "bad_faith_rejected_share") {
      return number(p.bad_faith_rejected_share, 0, 1);
    } else {
      return bad(fmt::format(
          "unknown key {} in {}", key,
          section.empty() ? std::string("the top of the file") : fmt::format("[{}]", section)));
    }
    return Status::Ok();
  };
  if (Status st = ReadIniFile(path, "the penalty policy", handlers); !st.ok()) return st;
  if (p.ladder.empty()) {
    return Status::Error(fmt::format("{}: the [ladder] section lists no penalty", path));
  }
  SortLadder(p.ladder);
  const PenaltyPolicy defaults = Defaults();
  for (auto& rung : p.ladder) {
    for (const auto& [action, text] : notices) {
      if (action == rung.action) rung.notice = text;
    }
    if (rung.notice.empty()) {
      for (const auto& d : defaults.ladder) {
        if (d.action == rung.action) rung.notice = d.notice;
      }
    }
  }
  return p;
}

bool PenaltyPolicy::IsMaliciousReason(std::string_view reason) const {
  return std::find(malicious_reasons.begin(), malicious_reasons.end(), reason) !=
         malicious_reasons.end();
}

double PenaltyPolicy::Points(const std::vector<store::Strike>& strikes, Timestamp now) const {
  const Timestamp since = now - static_cast<int64_t>(window_days) * kDayMs;
  double points = 0;
  for (const auto& s : strikes) {
    if (s.voided || s.at <= since || s.at > now) continue;
    points += s.malicious ? malicious_weight : 1.0;
  }
  return points;
}

const PenaltyRung* PenaltyPolicy::RungFor(double points) const {
  const PenaltyRung* best = nullptr;
  for (const auto& rung : ladder) {
    if (points + 1e-9 >= rung.points) best = &rung;
  }
  return best;
}

std::vector<store::Penalty> PenaltyPolicy::Decide(const store::Strike& strike,
                                                  const std::vector<store::Strike>& shop_strikes,
                                                  const std::vector<store::Strike>& account_strikes,
                                                  bool shadow) const {
  auto severity = [](const PenaltyRung* r) {
    if (!r) return -1;
    return static_cast<int>(std::find(std::begin(kActions), std::end(kActions), r->action) -
                            std::begin(kActions));
  };
  const double shop_points = Points(shop_strikes, strike.at);
  const double account_points = Points(account_strikes, strike.at);
  const PenaltyRung* shop_rung = RungFor(shop_points);
  const PenaltyRung* account_rung = RungFor(account_points);
  std::vector<store::Penalty> out;
  auto add = [&](const PenaltyRung* rung, std::string scope, double points) {
    store::Penalty p;
    p.action = rung->action;
    p.scope = std::move(scope);
    p.points = points;
    p.policy = name;
    p.shadow = shadow;
    p.at = strike.at;
    p.text = shadow ? "" : rung->notice;
    out.push_back(std::move(p));
  };
  // Account-wide measures are the ones that reach other shops.
  const bool account_wider =
      severity(account_rung) > severity(shop_rung) &&
      (account_rung->action == "restrict" || account_rung->action == "close");
  if (account_wider) {
    add(account_rung, "account", account_points);
  } else if (shop_rung) {
    add(shop_rung, "shop", shop_points);
  }
  return out;
}

}  // namespace ipguard::service
