// Boost's assertions where they are checked (Debug builds and the fuzzing build; release builds
// define NDEBUG and check none): each one aborts, as assert() would, except one known false alarm
// of Boost 1.81 that a client can set off.
//
// Beast's chunked-body parser asserts `n >= 5` when put() is resumed after the last chunk "0\r\n"
// with fewer than five bytes buffered (a client sending "0\r\n", then "\r", then "\n"). The code
// after the assertion handles that case correctly (it asks for more input); Boost 1.86 relaxed the
// assertion (boostorg/beast pull request 2861). Without this, a debug server aborts on such a client.
#include <boost/assert.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  if (std::strcmp(expr, "n >= 5") == 0 && std::strstr(file, "beast/http/impl/basic_parser.ipp")) return;
  std::fprintf(stderr, "%s:%ld: %s: Boost assertion failed: %s\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
  std::fprintf(stderr, "%s:%ld: %s: Boost assertion failed: %s (%s)\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost
