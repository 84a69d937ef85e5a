#include "api/app_context.h"

namespace pillars::api {

namespace {
constexpr Millis kLoginWindow = 15LL * 60 * 1000;
}

AppContext::AppContext(store::Store& store, boost::asio::thread_pool& cpu, Settings settings,
                       http::ServerMetrics& metrics, http::EventHub& events, const Catalog& catalog,
                       std::string catalog_json, std::function<std::string()> store_metrics)
    : store_(store),
      cpu_(cpu),
      settings_(std::move(settings)),
      metrics_(metrics),
      events_(events),
      catalog_(catalog),
      catalog_json_(std::move(catalog_json)),
      store_metrics_(std::move(store_metrics)),
      per_account_(settings_.login_limit_per_account, kLoginWindow),
      per_address_(settings_.login_limit_per_address, kLoginWindow) {}

Millis AppContext::now() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int AppContext::login_retry_after(const std::string& email, const std::string& address) {
  std::lock_guard lock(limiter_mutex_);
  Millis t = now();
  if (t - last_prune_ > kLoginWindow) {
    per_account_.prune(t);
    per_address_.prune(t);
    last_prune_ = t;
  }
  return std::max(per_account_.retry_after_seconds(email, t), per_address_.retry_after_seconds(address, t));
}

void AppContext::login_failed(const std::string& email, const std::string& address) {
  std::lock_guard lock(limiter_mutex_);
  Millis t = now();
  per_account_.record(email, t);
  per_address_.record(address, t);
}

void AppContext::login_succeeded(const std::string& email) {
  std::lock_guard lock(limiter_mutex_);
  per_account_.clear(email);
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
