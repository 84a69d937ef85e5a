// `pillars backup FILE` copies the database while a server may be running, checks the copy and puts
// the key beside it; `pillars restore FILE` checks a backup and its key and, with no server on the
// data folder, makes it the folder's database, keeping what was there before.
#pragma once

#include <string>

namespace pillars::app {

struct BackupConfig {
  std::string data = "./data";
  std::string file;     // where the copy goes; the key goes to FILE.key
  bool no_key = false;  // do not copy the key; say where it is
};

struct RestoreConfig {
  std::string data = "./data";
  std::string file;         // the backup to restore
  std::string key;          // the key file; default FILE.key when present
  bool check_only = false;  // check the backup and its key, change nothing
};

// Each returns the process exit code: 0 when done, 1 with a sentence on stderr when not.
int run_backup(const BackupConfig& config);
int run_restore(const RestoreConfig& config);

}  // namespace pillars::app
