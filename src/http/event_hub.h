// Live events: each signed-in person's open WebSockets, and a way to send a message to all of a
// person's sockets. Thread-safe; delivery is asynchronous and never blocks the publisher.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pillars::http {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Queues `message` for sending; returns at once.
  virtual void deliver(std::shared_ptr<const std::string> message) = 0;
  // Closes the socket (at shutdown).
  virtual void close() = 0;
};

class EventHub {
 public:
  void subscribe(const std::string& user_id, const std::shared_ptr<EventSink>& sink);
  void unsubscribe(const std::string& user_id, const EventSink* sink);

  // Sends `message` to every socket of `user_id`. Returns how many sockets it was queued on.
  std::size_t publish(const std::string& user_id, const std::string& message);

  // Closes every socket (at shutdown).
  void close_all();

  std::size_t open_sockets() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<EventSink>>> sinks_;
};

}  // namespace pillars::http
