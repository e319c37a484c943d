#include "cases/gang_case.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace ipguard::cases {
namespace {

std::string Str(const json::Value* v) {
  return v && v->type() == json::Value::Type::kString ? v->as_string() : std::string();
}

std::string Money(double v, const std::string& currency) {
  const std::string digits = fmt::format("{:.2f}", v);
  const size_t dot = digits.find('.');
  std::string grouped;
  for (size_t i = 0; i < dot; ++i) {
    if (i > 0 && (dot - i) % 3 == 0 && digits[i - 1] != '-') grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  grouped.append(digits, dot, std::string::npos);
  return currency.empty() ? grouped : currency + " " + grouped;
}

std::string Cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

std::string MoneyList(const std::map<std::string, double>& m) {
  std::string out;
  for (const auto& [cur, v] : m) out += (out.empty() ? "" : " + ") + Money(v, cur);
  return out.empty() ? "0" : out;
}

std::string LinkWhy(const std::string& type) {
  if (type == "payment") return "the same payment account (money goes to the same place)";
  if (type == "id_number") return "the same ID number (the same registered person)";
  if (type == "device") return "the same device";
  if (type == "contact") return "the same phone or messenger contact";
  if (type == "owner") return "owned by the same account";
  if (type == "address") return "the same address";
  if (type == "ip") return "the same IP address";
  if (type == "image") return "identical product photos";
  return "the same " + type;
}

}  // namespace

std::vector<GangCase> BuildCases(const CaseInputs& in) {
  std::map<std::string, GangCase> by_gang;
  std::unordered_map<std::string, std::vector<const FindingRecord*>> other;  // item -> findings
  for (const auto& f : in.findings) {
    if (f.detector == "gang") {
      GangCase& c = by_gang[f.target];
      c.gang = f.target;
      c.members.push_back(&f);
      if (c.links.is_null()) {
        if (const auto* l = f.evidence.Find("links")) c.links = *l;
        if (const auto* s = f.evidence.Find("seeds")) c.seeds = *s;
        if (const auto* o = f.evidence.Find("operators")) {
          c.operators = static_cast<uint32_t>(o->as_integer());
        }
      }
    } else if (f.action == "remove" || f.action == "review") {
      other[f.item].push_back(&f);
    }
  }

  std::vector<GangCase> out;
  for (auto& [id, c] : by_gang) {
    std::sort(c.members.begin(), c.members.end(),
              [](const FindingRecord* a, const FindingRecord* b) { return a->item < b->item; });
    std::set<std::string> member_shops;
    for (const auto* m : c.members) member_shops.insert(m->item);
    // Infringing listings of member shops, in id order.
    std::vector<const Listing*> listings;
    for (const auto& [lid, l] : in.listings) {
      if (member_shops.count(l.shop)) listings.push_back(&l);
    }
    std::sort(listings.begin(), listings.end(),
              [](const Listing* a, const Listing* b) { return a->id < b->id; });
    size_t verdicts = 0;
    for (const Listing* l : listings) {
      InfringingListing il;
      il.listing = l;
      il.shop = l->shop;
      if (auto it = other.find(l->id); it != other.end()) il.findings = it->second;
      if (auto v = in.verdicts.find(l->id);
          v != in.verdicts.end() && v->second.label == "infringing") {
        il.verdict = &v->second;
        ++verdicts;
      }
      if (il.findings.empty() && !il.verdict) continue;
      if (l->price && l->quantity) {
        il.value = *l->price * *l->quantity;
        c.goods_value[l->currency] += *il.value;
      } else if (l->price) {
        ++c.listings_without_quantity;
        c.listed_price_without_quantity[l->currency] += *l->price;
      }
      c.listings.push_back(std::move(il));
    }
    for (const auto* m : c.members) {
      if (auto v = in.verdicts.find(m->item);
          v != in.verdicts.end() && v->second.label == "infringing") {
        ++verdicts;
      }
    }

    // Value score (0-100) and its reasons.
    double value = 0;
    for (const auto& [cur, v] : c.goods_value) value += v;
    if (value > 0) {
      const double pts = std::min(40.0, 10 * std::log10(1 + value / 100));
      c.reasons.push_back({pts, fmt::format("estimated goods value {} (price x quantity)",
                                            MoneyList(c.goods_value))});
    } else if (!c.listed_price_without_quantity.empty()) {
      // No quantity known anywhere: one unit per listing, a lower bound.
      double listed = 0;
      for (const auto& [cur, v] : c.listed_price_without_quantity) listed += v;
      const double pts = std::min(40.0, 10 * std::log10(1 + listed / 100));
      c.reasons.push_back(
          {pts, fmt::format("listed prices {} (quantities unknown: one unit each, a lower bound)",
                            MoneyList(c.listed_price_without_quantity))});
    }
    if (!c.listings.empty()) {
      c.reasons.push_back({std::min(20.0, 4.0 * c.listings.size()),
                           fmt::format("{} infringing listing{}", c.listings.size(),
                                       c.listings.size() == 1 ? "" : "s")});
    }
    if (verdicts > 0) {
      c.reasons.push_back(
          {std::min(15.0, 7.5 * verdicts), fmt::format("{} infringement{} confirmed by a verdict",
                                                       verdicts, verdicts == 1 ? "" : "s")});
    }
    c.reasons.push_back(
        {std::min(15.0, 1.5 * c.members.size()),
         fmt::format("{} shops and accounts run by {} operators", c.members.size(), c.operators)});
    std::set<std::string> identifying;
    for (const auto& l : c.links.items()) {
      const std::string t = Str(l.Find("type"));
      const auto* ops = l.Find("operators");
      if ((t == "payment" || t == "id_number") && !l.Find("hub") && ops && ops->as_integer() >= 2) {
        identifying.insert(t == "payment" ? "payment accounts" : "ID numbers");
      }
    }
    if (!identifying.empty()) {
      std::string what;
      for (const auto& w : identifying) what += (what.empty() ? "" : " and ") + w;
      c.reasons.push_back(
          {10, fmt::format("shared {} identify the people and the money behind it", what)});
    }
    c.score = 0;
    for (const auto& r : c.reasons) c.score += r.points;
    c.score = std::round(std::min(100.0, c.score) * 10) / 10;
    std::sort(c.reasons.begin(), c.reasons.end(),
              [](const ValueReason& a, const ValueReason& b) { return a.points > b.points; });
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const GangCase& a, const GangCase& b) {
    return a.score != b.score ? a.score > b.score : a.gang < b.gang;
  });
  return out;
}

