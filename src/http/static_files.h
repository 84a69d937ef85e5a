// The web app's files: compiled into the binary, or read from a folder while developing.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/request.h"

namespace pillars::http {

class StaticFiles {
 public:
  // Serves the files embedded at build time.
  StaticFiles();
  // Serves nothing: for a listener that only answers its routes (metrics).
  static StaticFiles none() { return StaticFiles(Nothing{}); }
  // Serves the files of `dir` instead, read on each request (for development with --web-dir).
  explicit StaticFiles(std::string dir);

  // True when there is an index.html to serve.
  bool has_app() const;

  // The response for a GET or HEAD of the decoded path `segments`, or nullopt when no file matches
  // and the path does not look like an app route. App routes (no dot in the last segment) get
  // index.html. Only plain names are looked up: a segment that is empty (from "//"), "." or "..",
  // or that holds '/', '\\' or NUL (from %2F, %5C, %00) finds nothing, and a file reached through a
  // symbolic link that leads out of the folder is not served. Blocking when serving from a folder:
  // call off the I/O threads then.
  std::optional<Response> serve(const Request& req, const std::vector<std::string>& segments) const;

  // The folder-relative path for `segments` ("/index.html" for none), or nullopt when a segment
  // is not a plain name (see serve). Pure; exposed for tests.
  static std::optional<std::string> safe_path(const std::vector<std::string>& segments);

  bool from_disk() const { return !dir_.empty(); }

 private:
  struct Nothing {};
  explicit StaticFiles(Nothing) {}
  struct File {
    std::string_view data;
    std::string content_type;
    std::string etag;
  };
  std::optional<Response> respond(const Request& req, std::string_view data, const std::string& content_type,
                                  const std::string& etag, bool immutable) const;
  std::optional<Response> serve_from_disk(const Request& req, const std::string& want, bool immutable) const;

  std::string dir_;
  std::unordered_map<std::string, File> files_;
};

}  // namespace pillars::http
