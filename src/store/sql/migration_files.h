// Migration files as both engines number them: NNNN_name.sql, applied in order of NNNN.
#pragma once

#include <algorithm>
#include <charconv>
#include <span>
#include <string_view>

#include "core/embedded_file.h"

namespace pillars::store::sql {

// The NNNN of "NNNN_name.sql", or -1 when the name does not start with a number.
inline int migration_number(std::string_view path) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(path.data(), path.data() + path.size(), n);
  return ec == std::errc() ? n : -1;
}

// The newest migration among `files`.
inline int latest_migration(std::span<const EmbeddedFile> files) {
  int latest = 0;
  for (const auto& f : files) latest = std::max(latest, migration_number(f.path));
  return latest;
}

}  // namespace pillars::store::sql
