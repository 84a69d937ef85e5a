#pragma once

// The memory allocator. The server runs on jemalloc (linked in, options compiled into the binary,
// see allocator.cpp): glibc's malloc took a fifth of the server's time on the reads that build
// the most objects, and returned memory to the system only when asked. A build with sanitizers
// keeps the C library's allocator, since the sanitizers bring their own.

#include <cstddef>

namespace pillars::app {

struct HeapStats {
  std::size_t in_use = 0;  // handed out and not had back
  std::size_t free = 0;    // held by the allocator beyond that, part of it still resident
};

// What the allocator holds now, for the metrics.
HeapStats heap_stats();

// Returns at once the free pages of every arena to the system (the allocator otherwise lets them
// go gradually, over a few seconds). Does nothing on the C library's allocator.
void release_free_memory();

}  // namespace pillars::app
