// Fixed arithmetic for choices that must come out the same everywhere: on every device, every build
// and every standard library (unlike std::hash or the standard distributions, whose results the
// standard leaves to each library). Used wherever "the same for both, the same on every device"
// is a rule: the order of one's reflections, a bond's prompt of the day.
#pragma once

#include <cstdint>
#include <string_view>

namespace pillars {

// FNV-1a over the bytes of `text`.
inline std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// splitmix64: the next number of the sequence `state` walks.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace pillars
