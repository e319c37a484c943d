// `ipguard demo`: writes a deterministic synthetic marketplace.
#include <CLI/CLI.hpp>

#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "demo/demo_generator.h"

namespace ipguard::cli {

Runner AddDemoCommand(CLI::App& app) {
  auto opts = std::make_shared<demo::DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Write a deterministic synthetic marketplace: registry.ndjson (rights holders, brands,\n"
      "works, images, portraits), items.ndjson (shops, accounts, listings, content, verdict\n"
      "seeds), truth.ndjson (the planted answers, for `ipguard evaluate`) and images/.\n"
      "The same --seed and --listings always give the same files.");
  cmd->add_option("--out,-o", opts->out_dir, "output folder (created if missing)")
      ->capture_default_str();
  cmd->add_option("--seed", opts->seed, "random seed")->capture_default_str();
  cmd->add_option("--listings,-n", opts->listings,
                  "number of listings (content is a quarter of that)")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1000000000}));
  cmd->add_option("--max-images", opts->max_images, "generated PNG photos at most (0: none)")
      ->capture_default_str();
  cmd->add_option("--extra-brands", opts->extra_brands,
                  "synthetic brands added to the registry (for benchmarks)")
      ->capture_default_str();
  return [opts] {
    auto counts = demo::GenerateDemo(*opts);
    if (!counts.ok()) {
      fmt::print(stderr, "ipguard demo: {}\n", counts.status().message());
      return 1;
    }
    fmt::print(stderr,
               "ipguard demo: wrote {0}/registry.ndjson ({1} records), {0}/items.ndjson ({2} "
               "records), {0}/truth.ndjson ({3} answers), {4} images\n",
               opts->out_dir, counts->registry, counts->items, counts->truth, counts->images);
    return 0;
  };
}

}  // namespace ipguard::cli