json::Value CasesToJson(const std::vector<GangCase>& cases, const CaseInputs& in) {
  json::Value root = json::Value::Object();
  json::Value arr = json::Value::Array();
  int rank = 0;
  for (const auto& c : cases) {
    json::Value j = json::Value::Object();
    j.Set("rank", ++rank);
    j.Set("gang", c.gang);
    j.Set("score", c.score);
    json::Value reasons = json::Value::Array();
    for (const auto& r : c.reasons) {
      json::Value o = json::Value::Object();
      o.Set("points", std::round(r.points * 10) / 10);
      o.Set("why", r.why);
      reasons.Append(std::move(o));
    }
    j.Set("reasons", std::move(reasons));
    json::Value members = json::Value::Array();
    for (const auto* m : c.members) {
      json::Value o = json::Value::Object();
      o.Set("id", m->item);
      std::string name;
      if (auto s = in.shops.find(m->item); s != in.shops.end()) name = s->second.name;
      if (auto a = in.accounts.find(m->item); a != in.accounts.end()) name = a->second.name;
      o.Set("role", Str(m->evidence.Find("role")));
      if (!name.empty()) o.Set("name", name);
      o.Set("action", m->action);
      o.Set("score", m->score);
      o.Set("tie", Str(m->evidence.Find("tie")));
      members.Append(std::move(o));
    }
    j.Set("members", std::move(members));
    j.Set("operators", c.operators);
    j.Set("links", c.links);
    j.Set("seeds", c.seeds);
    json::Value listings = json::Value::Array();
    for (const auto& il : c.listings) {
      json::Value o = json::Value::Object();
      o.Set("id", il.listing->id);
      o.Set("shop", il.shop);
      o.Set("title", il.listing->title);
      if (il.listing->price) o.Set("price", *il.listing->price);
      if (!il.listing->currency.empty()) o.Set("currency", il.listing->currency);
      if (il.listing->quantity) o.Set("quantity", *il.listing->quantity);
      if (il.value) o.Set("value", *il.value);
      if (il.verdict) o.Set("verdict", "infringing");
      json::Value fs = json::Value::Array();
      for (const auto* f : il.findings) {
        json::Value fo = json::Value::Object();
        fo.Set("detector", f->detector);
        if (!f->target.empty()) fo.Set("target", f->target);
        fo.Set("score", f->score);
        fo.Set("action", f->action);
        fo.Set("evidence", f->evidence);
        fs.Append(std::move(fo));
      }
      o.Set("findings", std::move(fs));
      listings.Append(std::move(o));
    }
    j.Set("infringing_listings", std::move(listings));
    json::Value value = json::Value::Object();
    for (const auto& [cur, v] : c.goods_value) value.Set(cur.empty() ? "unstated" : cur, v);
    j.Set("goods_value", std::move(value));
    j.Set("listings_without_quantity", c.listings_without_quantity);
    arr.Append(std::move(j));
  }
  root.Set("cases", std::move(arr));
  return root;
}

