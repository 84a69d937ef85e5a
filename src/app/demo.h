// `pillars serve --demo`: two people, Ada and Ben, in a partner bond with ten weeks of history in
// every feature (check-ins with shared wishes, entries shared and kept, answers, warm words, calls for
// comfort and for space, the two needs, time of one's own, moments, reflections, conversation decks
// and menus, and what is new), so a newcomer sees every screen filled. All of it goes through the
// store's write operations, as the app's own does. Made once: a data folder that has them already
// is left as is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"
#include "store/store.h"

namespace pillars::app {

inline constexpr std::string_view kDemoPassword = "pillars-demo-2026";
inline constexpr std::string_view kDemoEmails[] = {"ada@example.com", "ben@example.com"};
inline constexpr int kDemoDays = 70;

// The line `serve --demo` prints on stdout at start: whom to sign in as, and the (public) password.
std::string demo_sign_in();

// What the demo names in the content (feeling families, reflections, kinds of own time,
// conversation prompts and their choices, menu items and categories) that the catalog does not
// have, or not for partners; empty when all is there.
std::vector<std::string> demo_content_problems(const Catalog& catalog);

// Adds the demo people and their history ending the day before `now` (UTC), in one transaction;
// false when they are there already. Fails when the content no longer has an id the demo names.
Result<bool> seed_demo(store::Store& store, const Catalog& catalog, Millis now);

}  // namespace pillars::app
