#pragma once

// The server's log: one line per event on standard error ("ts=... level=... key=value ..."), the
// access log among them. Short commands write each line as it comes; the server (`serve`) hands
// its lines to a queue and a thread of its own, so an I/O thread never waits for the disk.

#include <cstddef>
#include <memory>

namespace spdlog {
class logger;
namespace details {
class thread_pool;
}
}  // namespace spdlog

namespace pillars::app {

// Installs the synchronous logger every command starts with.
void setup_logging();

// While it lives, the default logger is asynchronous: lines wait in a bounded queue for a thread
// that writes them, and when the queue is full (a slow disk, a flood of requests) the oldest
// waiting line is dropped and counted rather than the server stalling. Ending it writes what is
// still queued and puts the synchronous logger back.
class AsyncLogging {
 public:
  explicit AsyncLogging(std::size_t queue_lines = kDefaultQueueLines);
  ~AsyncLogging();
  AsyncLogging(const AsyncLogging&) = delete;
  AsyncLogging& operator=(const AsyncLogging&) = delete;

  // Lines dropped because the queue was full.
  std::size_t dropped() const;

  // About 300 bytes a line, allocated up front: a quarter of a megabyte.
  static constexpr std::size_t kDefaultQueueLines = 1024;

 private:
  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::logger> before_;
};

}  // namespace pillars::app
