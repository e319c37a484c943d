// PdqIndex persistence: the append-only record file and the segment files.
//
// Record file: a 64-byte header ("IPGUARD-PDQIDX01", record size), then one
// 48-byte record per entry: the hash (4 little-endian 64-bit words), the
// payload (64-bit), the CRC-32 of those 40 bytes, and the tag "PDQr".
// Segment file PATH.seg-BEGIN-END: a 64-byte header ("IPGSEG01", begin, end,
// directory bits, chunks, checksum of the hashes it indexes), then the tables
// of pdq_index_segment.h as they lie in memory (directories, filters, ids).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "image/pdq_index.h"
#include "image/pdq_index_segment.h"

namespace ipguard::image {
namespace {

constexpr char kFileMagic[16] = {'I', 'P', 'G', 'U', 'A', 'R', 'D', '-',
                                 'P', 'D', 'Q', 'I', 'D', 'X', '0', '1'};
constexpr size_t kHeaderSize = 64;
constexpr size_t kRecordSize = 48;
constexpr uint32_t kRecordTag = 0x72514450;  // "PDQr"
constexpr char kSegmentMagic[8] = {'I', 'P', 'G', 'S', 'E', 'G', '0', '2'};

struct SegmentHeader {
  char magic[8];
  uint32_t begin, end, bits, chunks;
  uint64_t checksum;
  uint8_t pad[kHeaderSize - 8 - 16 - 8];
};
static_assert(sizeof(SegmentHeader) == kHeaderSize);

Status Errno(std::string_view what, const std::string& path) {
  return Status::Error(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

Status WriteAll(int fd, const void* data, size_t size, const std::string& path) {
  const auto* p = static_cast<const uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("cannot write", path);
    p += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

void EncodeRecord(const PdqHash& h, uint64_t payload, uint8_t* out) {
  std::memcpy(out, h.words.data(), 32);
  std::memcpy(out + 32, &payload, 8);
  const uint32_t crc = crc32(0, out, 40);
  std::memcpy(out + 40, &crc, 4);
  std::memcpy(out + 44, &kRecordTag, 4);
}

bool DecodeRecord(const uint8_t* in, PdqHash& h, uint64_t& payload) {
  uint32_t crc, tag;
  std::memcpy(&crc, in + 40, 4);
  std::memcpy(&tag, in + 44, 4);
  if (tag != kRecordTag || crc != crc32(0, in, 40)) return false;
  std::memcpy(h.words.data(), in, 32);
  std::memcpy(&payload, in + 32, 8);
  return true;
}

std::string SegmentFileName(const std::string& path, uint32_t begin, uint32_t end) {
  return fmt::format("{}.seg-{}-{}", path, begin, end);
}

Status SyncDirectoryOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open directory", dir);
  ::fsync(fd);
  ::close(fd);
  return Status::Ok();
}

}  // namespace

uint64_t PdqIndex::RangeChecksum(uint32_t begin, uint32_t end) const {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ begin ^ (uint64_t{end} << 32);
  for (uint32_t e = begin; e < end; ++e) {
    for (uint64_t w : hashes_[e].words) h = (h ^ w) * 0x100000001B3ull + (h >> 29);
  }
  return h;
}

Status PdqIndex::WriteRecord(const PdqHash& hash, uint64_t payload) {
  const size_t at = pending_.size();
  pending_.resize(at + kRecordSize);
  EncodeRecord(hash, payload, pending_.data() + at);
  if (pending_.size() >= (1 << 20)) return FlushPending();
  return Status::Ok();
}

Status PdqIndex::FlushPending() {
  if (fd_ < 0 || pending_.empty()) return Status::Ok();
  Status st = WriteAll(fd_, pending_.data(), pending_.size(), path_);
  pending_.clear();
  return st;
}

Status PdqIndex::Sync() {
  if (fd_ < 0) return Status::Ok();
  if (Status st = FlushPending(); !st.ok()) return st;
  if (::fdatasync(fd_) != 0) return Errno("cannot sync", path_);
  return Status::Ok();
}

PdqIndex::~PdqIndex() {
  if (fd_ >= 0) {
    (void)FlushPending();
    ::close(fd_);
  }
}

Status PdqIndex::PersistNewest() {
  if (path_.empty() || segments_.empty()) {
    stale_files_.clear();
    return Status::Ok();
  }
  Segment& seg = *segments_.back();
  if (seg.file.empty() && seg.size() >= kPersistMinEntries) {
    // The records a segment indexes are durable before the segment is.
    if (Status st = Sync(); !st.ok()) return st;
    const std::string name = SegmentFileName(path_, seg.begin, seg.end);
    const std::string tmp = name + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("cannot create", tmp);
    SegmentHeader h{};
    std::memcpy(h.magic, kSegmentMagic, 8);
    h.begin = seg.begin, h.end = seg.end, h.bits = static_cast<uint32_t>(seg.bits);
    h.chunks = kChunks;
    h.checksum = RangeChecksum(seg.begin, seg.end);
    Status st = WriteAll(fd, &h, sizeof h, tmp);
    if (st.ok()) st = WriteAll(fd, seg.dir, seg.bytes(), tmp);
    if (st.ok() && ::fsync(fd) != 0) st = Errno("cannot sync", tmp);
    ::close(fd);
    if (st.ok() && ::rename(tmp.c_str(), name.c_str()) != 0) st = Errno("cannot rename", tmp);
    if (st.ok()) st = SyncDirectoryOf(name);
    if (!st.ok()) {
      ::unlink(tmp.c_str());
      return st;
    }
    seg.file = name;
  }
  // Files of merged segments go only once their replacement is on disk.
  if (!seg.file.empty() || seg.size() < kPersistMinEntries) {
    for (const auto& f : stale_files_) ::unlink(f.c_str());
    stale_files_.clear();
  }
  return Status::Ok();
}

Result<std::shared_ptr<PdqIndex::Segment>> PdqIndex::LoadSegment(const std::string& file,
                                                                 uint32_t begin,
                                                                 uint32_t end) const {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", file);
  struct stat st;
  if (::fstat(fd, &st) != 0 || static_cast<size_t>(st.st_size) < kHeaderSize) {
    ::close(fd);
    return Status::Error(fmt::format("{}: too short", file));
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Errno("cannot map", file);
  auto seg = std::make_shared<Segment>();
  seg->mapping = std::shared_ptr<void>(map, [size](void* p) { ::munmap(p, size); });
  SegmentHeader h;
  std::memcpy(&h, map, sizeof h);
  const uint32_t n = end - begin;
  seg->begin = begin, seg->end = end;
  seg->bits = DirBits(n);
  if (std::memcmp(h.magic, kSegmentMagic, 8) != 0 || h.begin != begin || h.end != end ||
      n > kMaxSegment || h.bits != static_cast<uint32_t>(seg->bits) || h.chunks != kChunks ||
      size != kHeaderSize + seg->bytes() || h.checksum != RangeChecksum(begin, end)) {
    return Status::Error(fmt::format("{}: does not match the records", file));
  }
  seg->Bind(static_cast<const uint8_t*>(map) + kHeaderSize);
  // Every offset and id must stay in range before Search may trust them.
  for (int c = 0; c < kChunks; ++c) {
    const uint32_t* d = seg->dir + c * seg->dir_len();
    if (d[0] != 0 || d[seg->dir_len() - 1] != n) {
      return Status::Error(fmt::format("{}: corrupt directory", file));
    }
    uint32_t bad = 0;
    for (size_t k = 1; k < seg->dir_len(); ++k) bad |= d[k] < d[k - 1];
    for (uint32_t i = 0; i < n; ++i) bad |= ReadId(seg->ids, size_t(c) * n + i) >= n;
    if (bad) return Status::Error(fmt::format("{}: corrupt table", file));
  }
  seg->file = file;
  return seg;
}

Result<std::unique_ptr<PdqIndex>> PdqIndex::Open(const std::string& path) {
  std::unique_ptr<PdqIndex> index(new PdqIndex());
  index->path_ = path;
  index->fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (index->fd_ < 0) return Errno("cannot open PDQ index", path);
  const int fd = index->fd_;
  struct stat st;
  if (::fstat(fd, &st) != 0) return Errno("cannot stat", path);
  uint64_t size = static_cast<uint64_t>(st.st_size);
  uint8_t header[kHeaderSize] = {};
  if (size < kHeaderSize) {
    // New (or a creation torn before its header was complete).
    if (size > 0 && ::pread(fd, header, size, 0) != static_cast<ssize_t>(size)) {
      return Errno("cannot read", path);
    }
    if (size > 0 && std::memcmp(header, kFileMagic, std::min<size_t>(size, 16)) != 0) {
      return Status::Error(fmt::format("{}: not an ipguard PDQ index", path));
    }
    std::memset(header, 0, sizeof header);
    std::memcpy(header, kFileMagic, 16);
    const uint32_t rs = kRecordSize;
    std::memcpy(header + 16, &rs, 4);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, header, kHeaderSize, 0) != kHeaderSize ||
        ::fdatasync(fd) != 0) {
      return Errno("cannot initialise", path);
    }
    size = kHeaderSize;
  } else if (::pread(fd, header, kHeaderSize, 0) != kHeaderSize ||
             std::memcmp(header, kFileMagic, 16) != 0) {
    return Status::Error(fmt::format("{}: not an ipguard PDQ index", path));
  }

  // Records, up to the first torn or corrupt one.
  uint64_t good = 0;
  const uint64_t whole = (size - kHeaderSize) / kRecordSize;
  std::vector<uint8_t> buf(kRecordSize * 65536);
  bool intact = true;
  while (good < whole && intact) {
    const uint64_t batch = std::min<uint64_t>(65536, whole - good);
    const ssize_t want = static_cast<ssize_t>(batch * kRecordSize);
    if (::pread(fd, buf.data(), want, kHeaderSize + good * kRecordSize) != want) {
      return Errno("cannot read", path);
    }
    for (uint64_t i = 0; i < batch; ++i) {
      PdqHash h;
      uint64_t payload;
      if (!DecodeRecord(buf.data() + i * kRecordSize, h, payload)) {
        intact = false;
        break;
      }
      index->hashes_.push_back(h);
      index->payloads_.push_back(payload);
      ++good;
    }
  }
  const uint64_t keep = kHeaderSize + good * kRecordSize;
  if (keep < size) {
    index->dropped_on_open_ = (size - keep + kRecordSize - 1) / kRecordSize;
    if (::ftruncate(fd, static_cast<off_t>(keep)) != 0 || ::fdatasync(fd) != 0) {
      return Errno("cannot cut the torn tail of", path);
    }
  }
  if (::lseek(fd, static_cast<off_t>(keep), SEEK_SET) < 0) return Errno("cannot seek", path);

  // Segment files that chain from entry 0; anything else is stale.
  namespace fs = std::filesystem;
  const fs::path p(path);
  const std::string prefix = p.filename().string() + ".seg-";
  std::vector<std::tuple<uint32_t, uint32_t, std::string>> files;
  std::error_code ec;
  for (const auto& entry :
       fs::directory_iterator(p.parent_path().empty() ? "." : p.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    unsigned long b = 0, e = 0;
    char tail = 0;
    if (std::sscanf(name.c_str() + prefix.size(), "%lu-%lu%c", &b, &e, &tail) != 2 || b >= e ||
        e > good) {
      ::unlink(entry.path().c_str());  // temporary, torn or beyond the records
      continue;
    }
    files.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(e), entry.path().string());
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b)
                                            : std::get<1>(a) > std::get<1>(b);
  });
  uint32_t cursor = 0;
  for (const auto& [b, e, file] : files) {
    if (b == cursor) {
      auto seg = index->LoadSegment(file, b, e);
      if (seg.ok()) {
        index->segments_.push_back(std::move(seg).value());
        cursor = e;
        continue;
      }
    }
    ::unlink(file.c_str());
  }
  index->indexed_ = cursor;
  index->segments_loaded_on_open_ = index->segments_.size();
  if (index->hashes_.size() - index->indexed_ >= kTailLimit) {
    if (Status s = index->SealTail(); !s.ok()) return s;
  }
  return index;
}

}  // namespace ipguard::image
