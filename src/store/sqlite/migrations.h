// The schema: files named NNNN_name.sql under src/store/migrations, embedded in the binary and
// applied in order, each in its own transaction. Internal to src/store/sqlite.
#pragma once

#include <string_view>

#include "core/error.h"
#include "store/sqlite/db.h"

namespace pillars::store::sqlite {

// The first line of a migration that rebuilds a table: it then runs with foreign keys off, and
// commits only when every reference still holds.
inline constexpr std::string_view kRebuildsTables = "-- pillars: rebuilds tables";

// Applies the migrations newer than the database's schema version; returns the version reached.
Result<int> apply_migrations(Conn& conn);

}  // namespace pillars::store::sqlite
