// The content loader: a feelings.json (content/feelings.json is the seed) through parse_catalog,
// the parser and rule checker the binary runs on its built-in content at start.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "api/app_context.h"
#include "check.h"

using namespace pillars;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = api::parse_catalog({{"feelings.json", text}});
  if (!loaded) {
    FUZZ_CHECK(loaded.error().code == Errc::internal && !loaded.error().detail.empty());
    return 0;
  }
  // Accepted: it keeps every catalog rule, each word points at its family, and the JSON served at
  // GET /api/v1/catalog is an object holding the families.
  const Catalog& catalog = loaded->catalog;
  FUZZ_CHECK(catalog_problems(catalog).empty());
  std::set<std::string_view> seen;
  for (const auto& family : catalog.families) {
    for (const auto& id : family.word_ids) {
      const FeelingWord* word = catalog.word(id);
      FUZZ_CHECK(word != nullptr);
      seen.insert(id);
    }
  }
  for (const auto& [id, word] : catalog.words) {
    FUZZ_CHECK(catalog.family(word.family) != nullptr);
    FUZZ_CHECK(seen.contains(id));
  }
  boost::system::error_code ec;
  auto served = boost::json::parse(loaded->json, ec);
  FUZZ_CHECK(!ec && served.is_object());
  const auto* feelings = served.as_object().if_contains("feelings");
  FUZZ_CHECK(feelings && feelings->is_object() && feelings->as_object().contains("families"));
  return 0;
}
