#include "ipguard/registry.h"

namespace ipguard {
namespace {

template <typename T>
const T* Lookup(const std::unordered_map<std::string_view, size_t>& index, const std::vector<T>& v,
                std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &v[it->second];
}

template <typename T>
void Index(const std::vector<T>& v, std::unordered_map<std::string_view, size_t>& index) {
  index.clear();
  index.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) index.emplace(v[i].id, i);
}

}  // namespace

const RightsHolder* Registry::FindHolder(std::string_view id) const {
  return Lookup(holder_index_, holders_, id);
}
const Brand* Registry::FindBrand(std::string_view id) const {
  return Lookup(brand_index_, brands_, id);
}
const Work* Registry::FindWork(std::string_view id) const {
  return Lookup(work_index_, works_, id);
}
const Portrait* Registry::FindPortrait(std::string_view id) const {
  return Lookup(portrait_index_, portraits_, id);
}

bool Registry::Builder::Add(RegistryRecord record) {
  const size_t kind = record.index();
  return std::visit(
      [&](auto&& r) -> bool {
        using T = std::decay_t<decltype(r)>;
        std::vector<T>* target = nullptr;
        if constexpr (std::is_same_v<T, RightsHolder>) target = &registry_.holders_;
        if constexpr (std::is_same_v<T, Brand>) target = &registry_.brands_;
        if constexpr (std::is_same_v<T, Work>) target = &registry_.works_;
        if constexpr (std::is_same_v<T, ImageRecord>) target = &registry_.images_;
        if constexpr (std::is_same_v<T, Portrait>) target = &registry_.portraits_;
        auto [it, fresh] = seen_[kind].emplace(r.id, target->size());
        if (fresh) {
          target->push_back(std::move(r));
        } else {
          (*target)[it->second] = std::move(r);
        }
        return fresh;
      },
      std::move(record));
}

std::shared_ptr<const Registry> Registry::Builder::Build() && {
  auto registry = std::make_shared<Registry>(std::move(registry_));
  Index(registry->holders_, registry->holder_index_);
  Index(registry->brands_, registry->brand_index_);
  Index(registry->works_, registry->work_index_);
  Index(registry->portraits_, registry->portrait_index_);
  return registry;
}

}  // namespace ipguard
