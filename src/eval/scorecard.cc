#include "eval/scorecard.h"

#include <simdjson.h>

#include <fmt/format.h>

#include "io/line_reader.h"
#include "io/record_parser.h"

namespace ipguard {

void Scorecard::AddAnswer(const Verdict& answer) {
  if (answer.detector.empty()) return;
  detectors_.insert(answer.detector);
  if (answer.label == "infringing")
    infringing_[{answer.detector, answer.item}].insert(answer.target);
}

void Scorecard::AddFinding(const std::string& item, const std::string& detector,
                           const std::string& target, Action action) {
  if (action < min_action_) return;
  detectors_.insert(detector);
  findings_.emplace(detector, item, target);
}

std::map<std::string, DetectorScore> Scorecard::Score() const {
  std::map<std::string, DetectorScore> out;
  for (const auto& d : detectors_) out[d];
  // Which answers were found: (detector, item, target-or-"").
  std::set<std::tuple<std::string, std::string, std::string>> found;
  for (const auto& [detector, item, target] : findings_) {
    auto& s = out[detector];
    auto it = infringing_.find({detector, item});
    bool hit = false;
    if (it != infringing_.end()) {
      if (it->second.count(target)) {
        found.emplace(detector, item, target);
        hit = true;
      } else if (it->second.count("")) {
        found.emplace(detector, item, "");
        hit = true;
      }
    }
    if (hit) {
      ++s.true_positives;
    } else {
      ++s.false_positives;
      if (s.false_alarms.size() < 20) s.false_alarms.push_back(item + " " + target);
    }
  }
  for (const auto& [key, targets] : infringing_) {
    for (const auto& target : targets) {
      if (found.count({key.first, key.second, target})) continue;
      auto& s = out[key.first];
      ++s.misses;
      if (s.missed.size() < 20) s.missed.push_back(key.second + " " + target);
    }
  }
  return out;
}

namespace {

template <typename Fn>
Status ForEachLine(const std::string& path, Fn&& fn) {
  auto reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  LineBatch batch;
  while (reader->Next(batch, 4096, 8 << 20)) {
    for (const auto& line : batch.lines) {
      if (Status st = fn(batch.data(line), line.size, line.number); !st.ok()) {
        return Status::Error(fmt::format("{}:{}: {}", path, line.number, st.message()));
      }
    }
  }
  return reader->status();
}

}  // namespace

Status LoadAnswers(const std::string& path, Scorecard& card) {
  RecordParser parser(".");
  return ForEachLine(path, [&](const char* data, size_t size, uint64_t) {
    auto record = parser.Parse(data, size);
    if (!record.ok()) return record.status();
    if (auto* item = std::get_if<Item>(&*record)) {
      if (auto* v = std::get_if<Verdict>(item)) card.AddAnswer(*v);
    }
    return Status::Ok();
  });
}

Status LoadFindings(const std::string& path, Scorecard& card) {
  simdjson::dom::parser parser;
  return ForEachLine(path, [&](const char* data, size_t size, uint64_t) {
    simdjson::dom::element doc;
    if (parser.parse(data, size, false).get(doc)) return Status::Error("not valid JSON");
    std::string_view item, detector, target, action = "none";
    if (doc["item"].get(item) || doc["detector"].get(detector)) {
      return Status::Error("a finding needs \"item\" and \"detector\"");
    }
    if (doc["target"].get(target) != simdjson::SUCCESS) target = {};  // optional
    if (doc["action"].get(action) != simdjson::SUCCESS) action = "none";
    const Action a = action == "remove"   ? Action::kRemove
                     : action == "review" ? Action::kReview
                                          : Action::kNone;
    card.AddFinding(std::string(item), std::string(detector), std::string(target), a);
    return Status::Ok();
  });
}

}  // namespace ipguard
