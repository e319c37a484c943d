#include "pipeline/scan_pipeline.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "io/record_parser.h"
#include "pipeline/progress_bar.h"

namespace ipguard {
namespace {

// One item kept for the ordered observation phase. The item lives on the
// heap so that the views in `prepared` stay valid when this moves.
struct KeptItem {
  std::unique_ptr<Item> item;
  PreparedItem prepared;
  std::vector<Finding> findings;
};

// What a worker made of one batch.
struct BatchResult {
  uint64_t sequence = 0;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  std::string output;                                    // serialized findings, one per line
  std::vector<std::pair<uint64_t, std::string>> errors;  // (line, reason)
  std::array<uint64_t, kItemKindCount> items{};
  uint64_t unknown_kinds = 0;
  uint64_t registry_records = 0;
  // Without observing detectors: every finding, already serialized in
  // `output`, kept for the summary's counts.
  std::vector<Finding> findings;
  // With observing detectors: every item, prepared once, with its findings;
  // the writer lets the sessions observe (and amend) them in input order,
  // then serializes them.
  std::vector<KeptItem> kept;
};

// A bounded queue between the reader and the workers.
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}
  void Push(LineBatch batch) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  std::optional<LineBatch> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    LineBatch b = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return b;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<LineBatch> queue_;
  bool closed_ = false;
};

// Results arrive in any order; the writer takes them in sequence order. The
// reader may run at most `window` batches ahead of the writer.
class ResultWindow {
 public:
  explicit ResultWindow(uint64_t window) : window_(window) {}
  void WaitForRoom(uint64_t sequence) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return sequence < next_ + window_; });
  }
  void Put(BatchResult r) {
    std::lock_guard lock(mu_);
    const uint64_t seq = r.sequence;
    slots_.emplace(seq, std::move(r));
    ready_.notify_all();
  }
  // The next result in order, or nullopt once `total` results were taken.
  std::optional<BatchResult> Take() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return slots_.count(next_) || (total_ && next_ >= *total_); });
    auto it = slots_.find(next_);
    if (it == slots_.end()) return std::nullopt;
    BatchResult r = std::move(it->second);
    slots_.erase(it);
    ++next_;
    room_.notify_all();
    return r;
  }
  void SetTotal(uint64_t total) {
    std::lock_guard lock(mu_);
    total_ = total;
    ready_.notify_all();
  }

 private:
  uint64_t window_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::map<uint64_t, BatchResult> slots_;
  uint64_t next_ = 0;
  std::optional<uint64_t> total_;
};

BatchResult ProcessBatch(const Engine& engine, RecordParser& parser,
                         std::vector<std::unique_ptr<DetectorScratch>>& scratch,
                         const LineBatch& batch, bool keep_items) {
  BatchResult r;
  r.sequence = batch.sequence;
  r.bytes = batch.bytes;
  r.lines = batch.lines.size();
  PreparedItem prepared;
  for (const auto& line : batch.lines) {
    auto record = parser.Parse(batch.data(line), line.size);
    if (!record.ok()) {
      r.errors.emplace_back(line.number, record.status().message());
      continue;
    }
    if (std::holds_alternative<UnknownKind>(*record)) {
      ++r.unknown_kinds;
      continue;
    }
    if (std::holds_alternative<RegistryRecord>(*record)) {
      ++r.registry_records;
      r.errors.emplace_back(line.number,
                            "a registry record in the scan input; give it to --registry");
      continue;
    }
    auto item = std::make_unique<Item>(std::move(std::get<Item>(*record)));
    ++r.items[static_cast<size_t>(KindOf(*item))];
    if (keep_items) {
      KeptItem& kept = r.kept.emplace_back(KeptItem{std::move(item), PreparedItem{}, {}});
      kept.prepared = Engine::Prepare(*kept.item);
      engine.Scan(kept.prepared, scratch, kept.findings);
      for (auto& problem : kept.prepared.problems) r.errors.emplace_back(line.number, problem);
      continue;
    }
    // Items not kept are prepared into one reused PreparedItem, which
    // refers to the current item only until the next one is prepared.
    Engine::Prepare(*item, prepared);
    const size_t first = r.findings.size();
    engine.Scan(prepared, scratch, r.findings);
    for (auto& problem : prepared.problems) r.errors.emplace_back(line.number, std::move(problem));
    for (size_t i = first; i < r.findings.size(); ++i) {
      r.output += r.findings[i].ToJson();
      r.output.push_back('\n');
    }
  }
  return r;
}

void Count(ScanSummary& s, const Finding& f) {
  s.findings[f.detector][static_cast<size_t>(f.action)]++;
}

}  // namespace

Result<ScanSummary> RunScan(const Engine& engine, LineReader& reader, std::FILE* out,
                            Rejections& rejections, const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  summary.threads = threads;

  std::vector<std::unique_ptr<DetectorSession>> sessions;
  for (const auto& d : engine.detectors()) {
    if (auto s = d->NewSession()) sessions.push_back(std::move(s));
  }
  const bool keep_items = !sessions.empty();

  BatchQueue queue(threads * 2);
  ResultWindow window(threads * 4);
  const std::string base_dir = reader.base_dir();

  std::thread read_thread([&] {
    uint64_t count = 0;
    LineBatch batch;
    for (;;) {
      window.WaitForRoom(count);
      if (!reader.Next(batch, options.batch_lines, options.batch_bytes)) break;
      queue.Push(std::move(batch));
      batch = LineBatch();
      ++count;
    }
    queue.Close();
    window.SetTotal(count);
  });

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      RecordParser parser(base_dir);
      auto scratch = engine.NewScratch();
      while (auto batch = queue.Pop()) {
        window.Put(ProcessBatch(engine, parser, scratch, *batch, keep_items));
      }
    });
  }

  const std::string name = reader.path() == "-" ? "<stdin>" : reader.path();
  ProgressBar progress(options.progress, reader.size());
  bool write_failed = false;
  auto write = [&](const std::string& text) {
    if (!text.empty() && !write_failed &&
        std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
      write_failed = true;
    }
  };

  while (auto r = window.Take()) {
    summary.lines += r->lines;
    summary.bytes += r->bytes;
    for (size_t k = 0; k < kItemKindCount; ++k) summary.items[k] += r->items[k];
    summary.unknown_kinds += r->unknown_kinds;
    summary.registry_records += r->registry_records;
    for (const auto& [line, reason] : r->errors) rejections.Add(name, line, reason);
    for (const auto& f : r->findings) Count(summary, f);
    for (KeptItem& kept : r->kept) {
      for (auto& s : sessions) s->Observe(kept.prepared, kept.findings);
      for (Finding& f : kept.findings) {
        engine.Decide(f);  // sessions may have added or rescored findings
        Count(summary, f);
        r->output += f.ToJson();
        r->output.push_back('\n');
      }
    }
    write(r->output);
    progress.Update(summary.bytes, summary.lines);
  }
  read_thread.join();
  for (auto& w : workers) w.join();

  std::vector<Finding> late;
  for (auto& s : sessions) s->Finish(late);
  std::string tail;
  for (auto& f : late) {
    engine.Decide(f);
    Count(summary, f);
    tail += f.ToJson();
    tail.push_back('\n');
  }
  write(tail);
  progress.Done();
  if (std::fflush(out) != 0) write_failed = true;

  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!reader.status().ok()) return reader.status();
  if (write_failed) return Status::Error("cannot write findings (disk full or output closed?)");
  return summary;
}

}  // namespace ipguard
