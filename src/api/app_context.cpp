#include "api/app_context.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <set>

#include "api/async_store.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {
constexpr Millis kLoginWindow = 15LL * 60 * 1000;
constexpr Millis kHour = 3600LL * 1000;
static_assert(kHour <= kLongestRateWindow && kLoginWindow <= kLongestRateWindow);

LoginLimits login_limits(const Settings& s) {
  LoginLimits l;
  l.per_device = s.login_limit_per_account;
  l.per_account_and_address = s.login_limit_per_account;
  l.per_address = s.login_limit_per_address;
  l.account_wide = s.login_limit_account_wide;
  l.window = kLoginWindow;
  return l;
}
}  // namespace

AppContext::AppContext(store::Store& store, Clock clock, boost::asio::thread_pool& cpu, Settings settings,
                       http::ServerMetrics& metrics, http::EventHub& events, const Catalog& catalog,
                       std::string catalog_json, std::function<std::string()> store_metrics)
    : store_(store),
      clock_(std::move(clock)),
      cpu_(cpu),
      settings_(std::move(settings)),
      metrics_(metrics),
      events_(events),
      catalog_(catalog),
      catalog_json_(std::move(catalog_json)),
      store_metrics_(std::move(store_metrics)),
      login_limits_(login_limits(settings_)),
      limits_(store_.shared() && settings_.limit_key ? store_rate_limits(store_, settings_.limit_key)
                                                      : memory_rate_limits()) {
  instance_ = crypto::random_id();
}

// Each builds its counters in a local first: the coroutine's frame holds them while they are counted.
boost::asio::awaitable<Result<int>> AppContext::take_login(const LoginAttempt& attempt) {
  const auto counters = login_counters(attempt, login_limits_);
  co_return co_await limits_->take(counters, now());
}

void AppContext::login_succeeded(const LoginAttempt& attempt) { limits_->undo(login_success(attempt, login_limits_)); }

boost::asio::awaitable<Result<int>> AppContext::take_signup(const std::string& address) {
  const std::vector<Counter> counters{{"signup", address, settings_.signup_limit_per_address, kHour}};
  co_return co_await limits_->take(counters, now());
}

bool AppContext::enter_signup_queue() {
  std::size_t queued = signups_queued_.load();
  do {
    if (queued >= settings_.signup_queue) return false;
  } while (!signups_queued_.compare_exchange_weak(queued, queued + 1));
  return true;
}

namespace {
// Failed invite accepts are counted per account and per address.
std::vector<Counter> invite_counters(const Settings& s, const std::string& user_id, const std::string& address) {
  return {{"invite-account", user_id, s.invite_limit_per_account, kHour},
          {"invite-address", address, s.invite_limit_per_address, kHour}};
}
Counter password_counter(const Settings& s, const std::string& user_id) {
  return {"password", user_id, s.password_limit_per_account, kLoginWindow};
}
}  // namespace

boost::asio::awaitable<Result<int>> AppContext::take_invite_accept(const std::string& user_id,
                                                                   const std::string& address) {
  const auto counters = invite_counters(settings_, user_id, address);
  co_return co_await limits_->take(counters, now());
}

void AppContext::invite_accept_not_a_guess(const std::string& user_id, const std::string& address) {
  limits_->undo({{}, invite_counters(settings_, user_id, address)});
}

boost::asio::awaitable<Result<int>> AppContext::take_reset_request(const std::string& address,
                                                                   const std::string& email) {
  const std::vector<Counter> counters{{"reset-address", address, settings_.reset_limit_per_address, kHour},
                                      {"reset-email", email, settings_.reset_limit_per_email, kHour}};
  co_return co_await limits_->take(counters, now());
}

boost::asio::awaitable<Result<int>> AppContext::take_password_check(const std::string& user_id) {
  const std::vector<Counter> counters{password_counter(settings_, user_id)};
  co_return co_await limits_->take(counters, now());
}

void AppContext::password_succeeded(const std::string& user_id) {
  limits_->undo({{password_counter(settings_, user_id)}, {}});
}

void AppContext::check_live_sockets(const std::string& user_id) {
  if (events_.sessions_of(user_id).empty()) return;
  store_.submit_read([this, user_id, now = now()](store::ReadTx& tx) {
    auto sessions = tx.sessions_of(user_id, now);
    if (!sessions) return;  // the store did not answer: keep the sockets; the next sweep asks again
    std::vector<std::string> valid;
    valid.reserve(sessions->size());
    for (const auto& s : *sessions) valid.push_back(s.id);
    events_.close_sessions_except(user_id, valid);
  });
}

void AppContext::check_all_live_sockets() {
  for (const auto& user : events_.people()) check_live_sockets(user);
}

namespace {
// What instances tell each other, as JSON: {"i": instance, "t": type, ...}. Types: "hi" (I am here;
// "new": true asks the hearer to say hi back), "bye", "u" (forget person "u"), "b" (forget bond
// views), "e" (live event "m" for person "u"), "ack" (I did what announcement "of" asked).
constexpr Millis kPeerQuiet = 30'000;                  // an instance not heard from for this long is gone
constexpr auto kAckWait = std::chrono::milliseconds(1000);  // the longest a change waits for the others

std::string announcement(const std::string& instance, std::string_view type, boost::json::object more = {}) {
  more["i"] = instance;
  more["t"] = type;
  return boost::json::serialize(more);
}
}  // namespace

