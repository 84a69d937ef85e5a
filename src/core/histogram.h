// A histogram of whole-number observations in fixed buckets, for /metrics. Recording is a short scan
// of the bounds and two relaxed atomic additions: cheap enough for every request, never a lock or an
// allocation. Reading is a snapshot that may straddle concurrent recordings, which Prometheus allows.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace pillars {

class Histogram {
 public:
  static constexpr std::size_t kMaxBuckets = 24;

  // `bounds`: the inclusive upper bounds of the buckets, ascending, in the observations' unit; they
  // must outlive the histogram (a static array). A last bucket without bound (+Inf) is implied.
  explicit Histogram(std::span<const std::uint64_t> bounds) : bounds_(bounds) {
    if (bounds.size() + 1 > kMaxBuckets) throw std::invalid_argument("too many histogram buckets");
    for (std::size_t i = 1; i < bounds.size(); ++i)
      if (bounds[i] <= bounds[i - 1]) throw std::invalid_argument("histogram bounds must ascend");
  }
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void observe(std::uint64_t value) noexcept {
    std::size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i]) ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
  }

  std::span<const std::uint64_t> bounds() const { return bounds_; }

  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf, which is the count
    std::uint64_t sum = 0;
    std::uint64_t count() const { return cumulative.empty() ? 0 : cumulative.back(); }
  };
  // The buckets made cumulative, so that each holds the observations at or below its bound and the
  // +Inf one equals the count, whatever is recorded meanwhile.
  Snapshot snapshot() const {
    Snapshot s;
    s.cumulative.reserve(bounds_.size() + 1);
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      running += counts_[i].load(std::memory_order_relaxed);
      s.cumulative.push_back(running);
    }
    s.sum = sum_.load(std::memory_order_relaxed);
    return s;
  }

  // Whether anything was recorded, without a snapshot.
  bool empty() const {
    for (std::size_t i = 0; i <= bounds_.size(); ++i)
      if (counts_[i].load(std::memory_order_relaxed)) return false;
    return true;
  }

 private:
  std::span<const std::uint64_t> bounds_;
  std::array<std::atomic<std::uint64_t>, kMaxBuckets> counts_{};
  std::atomic<std::uint64_t> sum_{0};
};

}  // namespace pillars
