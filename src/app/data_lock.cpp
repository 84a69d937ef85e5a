#include "app/data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace pillars::app {

namespace {

std::string lock_path(const std::string& data) { return (std::filesystem::path(data) / "pillars.lock").string(); }

}  // namespace

Result<DataLock> DataLock::take(const std::string& data) {
  int fd = ::open(lock_path(data).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Errc::internal, "cannot open the lock file of the data folder");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return fail(Errc::conflict, "another process holds the data folder's lock");
    return fail(Errc::internal, "cannot lock the data folder");
  }
  return DataLock(fd);
}

bool DataLock::held(const std::string& data) {
  int fd = ::open(lock_path(data).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool busy = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // lets go of the lock if this took it
  return busy;
}

DataLock::~DataLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace pillars::app