std::string CasesToMarkdown(const std::vector<GangCase>& cases, const CaseInputs& in) {
  std::string md;
  md += "# Counterfeit gang cases\n\n";
  md += fmt::format(
      "{} case{} built from ipguard's `gang` findings, ranked by value score (0-100).\n\n",
      cases.size(), cases.size() == 1 ? "" : "s");
  md +=
      "**How to read this report.** A *gang* is a group of shops and seller accounts that "
      "ipguard found to be run by the same people: they share identifiers that unrelated "
      "sellers do not share (a payment account, a device, an ID number, a phone or "
      "messenger contact), or several weaker traces at once (a return address together with "
      "identical product photos). Identifiers that thousands of honest sellers share, such as "
      "a logistics warehouse or a mobile carrier's IP address, are never treated as proof. "
      "An *operator* is one account together with the shops it owns. Personal data is "
      "masked (`62**********22`); the platform holds the full values. *Goods value* is price "
      "x quantity over the infringing listings where both are known, a lower bound of the "
      "trade.\n\n";
  int rank = 0;
  for (const auto& c : cases) {
    ++rank;
    md += fmt::format("## Case {}: {} (score {:.1f} / 100)\n\n", rank, c.gang, c.score);
    size_t shops = 0, accounts = 0;
    for (const auto* m : c.members) (Str(m->evidence.Find("role")) == "shop" ? shops : accounts)++;
    std::set<std::string> kinds;
    for (const auto& l : c.links.items()) {
      if (!l.Find("hub") && Str(l.Find("type")) != "owner") kinds.insert(Str(l.Find("type")));
    }
    std::string kinds_text;
    size_t k_i = 0;
    for (const auto& k : kinds) {
      if (k_i > 0) kinds_text += k_i + 1 == kinds.size() ? " and " : ", ";
      kinds_text += LinkWhy(k);
      ++k_i;
    }
    std::string who = fmt::format("{} shop{}", shops, shops == 1 ? "" : "s");
    if (accounts > 0) who += fmt::format(" and {} account{}", accounts, accounts == 1 ? "" : "s");
    md += fmt::format("**Summary.** {}, run by {} operator{}, are tied together by {}. ", who,
                      c.operators, c.operators == 1 ? "" : "s",
                      kinds_text.empty() ? "ownership" : kinds_text);
    if (c.listings.empty()) {
      md += "No listing of theirs has been found infringing yet.";
    } else {
      md += fmt::format("{} of their listings {}; ", c.listings.size(),
                        c.listings.size() == 1 ? "infringes" : "infringe");
      if (c.goods_value.empty()) {
        md += fmt::format(
            "no quantities are known, and the listings are priced {} in total (one unit each, "
            "a lower bound of the goods value)",
            MoneyList(c.listed_price_without_quantity));
      } else {
        md += fmt::format("estimated goods value {}", MoneyList(c.goods_value));
        if (c.listings_without_quantity > 0) {
          md +=
              fmt::format(" (plus {} listing{} priced {} with no known quantity)",
                          c.listings_without_quantity, c.listings_without_quantity == 1 ? "" : "s",
                          MoneyList(c.listed_price_without_quantity));
        }
      }
      md += ".";
    }
    md += "\n\n**Why it ranks here.**\n\n";
    for (const auto& r : c.reasons) md += fmt::format("- {:+.1f}: {}\n", r.points, r.why);
    if (!c.seeds.items().empty()) {
      md += "\n**How it came to light.** ";
      std::string s;
      const auto& seeds = c.seeds.items();
      const size_t shown = std::min<size_t>(seeds.size(), 6);
      for (size_t k = 0; k < shown; ++k) {
        s += (s.empty() ? "" : "; ") + Str(seeds[k].Find("member")) + " (" +
             Str(seeds[k].Find("why")) + ")";
      }
      if (seeds.size() > shown) {
        s += fmt::format("; and {} more (all in the JSON case file)", seeds.size() - shown);
      }
      md += s + ".\n";
    } else {
      md +=
          "\n**How it came to light.** Found from shared identifiers alone; no member has a "
          "confirmed infringement yet, so the platform recommends review, not removal.\n";
    }
    md +=
        "\n### Members\n\n| member | role | name | tie | recommended action "
        "|\n|---|---|---|---|---|\n";
    for (const auto* m : c.members) {
      std::string name;
      if (auto s = in.shops.find(m->item); s != in.shops.end()) name = s->second.name;
      if (auto a = in.accounts.find(m->item); a != in.accounts.end()) name = a->second.name;
      const std::string tie = Str(m->evidence.Find("tie"));
      md += fmt::format("| {} | {} | {} | {} | {} ({:.2f}) |\n", Cell(m->item),
                        Str(m->evidence.Find("role")), Cell(name),
                        tie == "strong" ? "strong identifiers" : "weaker traces only", m->action,
                        m->score);
    }
    md +=
        "\n### What ties them\n\n| shared | value | members | operators | shared in the whole "
        "input by |\n|---|---|---|---|---|\n";
    for (const auto& l : c.links.items()) {
      std::string ms;
      for (const auto& m :
           l.Find("members") ? l.Find("members")->items() : std::vector<json::Value>{}) {
        ms += (ms.empty() ? "" : ", ") + m.as_string();
      }
      const std::string type = Str(l.Find("type"));
      std::string common =
          fmt::format("{}", l.Find("shared_by") ? l.Find("shared_by")->as_integer() : 0);
      if (const auto* hub = l.Find("hub")) {
        common += hub->as_string() == "allowlisted" ? " (known shared place: not proof)"
                                                    : " (popular: weak evidence, not proof)";
      }
      md += fmt::format("| {} | `{}` | {} | {} | {} |\n", LinkWhy(type), Cell(Str(l.Find("value"))),
                        Cell(ms), l.Find("operators") ? l.Find("operators")->as_integer() : 0,
                        common);
    }
    if (!c.listings.empty()) {
      md +=
          "\n### Infringing listings\n\n| listing | shop | title | price | quantity | value | "
          "evidence |\n|---|---|---|---|---|---|---|\n";
      for (const auto& il : c.listings) {
        std::string ev;
        if (il.verdict) ev = "verdict: infringing";
        for (const auto* f : il.findings) {
          std::string what = f->detector;
          if (!f->target.empty()) what += " -> " + f->target;
          const std::string text = Str(f->evidence.Find("text"));
          if (!text.empty())
            what += fmt::format(" (\"{}\" in {})", text, Str(f->evidence.Find("field")));
          what += fmt::format(", score {:.2f}", f->score);
          ev += (ev.empty() ? "" : "; ") + what;
        }
        const Listing& l = *il.listing;
        md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", Cell(l.id), Cell(il.shop),
                          Cell(l.title), l.price ? Money(*l.price, l.currency) : "-",
                          l.quantity ? fmt::format("{:g}", *l.quantity) : "unknown",
                          il.value ? Money(*il.value, l.currency) : "-", Cell(ev));
      }
    }
    md += "\n";
  }
  if (cases.empty()) md += "No gang findings in the input: no case to build.\n";
  return md;
}

}  // namespace ipguard::cases
