// Live events: each signed-in person's open WebSockets, and a way to send a message to all of a
// person's sockets. Thread-safe; delivery is asynchronous and never blocks the publisher.
//
// Every socket belongs to one session. When a session ends (sign-out, revocation, a new password,
// expiry) the API layer asks which sessions still hold sockets and closes those that are no longer
// valid, so a signed-out device stops hearing the other person at once. A person holds at most
// `max_per_person` sockets: opening one more closes their oldest, so one account cannot pile up
// sockets without bound.
#pragma once

#include <cstdint>
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
  // Closes the socket (at shutdown, or when its session ended).
  virtual void close() = 0;
};

class EventHub {
 public:
  explicit EventHub(std::size_t max_per_person = 16) : max_per_person_(max_per_person) {}

  // Registers a socket of `session_id`. When the person already holds `max_per_person` sockets the
  // oldest is closed.
  void subscribe(const std::string& user_id, const std::string& session_id, const std::shared_ptr<EventSink>& sink);
  void unsubscribe(const std::string& user_id, const EventSink* sink);

  // Sends `message` to every socket of `user_id`. Returns how many sockets it was queued on.
  std::size_t publish(const std::string& user_id, const std::string& message);

  // The sessions of `user_id` that hold a socket now.
  std::vector<std::string> sessions_of(const std::string& user_id) const;
  // Every person with a socket now.
  std::vector<std::string> people() const;

  // Closes the sockets of `user_id` whose session is not in `valid`. Returns how many it closed.
  std::size_t close_sessions_except(const std::string& user_id, const std::vector<std::string>& valid);

  // Closes every socket (at shutdown).
  void close_all();

  std::size_t open_sockets() const;
  std::uint64_t closed_for_session_end() const;

 private:
  struct Entry {
    std::weak_ptr<EventSink> sink;
    std::string session_id;
  };
  std::size_t max_per_person_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Entry>> sinks_;  // per person, oldest first
  std::uint64_t closed_for_session_end_ = 0;
};

}  // namespace pillars::http
