#include "app/allocator.h"

#if PILLARS_JEMALLOC
#include <jemalloc/jemalloc.h>

#include <cstdint>
#else
#include <malloc.h>
#endif

#if PILLARS_JEMALLOC
// Read by jemalloc before main. A thread of its own hands back pages freed for a few seconds
// (dirty_decay_ms), so memory taken by a burst returns soon after it, without waiting for the next
// allocation; pages are unmapped rather than kept lazily (muzzy_decay_ms:0), so RSS shows it. Two
// arenas suit a server of one thread per core plus a few store threads: more would each keep
// their own free pages.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the allocator's interface
const char* malloc_conf = "background_thread:true,narenas:2,dirty_decay_ms:3000,muzzy_decay_ms:0";
}
#endif

namespace pillars::app {

void release_free_memory() {
#if PILLARS_JEMALLOC
  static_assert(MALLCTL_ARENAS_ALL == 4096, "the name below addresses every arena");
  ::mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
#else
  ::malloc_trim(0);
#endif
}

HeapStats heap_stats() {
#if PILLARS_JEMALLOC
  // Statistics are cached; advancing the epoch refreshes them.
  std::uint64_t epoch = 1;
  std::size_t size = sizeof(epoch);
  ::mallctl("epoch", &epoch, &size, &epoch, size);
  auto read = [](const char* name) {
    std::size_t value = 0;
    std::size_t length = sizeof(value);
    return ::mallctl(name, &value, &length, nullptr, 0) == 0 ? value : 0;
  };
  std::size_t allocated = read("stats.allocated");
  std::size_t resident = read("stats.resident");
  return {allocated, resident > allocated ? resident - allocated : 0};
#else
  auto heap = ::mallinfo2();
  return {heap.uordblks + heap.hblkhd, heap.fordblks};
#endif
}

}  // namespace pillars::app
