#include "http/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <span>

#include "core/embedded_file.h"

namespace pillars {
std::span<const EmbeddedFile> web_asset_files();  // generated from web/dist
}

namespace pillars::http {

namespace {

std::string content_type_for(std::string_view path) {
  auto dot = path.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot);
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string etag_of(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", h);
}

bool looks_like_app_route(const std::string& path) {
  auto slash = path.rfind('/');
  return path.find('.', slash == std::string::npos ? 0 : slash) == std::string::npos;
}

}  // namespace

StaticFiles::StaticFiles() {
  for (const auto& f : web_asset_files())
    files_.emplace("/" + std::string(f.path), File{f.data, content_type_for(f.path), etag_of(f.data)});
}

StaticFiles::StaticFiles(std::string dir) : dir_(std::move(dir)) {}

bool StaticFiles::has_app() const {
  if (!dir_.empty()) return std::filesystem::exists(std::filesystem::path(dir_) / "index.html");
  return files_.contains("/index.html");
}

std::optional<Response> StaticFiles::respond(const Request& req, std::string_view data,
                                             const std::string& content_type, const std::string& etag,
                                             bool immutable) const {
  Response res{bhttp::status::ok, 11};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::etag, etag);
  res.set(bhttp::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto inm = req.find(bhttp::field::if_none_match); inm != req.end() && inm->value() == etag) {
    res.result(bhttp::status::not_modified);
    return res;
  }
  if (req.method() == bhttp::verb::head) {
    res.content_length(data.size());
  } else {
    res.body().assign(data);
    res.prepare_payload();
  }
  return res;
}

std::optional<std::string> StaticFiles::safe_path(const std::vector<std::string>& segments) {
  if (segments.empty()) return "/index.html";
  std::string path;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = segments[i];
    // "/app/" has a trailing empty segment: the same address as "/app".
    if (s.empty() && i + 1 == segments.size() && i > 0) break;
    if (s.empty() || s == "." || s == ".." || s.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
      return std::nullopt;
    path += '/';
    path += s;
  }
  return path;
}

std::optional<Response> StaticFiles::serve(const Request& req, const std::vector<std::string>& segments) const {
  auto safe = safe_path(segments);
  if (!safe) return std::nullopt;
  const std::string& want = *safe;
  bool immutable = want.starts_with("/assets/");
  if (!dir_.empty()) return serve_from_disk(req, want, immutable);
  auto it = files_.find(want);
  if (it == files_.end()) {
    if (!looks_like_app_route(want)) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
    immutable = false;
  }
  return respond(req, it->second.data, it->second.content_type, it->second.etag, immutable);
}

std::optional<Response> StaticFiles::serve_from_disk(const Request& req, const std::string& want, bool immutable) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root = fs::canonical(dir_, ec);
  if (ec) return std::nullopt;
  // Resolve symbolic links, then insist the file is still inside the folder.
  auto inside = [&](const fs::path& candidate) -> std::optional<fs::path> {
    std::error_code e;
    fs::path real = fs::canonical(candidate, e);
    if (e || !fs::is_regular_file(real, e)) return std::nullopt;
    auto [r, c] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    if (r != root.end()) return std::nullopt;
    return real;
  };
  std::string type_of = want;
  auto file = inside(root / want.substr(1));
  if (!file) {
    if (!looks_like_app_route(want)) return std::nullopt;
    file = inside(root / "index.html");
    if (!file) return std::nullopt;
    type_of = "/index.html";
    immutable = false;
  }
  std::ifstream in(*file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return respond(req, data, content_type_for(type_of), etag_of(data), immutable);
}

}  // namespace pillars::http
