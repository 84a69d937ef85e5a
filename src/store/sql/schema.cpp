// The schema's version, the same question on every engine; and the planner's statistics.
#include "store/sql/tx.h"

namespace pillars::store::sql {

Result<int> SqlTx::schema_version() {
  Query q(c_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (q.step()) return static_cast<int>(q.integer(0));
  PILLARS_CHECK(q);
  return 0;
}

Result<void> SqlTx::refresh_statistics() {
  if (!c_.exec("ANALYZE")) return fail(Errc::internal, "storage failed");
  return {};
}

}  // namespace pillars::store::sql
