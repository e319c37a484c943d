#include "io/registry_loader.h"

#include <fmt/format.h>

#include "io/line_reader.h"
#include "io/record_parser.h"

namespace ipguard {

Result<RegistryLoad> LoadRegistry(const std::string& path, Rejections& rejections) {
  auto reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  RecordParser parser(reader->base_dir());
  Registry::Builder builder;
  RegistryLoad load;
  LineBatch batch;
  const std::string& name = reader->path() == "-" ? std::string("<stdin>") : reader->path();
  while (reader->Next(batch, 4096, 8 << 20)) {
    for (const auto& line : batch.lines) {
      ++load.lines;
      auto record = parser.Parse(batch.data(line), line.size);
      if (!record.ok()) {
        rejections.Add(name, line.number, record.status().message());
        continue;
      }
      if (std::holds_alternative<UnknownKind>(*record)) {
        ++load.unknown_kinds;
      } else if (auto* item = std::get_if<Item>(&*record)) {
        rejections.Add(
            name, line.number,
            fmt::format("kind \"{}\" is an item to scan; give it to --input, not --registry",
                        KindName(KindOf(*item))));
      } else if (!builder.Add(std::move(std::get<RegistryRecord>(*record)))) {
        ++load.replaced;
      }
    }
  }
  if (!reader->status().ok()) return reader->status();
  load.registry = std::move(builder).Build();
  return load;
}

}  // namespace ipguard
