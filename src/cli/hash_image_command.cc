// `ipguard hash-image FILE...` (contract §2): one line per image, the PDQ hash
// as 64 hex digits, its quality (0-100) and the file name, space-separated.
#include <malloc.h>
#include <CLI/CLI.hpp>

#include <time.h>

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.h"
#include "image/pdq.h"

namespace ipguard::cli {
namespace {

// CPU seconds of this thread: the per-image figures hold on a busy machine.
double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct HashImageArgs {
  std::vector<std::string> files;
  std::string mode = "fast";
  bool dihedral = false;
  bool timing = false;
};

int RunHashImage(const HashImageArgs& args) {
  image::PdqMode mode;
  if (args.mode == "fast") {
    mode = image::PdqMode::kFast;
  } else if (args.mode == "squash512") {
    mode = image::PdqMode::kSquash512;
  } else {
    fmt::print(stderr, "ipguard hash-image: unknown --mode \"{}\" (use fast or squash512)\n",
               args.mode);
    return 1;
  }
  // Every image allocates the same few large buffers (decoded pixels, float
  // luma, blur scratch): keep them in the heap instead of mapping and
  // unmapping fresh zeroed pages each time (page faults were ~10% of the CPU
  // time per image).
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  int failed = 0;
  double decode_s = 0, hash_s = 0;
  int hashed = 0;
  for (const auto& file : args.files) {
    const double t0 = CpuSeconds();
    auto img = image::DecodeFile(file, image::PdqDecodeOptions(mode));
    if (!img.ok()) {
      fmt::print(stderr, "ipguard hash-image: {}\n", img.status().message());
      ++failed;
      continue;
    }
    const double t1 = CpuSeconds();
    const std::optional<image::PdqResult> r = image::PdqFromImage(*img, mode);
    const double t2 = CpuSeconds();
    decode_s += t1 - t0;
    hash_s += t2 - t1;
    ++hashed;
    if (args.dihedral) {
      std::string line;
      for (const auto& h : r->dihedral) line += h.ToHex() + " ";
      fmt::print("{}{} {}\n", line, r->quality, file);
    } else {
      fmt::print("{} {} {}\n", r->hash().ToHex(), r->quality, file);
    }
  }
  std::fflush(stdout);
  if (args.timing && hashed > 0) {
    fmt::print(stderr,
               "ipguard hash-image: {} images, CPU per image: read and decode {:.2f} ms, hash "
               "{:.2f} ms\n",
               hashed, decode_s * 1e3 / hashed, hash_s * 1e3 / hashed);
  }
  return failed > 0 ? 2 : 0;
}

}  // namespace

Runner AddHashImageCommand(CLI::App& app) {
  auto args = std::make_shared<HashImageArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hash-image",
      "Print the PDQ hash of each image (JPEG, PNG, WebP): 64 hex digits, the quality\n"
      "(0-100; 49 or less: too flat to trust) and the file name, space-separated.\n"
      "Exit status: 0 every image hashed, 2 some could not be read (each reported on\n"
      "stderr), 1 bad arguments.");
  cmd->add_option("FILE", args->files, "image files")->required();
  cmd->add_option("--mode", args->mode,
                  "fast (default: JPEG decoded with DCT scaling to its luma plane) or squash512\n"
                  "(as Meta's C++ reference command line: larger images squashed to 512x512\n"
                  "nearest-neighbour first)");
  cmd->add_flag("--dihedral", args->dihedral,
                "print the 8 dihedral hashes (original, rotate90_ccw, rotate180,\n"
                "rotate90_cw, flip_vertical, mirror, transpose, transverse) before the quality");
  cmd->add_flag("--timing", args->timing,
                "print the mean CPU time per image of reading and decoding, and of hashing,\n"
                "on stderr");
  return [args] { return RunHashImage(*args); };
}

}  // namespace ipguard::cli
