#include "api/app_context.h"

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
      resets_per_email_(settings_.reset_limit_per_email, kHour) {}

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

}  // namespace pillars::api
