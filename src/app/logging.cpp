#include "app/logging.h"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace pillars::app {

namespace {
constexpr const char* kPattern = "ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v";
}

void setup_logging() {
  auto logger = spdlog::stderr_logger_mt("pillars");
  logger->set_pattern(kPattern, spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);
  spdlog::flush_on(spdlog::level::info);
}

AsyncLogging::AsyncLogging(std::size_t queue_lines)
    : pool_(std::make_shared<spdlog::details::thread_pool>(queue_lines, 1)), before_(spdlog::default_logger()) {
  // The same sinks as the synchronous logger, so lines keep their place and format.
  auto logger = std::make_shared<spdlog::async_logger>("pillars", before_->sinks().begin(), before_->sinks().end(),
                                                       pool_, spdlog::async_overflow_policy::overrun_oldest);
  logger->set_pattern(kPattern, spdlog::pattern_time_type::utc);
  logger->set_level(before_->level());
  // No flush requests: the standard-error sink flushes each line as it writes it, and a request
  // would take a second place in the queue for every line.
  logger->flush_on(spdlog::level::off);
  spdlog::set_default_logger(logger);
}

AsyncLogging::~AsyncLogging() {
  // Back to writing directly; the pool's thread writes every line still queued before it ends.
  spdlog::set_default_logger(before_);
  pool_.reset();
}

std::size_t AsyncLogging::dropped() const { return pool_ ? pool_->overrun_counter() : 0; }

}  // namespace pillars::app
