// The web app's files: compiled into the binary, or read from a folder while developing.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.h"

namespace pillars::http {

class StaticFiles {
 public:
  // Serves the files embedded at build time.
  StaticFiles();
  // Serves the files of `dir` instead, read on each request (for development with --web-dir).
  explicit StaticFiles(std::string dir);

  // True when there is an index.html to serve.
  bool has_app() const;

  // The response for a GET or HEAD of `path` (already decoded, starting with '/'), or nullopt when
  // no file matches and the path does not look like an app route. App routes (no dot in the last
  // segment) get index.html. Blocking when serving from a folder: call off the I/O threads then.
  std::optional<Response> serve(const Request& req, const std::string& path) const;

  bool from_disk() const { return !dir_.empty(); }

 private:
  struct File {
    std::string_view data;
    std::string content_type;
    std::string etag;
  };
  std::optional<Response> respond(const Request& req, std::string_view data, const std::string& content_type,
                                  const std::string& etag, bool immutable) const;

  std::string dir_;
  std::unordered_map<std::string, File> files_;
};

}  // namespace pillars::http
