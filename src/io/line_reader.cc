#include "io/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "io/record_parser.h"

namespace ipguard {
namespace {
constexpr size_t kReadChunk = 1 << 20;
}

Result<LineReader> LineReader::Open(const std::string& path) {
  LineReader r;
  r.path_ = path;
  if (path == "-") {
    r.fd_ = STDIN_FILENO;
  } else {
    r.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (r.fd_ < 0) {
      return Status::Error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    }
    r.owns_fd_ = true;
    struct stat st;
    if (::fstat(r.fd_, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        return Status::Error(fmt::format("cannot read {}: it is a folder, not a file", path));
      }
      if (S_ISREG(st.st_mode)) r.size_ = static_cast<uint64_t>(st.st_size);
    }
  }
  return r;
}

LineReader::LineReader(LineReader&& o) noexcept { *this = std::move(o); }

LineReader& LineReader::operator=(LineReader&& o) noexcept {
  if (this != &o) {
    if (owns_fd_ && fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    owns_fd_ = o.owns_fd_;
    o.fd_ = -1;
    o.owns_fd_ = false;
    eof_ = o.eof_;
    at_start_ = o.at_start_;
    path_ = std::move(o.path_);
    pending_ = std::move(o.pending_);
    pos_ = o.pos_;
    line_number_ = o.line_number_;
    bytes_read_ = o.bytes_read_;
    size_ = o.size_;
    sequence_ = o.sequence_;
    status_ = std::move(o.status_);
  }
  return *this;
}

LineReader::~LineReader() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

std::string LineReader::base_dir() const {
  if (path_ == "-") return ".";
  const auto slash = path_.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path_.substr(0, slash);
}

// Reads one more chunk into pending_; false at end of input or on error.
bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    pending_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = pending_.size();
  pending_.resize(old + kReadChunk);
  ssize_t n;
  do {
    n = ::read(fd_, pending_.data() + old, kReadChunk);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    status_ = Status::Error(fmt::format("error reading {}: {}", path_, std::strerror(errno)));
    n = 0;
  }
  pending_.resize(old + static_cast<size_t>(n));
  bytes_read_ += static_cast<uint64_t>(n);
  if (n == 0) eof_ = true;
  if (at_start_ && pending_.size() >= 3) {
    if (std::memcmp(pending_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    at_start_ = false;
  }
  return n > 0;
}

bool LineReader::Next(LineBatch& batch, size_t max_lines, size_t max_bytes) {
  batch.Clear();
  batch.sequence = sequence_++;
  size_t scan_from = pos_;
  while (batch.lines.size() < max_lines && batch.buffer.size() < max_bytes) {
    const char* begin = pending_.data() + pos_;
    const char* nl = static_cast<const char*>(
        std::memchr(pending_.data() + scan_from, '\n', pending_.size() - scan_from));
    size_t len;
    size_t consumed;
    if (nl) {
      len = static_cast<size_t>(nl - begin);
      consumed = len + 1;
    } else if (!eof_) {
      scan_from = pending_.size() - pos_;  // relative; rebased after Fill
      const size_t relative = scan_from;
      if (!Fill() && !eof_) break;
      scan_from = pos_ + relative;
      continue;
    } else if (pos_ < pending_.size()) {
      len = pending_.size() - pos_;  // last line without a newline
      consumed = len;
    } else {
      break;
    }
    ++line_number_;
    batch.bytes += consumed;
    size_t trimmed = len;
    if (trimmed > 0 && begin[trimmed - 1] == '\r') --trimmed;
    bool blank = true;
    for (size_t i = 0; i < trimmed && blank; ++i) {
      blank = begin[i] == ' ' || begin[i] == '\t' || begin[i] == '\r';
    }
    if (!blank) {
      batch.lines.push_back({batch.buffer.size(), trimmed, line_number_});
      batch.buffer.append(begin, trimmed);
    }
    pos_ += consumed;
    scan_from = pos_;
  }
  batch.buffer.append(RecordParser::kPadding, '\0');
  return !batch.lines.empty() || batch.bytes > 0;
}

}  // namespace ipguard
