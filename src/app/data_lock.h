// The data folder's lock: <data>/pillars.lock, held with an exclusive flock for as long as a server
// uses the folder, so a second server cannot start on it and `pillars restore` cannot replace its
// database under a running server. The kernel lets go when the process ends, however it ends.
#pragma once

#include <string>
#include <utility>

#include "core/error.h"

namespace pillars::app {

class DataLock {
 public:
  // Takes the lock of the folder `data` (which must exist), without waiting. Errc::conflict when
  // another process holds it.
  static Result<DataLock> take(const std::string& data);

  // Whether another process holds the lock of `data` now; false when it has no lock file.
  static bool held(const std::string& data);

  DataLock(DataLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  DataLock(const DataLock&) = delete;
  DataLock& operator=(const DataLock&) = delete;
  DataLock& operator=(DataLock&&) = delete;
  ~DataLock();

 private:
  explicit DataLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace pillars::app
