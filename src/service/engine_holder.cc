#include "service/engine_holder.h"

#include <fmt/format.h>

namespace ipguard::service {

EngineHolder::EngineHolder(Loader loader, Policy policy)
    : loader_(std::move(loader)), policy_(std::move(policy)) {}

EngineHolder::~EngineHolder() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status EngineHolder::Build(uint64_t gen) {
  auto registry = loader_();
  if (!registry.ok()) return registry.status();
  auto engine = Engine::Create(std::move(registry).value(), policy_);
  if (!engine.ok()) return engine.status();
  current_.store(std::shared_ptr<const Engine>(std::move(engine).value()));
  {
    std::lock_guard lock(mu_);
    built_.store(gen);
  }
  built_cv_.notify_all();
  return Status::Ok();
}

Status EngineHolder::Start() {
  {
    std::lock_guard lock(mu_);
    requested_ = 1;
  }
  if (Status st = Build(1); !st.ok()) return st;
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

uint64_t EngineHolder::RequestRebuild() {
  uint64_t gen;
  {
    std::lock_guard lock(mu_);
    gen = ++requested_;
  }
  wake_.notify_all();
  return gen;
}

bool EngineHolder::WaitFor(uint64_t gen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return built_cv_.wait_for(lock, timeout, [&] { return built_.load() >= gen; });
}

std::string EngineHolder::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

void EngineHolder::Loop() {
  for (;;) {
    uint64_t target;
    {
      std::unique_lock lock(mu_);
      const bool woken = wake_.wait_for(lock, std::chrono::seconds(60),
                                        [&] { return stop_ || requested_ > built_.load(); });
      if (stop_) return;
      // Once a minute without a change: rebuild anyway, so that expired
      // assets leave the registry.
      if (!woken) ++requested_;
      // Requests that arrived while the last build ran are served by one build.
      target = requested_;
    }
    Status st = Build(target);
    std::lock_guard lock(mu_);
    last_error_ = st.ok() ? "" : st.message();
    if (!st.ok()) {
      // Keep serving the previous engine; a later change retries.
      built_.store(target);
      built_cv_.notify_all();
    }
  }
}

}  // namespace ipguard::service
