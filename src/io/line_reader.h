// Streams an NDJSON file (or stdin) as batches of lines, so that a scan holds
// only a bounded number of lines in memory whatever the input size.
// CRLF line ends are accepted, a UTF-8 byte-order mark at the start is
// skipped, blank lines are skipped (their numbers still count), and a last
// line without a newline is still delivered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ipguard/status.h"

namespace ipguard {

struct LineBatch {
  struct Line {
    size_t offset;  // into buffer
    size_t size;
    uint64_t number;  // 1-based line number in the file
  };
  uint64_t sequence = 0;
  std::string buffer;  // the lines back to back, then RecordParser::kPadding bytes
  std::vector<Line> lines;
  uint64_t bytes = 0;  // input bytes this batch covers (with newlines)

  const char* data(const Line& l) const { return buffer.data() + l.offset; }
  void Clear() {
    buffer.clear();
    lines.clear();
    bytes = 0;
  }
};

class LineReader {
 public:
  // "-" reads standard input.
  static Result<LineReader> Open(const std::string& path);
  LineReader(LineReader&&) noexcept;
  LineReader& operator=(LineReader&&) noexcept;
  ~LineReader();

  // Fills `batch` with lines until it holds `max_lines` lines or about
  // `max_bytes` bytes. Returns false, with an empty batch, at the end of the
  // input or on a read error (see status()).
  bool Next(LineBatch& batch, size_t max_lines, size_t max_bytes);

  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  // The folder image paths in this file are relative to.
  std::string base_dir() const;
  uint64_t bytes_read() const { return bytes_read_; }
  // Total size when the input is a regular file, else 0.
  uint64_t size() const { return size_; }

 private:
  LineReader() = default;
  bool Fill();

  int fd_ = -1;
  bool owns_fd_ = false;
  bool eof_ = false;
  bool at_start_ = true;
  std::string path_;
  std::string pending_;  // bytes read but not yet consumed
  size_t pos_ = 0;       // consumed prefix of pending_
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t size_ = 0;
  uint64_t sequence_ = 0;
  Status status_;
};

}  // namespace ipguard
