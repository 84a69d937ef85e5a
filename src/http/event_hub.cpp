#include "http/event_hub.h"

#include <algorithm>

namespace pillars::http {

void EventHub::subscribe(const std::string& user_id, const std::shared_ptr<EventSink>& sink) {
  std::lock_guard lock(mutex_);
  sinks_[user_id].push_back(sink);
}

void EventHub::unsubscribe(const std::string& user_id, const EventSink* sink) {
  std::lock_guard lock(mutex_);
  auto it = sinks_.find(user_id);
  if (it == sinks_.end()) return;
  auto& list = it->second;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const std::weak_ptr<EventSink>& w) {
                              auto s = w.lock();
                              return !s || s.get() == sink;
                            }),
             list.end());
  if (list.empty()) sinks_.erase(it);
}

std::size_t EventHub::publish(const std::string& user_id, const std::string& message) {
  std::vector<std::shared_ptr<EventSink>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = sinks_.find(user_id);
    if (it == sinks_.end()) return 0;
    for (const auto& w : it->second)
      if (auto s = w.lock()) targets.push_back(std::move(s));
  }
  auto shared = std::make_shared<const std::string>(message);
  for (auto& t : targets) t->deliver(shared);
  return targets.size();
}

void EventHub::close_all() {
  std::vector<std::shared_ptr<EventSink>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [user, list] : sinks_)
      for (auto& w : list)
        if (auto s = w.lock()) all.push_back(std::move(s));
  }
  for (auto& s : all) s->close();
}

std::size_t EventHub::open_sockets() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [user, list] : sinks_) n += list.size();
  return n;
}

}  // namespace pillars::http
