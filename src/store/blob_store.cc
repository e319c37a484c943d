#include "store/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "store/audit_chain.h"

namespace ipguard::store {

Result<BlobStore> BlobStore::Open(std::string root) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) return Status::Error(fmt::format("cannot create {}: {}", root, ec.message()));
  return BlobStore(std::move(root));
}

bool BlobStore::IsSha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string BlobStore::PathOf(std::string_view sha256) const {
  return fmt::format("{}/{}/{}", root_, sha256.substr(0, 2), sha256);
}

bool BlobStore::Has(std::string_view sha256) const {
  return IsSha256(sha256) && ::access(PathOf(sha256).c_str(), R_OK) == 0;
}

Result<std::string> BlobStore::Put(std::string_view bytes) const {
  std::string sha = Sha256Hex(bytes);
  if (Has(sha)) return sha;
  const std::string dir = fmt::format("{}/{}", root_, sha.substr(0, 2));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Error(fmt::format("cannot create {}: {}", dir, ec.message()));
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::string tmp = fmt::format("{}/.tmp-{:016x}", dir, rng());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Error(fmt::format("cannot write {}: {}", tmp, std::strerror(errno)));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::Error(fmt::format("cannot write {}: {}", tmp, std::strerror(err)));
    }
    done += static_cast<size_t>(n);
  }
  // The file must be complete on disk before its name says it is.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Status::Error(fmt::format("cannot flush {}", tmp));
  }
  if (::rename(tmp.c_str(), PathOf(sha).c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return Status::Error(fmt::format("cannot store {}: {}", PathOf(sha), std::strerror(err)));
  }
  return sha;
}

}  // namespace ipguard::store
