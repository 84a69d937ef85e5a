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
      login_(login_limits(settings_)),
      signups_(settings_.signup_limit_per_address, kHour),
      invites_per_account_(settings_.invite_limit_per_account, kHour),
      invites_per_address_(settings_.invite_limit_per_address, kHour),
      passwords_(settings_.password_limit_per_account, kLoginWindow),
      resets_per_address_(settings_.reset_limit_per_address, kHour),
      resets_per_email_(settings_.reset_limit_per_email, kHour) {
  instance_ = crypto::random_id();
}

Millis AppContext::now_pruned() {
  Millis t = now();
  if (t - last_prune_ > kHour) {
    login_.prune(t);
    for (auto* limiter : {&signups_, &invites_per_account_, &invites_per_address_, &passwords_, &resets_per_address_,
                          &resets_per_email_})
      limiter->prune(t);
    last_prune_ = t;
  }
  return t;
}

int AppContext::take_login(const LoginAttempt& attempt) {
  std::lock_guard lock(limiter_mutex_);
  return login_.take(attempt, now_pruned());
}

void AppContext::login_succeeded(const LoginAttempt& attempt) {
  std::lock_guard lock(limiter_mutex_);
  login_.succeeded(attempt);
}

int AppContext::take_signup(const std::string& address) {
  std::lock_guard lock(limiter_mutex_);
  return signups_.take(address, now_pruned());
}

bool AppContext::enter_signup_queue() {
  std::size_t queued = signups_queued_.load();
  do {
    if (queued >= settings_.signup_queue) return false;
  } while (!signups_queued_.compare_exchange_weak(queued, queued + 1));
  return true;
}

namespace {

// One event under two limits at once: counted in both, or (when either says wait) in neither.
int take_both(SlidingWindowLimiter& a, const std::string& key_a, SlidingWindowLimiter& b, const std::string& key_b,
              Millis t) {
  int wait = std::max(a.retry_after_seconds(key_a, t), b.retry_after_seconds(key_b, t));
  if (wait > 0) return wait;
  a.record(key_a, t);
  b.record(key_b, t);
  return 0;
}

}  // namespace

int AppContext::take_invite_accept(const std::string& user_id, const std::string& address) {
  std::lock_guard lock(limiter_mutex_);
  return take_both(invites_per_account_, user_id, invites_per_address_, address, now_pruned());
}

int AppContext::take_reset_request(const std::string& address, const std::string& email) {
  std::lock_guard lock(limiter_mutex_);
  return take_both(resets_per_address_, address, resets_per_email_, email, now_pruned());
}

void AppContext::invite_accept_not_a_guess(const std::string& user_id, const std::string& address) {
  std::lock_guard lock(limiter_mutex_);
  invites_per_account_.give_back(user_id);
  invites_per_address_.give_back(address);
}

int AppContext::take_password_check(const std::string& user_id) {
  std::lock_guard lock(limiter_mutex_);
  return passwords_.take(user_id, now_pruned());
}

void AppContext::password_succeeded(const std::string& user_id) {
  std::lock_guard lock(limiter_mutex_);
  passwords_.clear(user_id);
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
