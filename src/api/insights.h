// Insights as the API answers them, computed inside a read transaction: the facts are read and
// the rules of core/insights applied. Apart from the handlers so the benchmark times the same work.
#pragma once

#include "api/handlers.h"
#include "api/json.h"
#include "core/catalog.h"
#include "core/insights.h"
#include "store/store.h"

namespace pillars::api {

// The window from ?days=W (kMinWindowDays..kMaxWindowDays, default kDefaultWindowDays). It ends on
// the latest day anyone's calendar may have reached, as the check-in history does.
std::expected<Window, Error> window_of(AppContext& app, const Context& ctx);
// {days, from, to} of a window.
json::object window_json(Window w);

// A bond's insights over `window`, the same for both members whoever `viewer` is. The bond must be
// active (an ended bond has none). `today` is UTC's day now: warm words are stamped in UTC, so the
// days since the last "I love you" count from it, while the window may reach a day further for
// check-ins made where the calendar is already on tomorrow.
Result<json::object> bond_insights_of(store::ReadTx& tx, const Catalog& catalog, const User& viewer,
                                      const BondView& bond, Window window, Day today);
// The insights for `me` alone.
Result<json::object> my_insights_of(store::ReadTx& tx, const User& me, Window window);

}  // namespace pillars::api
