// The schema: files named NNNN_name.sql under src/store/migrations, embedded in the binary and
// applied in order, each in its own transaction. Internal to src/store/sqlite.
#pragma once

#include "core/error.h"
#include "store/sqlite/db.h"

namespace pillars::store::sqlite {

// Applies the migrations newer than the database's schema version; returns the version reached.
Result<int> apply_migrations(Conn& conn);

}  // namespace pillars::store::sqlite
