// The scanning engine the platform triages with, rebuilt beside the running
// one whenever the registry changes (an asset approved, rejected or expired)
// and swapped in atomically (and once a minute, so expired assets leave): a triage in flight keeps
// the engine it started with, the next one sees the new snapshot. Nothing restarts.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ipguard/engine.h"

namespace ipguard::service {

class EngineHolder {
 public:
  // Builds a registry snapshot from the store.
  using Loader = std::function<Result<std::shared_ptr<const Registry>>()>;

  EngineHolder(Loader loader, Policy policy);
  ~EngineHolder();  // stops the rebuild thread
  EngineHolder(const EngineHolder&) = delete;
  EngineHolder& operator=(const EngineHolder&) = delete;

  // Builds generation 1 on the calling thread (at startup) and starts the
  // background rebuilder.
  Status Start();
  // Asks for a rebuild and returns at once; the generation it will produce.
  uint64_t RequestRebuild();
  // The current engine (never null after Start succeeded).
  std::shared_ptr<const Engine> Current() const { return current_.load(); }
  // The generation of Current().
  uint64_t generation() const { return built_.load(); }
  // Waits until generation() >= gen; false on timeout.
  bool WaitFor(uint64_t gen, std::chrono::milliseconds timeout);
  // The last rebuild error ("" when the last rebuild worked).
  std::string last_error() const;

 private:
  Status Build(uint64_t gen);
  void Loop();

  Loader loader_;
  Policy policy_;
  std::atomic<std::shared_ptr<const Engine>> current_;
  std::atomic<uint64_t> built_{0};
  mutable std::mutex mu_;
  std::condition_variable wake_, built_cv_;
  uint64_t requested_ = 0;
  bool stop_ = false;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace ipguard::service
