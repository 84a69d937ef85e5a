// Sends the calm notifications core/notify.h decides on: every round it reads who has a push device,
// works out each one's local time in their own time zone, asks plan_pushes what to send, marks it
// sent (before sending, so a restart never sends twice) and hands one message per device to the
// pusher. A device the push service says is gone is forgotten.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>

#include "api/app_context.h"
#include "core/notify.h"
#include "push/webpush.h"

namespace pillars::api {

struct DispatchOptions {
  std::chrono::milliseconds every{std::chrono::seconds(30)};
  NotifyTiming timing;
};

// The local day and minute of the day at `now` in the IANA zone `timezone` (UTC when unknown).
std::pair<Day, int> local_time(const std::string& timezone, Millis now);

// One round; returns how many messages went to the pusher.
boost::asio::awaitable<int> dispatch_round(AppContext& app, push::Pusher& pusher, const NotifyTiming& timing);

// Rounds until the executor stops.
boost::asio::awaitable<void> dispatch_loop(AppContext& app, push::Pusher& pusher, DispatchOptions options);

}  // namespace pillars::api
