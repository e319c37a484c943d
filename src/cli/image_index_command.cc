// `ipguard image-index add|query|stats INDEX ...`: a persistent PDQ index of
// images on disk (image::PdqIndex), for checking new photos against every
// photo seen before outside a scan.
//
// INDEX is the index's record file; INDEX.names holds one file name per
// entry, in entry order (written after the entry; an entry without a name,
// left by a crash between the two, is reported as "-").
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "image/pdq.h"
#include "image/pdq_index.h"

namespace ipguard::cli {
namespace {

struct ImageIndexArgs {
  std::string index;
  std::vector<std::string> files;
  int radius = 31;
};

std::vector<std::string> ReadNames(const std::string& path) {
  std::vector<std::string> names;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) names.push_back(line);
  return names;
}

Result<std::unique_ptr<image::PdqIndex>> OpenIndex(const std::string& path) {
  auto index = image::PdqIndex::Open(path);
  if (!index.ok()) return Status::Error(fmt::format("{}", index.status().message()));
  return index;
}

int RunAdd(const ImageIndexArgs& args) {
  auto opened = OpenIndex(args.index);
  if (!opened.ok()) {
    fmt::print(stderr, "ipguard image-index add: {}\n", opened.status().message());
    return 1;
  }
  image::PdqIndex& index = **opened;
  // Names are kept aligned with entries: a short names file (a crash after
  // the record, before its name) is padded with "-".
  const size_t named = ReadNames(args.index + ".names").size();
  std::FILE* names = std::fopen((args.index + ".names").c_str(), "a");
  if (names == nullptr) {
    fmt::print(stderr, "ipguard image-index add: cannot write {}.names\n", args.index);
    return 1;
  }
  for (size_t i = named; i < index.size(); ++i) std::fputs("-\n", names);
  int failed = 0;
  for (const auto& file : args.files) {
    auto r = image::PdqFromFile(file);
    if (!r.ok()) {
      fmt::print(stderr, "ipguard image-index add: {}\n", r.status().message());
      ++failed;
      continue;
    }
    const auto entry = static_cast<uint64_t>(index.size());
    if (Status st = index.Add(r->hash(), entry); !st.ok()) {
      fmt::print(stderr, "ipguard image-index add: {}\n", st.message());
      std::fclose(names);
      return 1;
    }
    std::fprintf(names, "%s\n", file.c_str());
    fmt::print("{} {} {} {}\n", entry, r->hash().ToHex(), r->quality, file);
  }
  const Status st = index.Sync();
  if (std::fclose(names) != 0 || !st.ok()) {
    fmt::print(stderr, "ipguard image-index add: cannot save the index: {}\n", st.message());
    return 1;
  }
  return failed > 0 ? 2 : 0;
}

int RunQuery(const ImageIndexArgs& args) {
  if (args.radius < 0 || args.radius > 256) {
    fmt::print(stderr, "ipguard image-index query: --radius must be 0..256\n");
    return 1;
  }
  auto opened = OpenIndex(args.index);
  if (!opened.ok()) {
    fmt::print(stderr, "ipguard image-index query: {}\n", opened.status().message());
    return 1;
  }
  const image::PdqIndex& index = **opened;
  const std::vector<std::string> names = ReadNames(args.index + ".names");
  int failed = 0;
  for (const auto& file : args.files) {
    auto r = image::PdqFromFile(file);
    if (!r.ok()) {
      fmt::print(stderr, "ipguard image-index query: {}\n", r.status().message());
      ++failed;
      continue;
    }
    for (const auto& m : index.Search(r->dihedral, args.radius)) {
      const std::string& name = m.entry < names.size() ? names[m.entry] : "-";
      fmt::print("{} {} {} {} {}\n", file, m.entry, m.distance, image::DihedralName(m.query), name);
    }
  }
  std::fflush(stdout);
  return failed > 0 ? 2 : 0;
}

int RunStats(const ImageIndexArgs& args) {
  auto opened = OpenIndex(args.index);
  if (!opened.ok()) {
    fmt::print(stderr, "ipguard image-index stats: {}\n", opened.status().message());
    return 1;
  }
  const image::PdqIndex& index = **opened;
  fmt::print(
      "entries {}\nsegments {}\nsegments_loaded {}\ndropped_on_open {}\nbytes_per_hash {:.1f}\n",
      index.size(), index.segment_count(), index.segments_loaded_on_open(), index.dropped_on_open(),
      index.BytesPerHash());
  return 0;
}

}  // namespace

Runner AddImageIndexCommand(CLI::App& app) {
  auto args = std::make_shared<ImageIndexArgs>();
  CLI::App* cmd = app.add_subcommand(
      "image-index",
      "A persistent PDQ index of images (append-only, crash-safe, reopened without\n"
      "a rebuild). INDEX is its record file; INDEX.names lists the added files.\n"
      "Exit status: 0 done, 2 some images could not be read (each reported on\n"
      "stderr), 1 could not run.");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand(
      "add", "Hash each image and append it; prints: ENTRY HASH QUALITY FILE per image.");
  add->add_option("INDEX", args->index, "index file (created if absent)")->required();
  add->add_option("FILE", args->files, "image files (JPEG, PNG, WebP)")->required();
  CLI::App* query = cmd->add_subcommand(
      "query",
      "Look each image up with its 8 dihedral hashes; prints one line per stored\n"
      "image within the radius: FILE ENTRY DISTANCE TRANSFORM STORED_FILE, closest\n"
      "first (TRANSFORM: which dihedral variant of FILE matched, e.g. mirror).");
  query->add_option("INDEX", args->index, "index file")->required()->check(CLI::ExistingFile);
  query->add_option("FILE", args->files, "image files")->required();
  query->add_option("--radius", args->radius, "largest Hamming distance reported (default 31)");
  CLI::App* stats = cmd->add_subcommand(
      "stats", "Print the index's entries, segments and memory per stored hash.");
  stats->add_option("INDEX", args->index, "index file")->required()->check(CLI::ExistingFile);
  return [args, add, query, stats] {
    if (add->parsed()) return RunAdd(*args);
    if (query->parsed()) return RunQuery(*args);
    if (stats->parsed()) return RunStats(*args);
    return 1;
  };
}

}  // namespace ipguard::cli
