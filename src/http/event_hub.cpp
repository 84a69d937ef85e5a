#include "http/event_hub.h"

#include <algorithm>

namespace pillars::http {

void EventHub::subscribe(const std::string& user_id, const std::string& session_id,
                         const std::shared_ptr<EventSink>& sink) {
  std::vector<std::shared_ptr<EventSink>> evicted;
  {
    std::lock_guard lock(mutex_);
    auto& list = sinks_[user_id];
    std::erase_if(list, [](const Entry& e) { return e.sink.expired(); });
    while (max_per_person_ > 0 && list.size() >= max_per_person_) {
      if (auto s = list.front().sink.lock()) evicted.push_back(std::move(s));
      list.erase(list.begin());
    }
    list.push_back({sink, session_id});
  }
  for (auto& s : evicted) s->close();
}

void EventHub::unsubscribe(const std::string& user_id, const EventSink* sink) {
  std::lock_guard lock(mutex_);
  auto it = sinks_.find(user_id);
  if (it == sinks_.end()) return;
  auto& list = it->second;
  std::erase_if(list, [&](const Entry& e) {
    auto s = e.sink.lock();
    return !s || s.get() == sink;
  });
  if (list.empty()) sinks_.erase(it);
}

std::size_t EventHub::publish(const std::string& user_id, const std::string& message) {
  std::vector<std::shared_ptr<EventSink>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = sinks_.find(user_id);
    if (it == sinks_.end()) return 0;
    for (const auto& e : it->second)
      if (auto s = e.sink.lock()) targets.push_back(std::move(s));
  }
  auto shared = std::make_shared<const std::string>(message);
  for (auto& t : targets) t->deliver(shared);
  return targets.size();
}

std::vector<std::string> EventHub::sessions_of(const std::string& user_id) const {
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  if (auto it = sinks_.find(user_id); it != sinks_.end())
    for (const auto& e : it->second)
      if (std::find(out.begin(), out.end(), e.session_id) == out.end()) out.push_back(e.session_id);
  return out;
}

std::vector<std::string> EventHub::people() const {
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  out.reserve(sinks_.size());
  for (const auto& [user, list] : sinks_) out.push_back(user);
  return out;
}

std::size_t EventHub::close_sessions_except(const std::string& user_id, const std::vector<std::string>& valid) {
  std::vector<std::shared_ptr<EventSink>> ended;
  {
    std::lock_guard lock(mutex_);
    auto it = sinks_.find(user_id);
    if (it == sinks_.end()) return 0;
    std::erase_if(it->second, [&](const Entry& e) {
      if (std::find(valid.begin(), valid.end(), e.session_id) != valid.end()) return false;
      if (auto s = e.sink.lock()) ended.push_back(std::move(s));
      return true;
    });
    if (it->second.empty()) sinks_.erase(it);
    closed_for_session_end_ += ended.size();
  }
  for (auto& s : ended) s->close();
  return ended.size();
}

void EventHub::close_all() {
  std::vector<std::shared_ptr<EventSink>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [user, list] : sinks_)
      for (auto& e : list)
        if (auto s = e.sink.lock()) all.push_back(std::move(s));
  }
  for (auto& s : all) s->close();
}

std::size_t EventHub::open_sockets() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [user, list] : sinks_) n += list.size();
  return n;
}

std::uint64_t EventHub::closed_for_session_end() const {
  std::lock_guard lock(mutex_);
  return closed_for_session_end_;
}

}  // namespace pillars::http
