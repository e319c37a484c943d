// The embedded default Store: one SQLite database file in WAL mode.
//
// Opening applies the versioned schema migrations (PRAGMA user_version) the
// file has not seen yet, each in its own transaction; a file written by a
// newer ipguard is refused. Every write runs in one BEGIN IMMEDIATE
// transaction together with its audit entries; every statement is prepared
// once with `?` parameters (no SQL is ever built from values). With
// synchronous=NORMAL in WAL mode a committed transaction survives the
// process being killed at any point (not a power cut).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace ipguard::store {

// Opens (creating if absent) the database at `path` and migrates it.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

// The schema version this build writes.
int SqliteSchemaVersion();

}  // namespace ipguard::store
