// `pillars serve --demo`: two people, Ada and Ben, in a partner bond with six weeks of history
// (check-ins, entries shared and kept, answers, warm words, calls for comfort and for space), so a
// newcomer sees every screen filled. Made once: a data folder that has them already is left as is.
#pragma once

#include <string_view>

#include "core/catalog.h"
#include "core/error.h"
#include "store/store.h"

namespace pillars::app {

inline constexpr std::string_view kDemoPassword = "pillars-demo-2026";
inline constexpr std::string_view kDemoEmails[] = {"ada@example.com", "ben@example.com"};
inline constexpr int kDemoDays = 42;

// Adds the demo people and their history ending the day before `now` (UTC); false when they are
// there already.
Result<bool> seed_demo(store::Store& store, const Catalog& catalog, Millis now);

}  // namespace pillars::app
