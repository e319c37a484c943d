// The registry: everything rights holders protect, as one immutable snapshot.
// Built once (from NDJSON or the platform's store), then shared read-only by
// every scanning thread through std::shared_ptr<const Registry>. A change
// builds a new snapshot beside the old one; nothing mutates a published one.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ipguard/records.h"

namespace ipguard {

class Registry {
 public:
  class Builder;

  const std::vector<RightsHolder>& holders() const { return holders_; }
  const std::vector<Brand>& brands() const { return brands_; }
  const std::vector<Work>& works() const { return works_; }
  const std::vector<ImageRecord>& images() const { return images_; }
  const std::vector<Portrait>& portraits() const { return portraits_; }

  // Lookups by id; nullptr when absent.
  const RightsHolder* FindHolder(std::string_view id) const;
  const Brand* FindBrand(std::string_view id) const;
  const Work* FindWork(std::string_view id) const;
  const Portrait* FindPortrait(std::string_view id) const;

  size_t size() const {
    return holders_.size() + brands_.size() + works_.size() + images_.size() + portraits_.size();
  }

 private:
  std::vector<RightsHolder> holders_;
  std::vector<Brand> brands_;
  std::vector<Work> works_;
  std::vector<ImageRecord> images_;
  std::vector<Portrait> portraits_;
  std::unordered_map<std::string_view, size_t> holder_index_, brand_index_, work_index_,
      portrait_index_;
};

class Registry::Builder {
 public:
  // Adds a record. A later record with the same kind and id replaces the
  // earlier one (the newest registration wins), and Add returns false.
  bool Add(RegistryRecord record);
  std::shared_ptr<const Registry> Build() &&;

 private:
  Registry registry_;
  std::unordered_map<std::string, size_t> seen_[5];
};

}  // namespace ipguard