struct AppContext::Waiting {
  std::set<std::string> owed;
};

void AppContext::tell(const std::string& message) {
  // Nobody waits for the write itself; announce_and_wait() waits for the answers instead.
  store_.submit_write([message](store::WriteTx& tx) { return tx.announce(message).has_value(); }, {});
}

boost::asio::awaitable<void> AppContext::announce_and_wait(std::string_view type, const std::string& user_id) {
  if (!store_.shared()) co_return;
  const std::string id = crypto::random_id();
  boost::json::object more{{"id", id}};
  if (!user_id.empty()) more["u"] = user_id;
  std::string message = announcement(instance_, type, std::move(more));
  auto waiting = std::make_shared<Waiting>();
  {
    std::lock_guard lock(peers_mutex_);
    const Millis cutoff = now() - kPeerQuiet;
    for (const auto& [peer, last] : peers_)
      if (last >= cutoff) waiting->owed.insert(peer);
    if (!waiting->owed.empty()) waiting_[id] = waiting;
  }
  auto told = co_await write(store_, [&](store::WriteTx& tx) { return tx.announce(message); });
  if (!told) spdlog::error("cannot tell the other instances of a change: {}", told.error().detail);
  // The answers come on the store's listening thread; look for them in short steps.
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  const auto give_up = std::chrono::steady_clock::now() + kAckWait;
  for (bool owed = told.has_value();; ) {
    {
      std::lock_guard lock(peers_mutex_);
      owed = owed && !waiting->owed.empty();
      if (!owed) {
        waiting_.erase(id);
        break;
      }
    }
    if (std::chrono::steady_clock::now() >= give_up) {
      spdlog::warn("an instance did not confirm a change within {} ms", kAckWait.count());
      owed = false;
      continue;
    }
    timer.expires_after(std::chrono::milliseconds(2));
    co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }
}

boost::asio::awaitable<void> AppContext::forget_user_everywhere(const std::string& user_id) {
  sessions_.forget_user(user_id);
  co_await announce_and_wait("u", user_id);
}

boost::asio::awaitable<void> AppContext::forget_bonds_everywhere() {
  bonds_.forget_all();
  co_await announce_and_wait("b", {});
}

void AppContext::publish(const std::string& user_id, const std::string& message) {
  events_.publish(user_id, message);
  // A live event is a hint to refetch, and the write it tells of is durable: nobody waits.
  if (store_.shared()) tell(announcement(instance_, "e", {{"u", user_id}, {"m", message}}));
}

void AppContext::join_instances() {
  if (!store_.shared()) return;
  store_.listen([this](const std::string& message) { heard(message); },
                [this] {
                  // Something may have been said while the line was down: trust no cached answer.
                  sessions_.forget_if([](const auto&) { return true; });
                  bonds_.forget_all();
                });
  tell(announcement(instance_, "hi", {{"new", true}}));
}

void AppContext::greet_instances() {
  if (store_.shared()) tell(announcement(instance_, "hi"));
}

void AppContext::leave_instances() {
  if (store_.shared()) tell(announcement(instance_, "bye"));
}

std::vector<std::string> AppContext::peers() {
  std::lock_guard lock(peers_mutex_);
  std::vector<std::string> out;
  const Millis cutoff = now() - kPeerQuiet;
  for (const auto& [peer, last] : peers_)
    if (last >= cutoff) out.push_back(peer);
  return out;
}

void AppContext::heard(const std::string& message) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(message, ec);
  if (ec || !parsed.is_object()) return;
  const auto& o = parsed.as_object();
  auto text = [&](const char* key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const std::string from = text("i"), type = text("t"), user_id = text("u"), id = text("id");
  if (from.empty() || from == instance_) return;
  bool greet_back = false;
  {
    std::lock_guard lock(peers_mutex_);
    if (type == "bye") {
      peers_.erase(from);
    } else {
      auto [it, added] = peers_.insert_or_assign(from, now());
      greet_back = added && type == "hi" && o.contains("new");
    }
    if (type == "ack")
      if (auto w = waiting_.find(text("of")); w != waiting_.end()) w->second->owed.erase(from);
    // Whoever said bye owes no answers any more.
    if (type == "bye")
      for (auto& [key, w] : waiting_) w->owed.erase(from);
  }
  if (greet_back) tell(announcement(instance_, "hi"));
  if (type == "u" && !user_id.empty()) {
    sessions_.forget_user(user_id);
    check_live_sockets(user_id);
  } else if (type == "b") {
    bonds_.forget_all();
  } else if (type == "e" && !user_id.empty()) {
    events_.publish(user_id, text("m"));
  }
  // Done: the announcer may answer its caller now.
  if ((type == "u" || type == "b") && !id.empty()) tell(announcement(instance_, "ack", {{"of", id}}));
}

}  // namespace pillars::api
