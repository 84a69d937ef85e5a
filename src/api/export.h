// A person's data as a document they keep (docs/export.md): what gather_export collects, the
// Markdown journal made from it, and the zip both travel in.
#pragma once

#include <archive.h>
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"
#include "store/store.h"

namespace pillars::api {

inline constexpr std::string_view kExportFormat = "pillars-export";
inline constexpr int kExportVersion = 1;

// Everything the person wrote and everything shown to them, read in the caller's one snapshot:
// their entries (with the answers they got), their answers to others, the two needs, and for each
// bond its check-ins (the other's only for days both checked in), entries shared with them, warm
// words, calls for comfort and space, moments, conversations (the other's answer only once
// revealed), their own menu answers and suggestions, and the other's needs when shown.
Result<boost::json::object> gather_export(store::ReadTx& tx, const User& me, const Catalog& catalog,
                                          const std::string& catalog_json, Millis now);

// The same document as a journal to read: Markdown, newest first within each part.
std::string journal_markdown(const boost::json::object& document);

using ExportFile = std::pair<std::string, std::string>;  // name in the zip, contents
// pillars-export.json and journal.md.
std::vector<ExportFile> export_files(const boost::json::object& document);
// "pillars-export-2026-12-02.zip"
std::string export_file_name(Millis at);

// Writes files into a zip a slice at a time: each step compresses up to kSlice more bytes and gives
// what came out, until nullopt. Memory stays the files plus a slice, whatever their size.
class ZipWriter {
 public:
  static constexpr std::size_t kSlice = 256 * 1024;
  ZipWriter(std::vector<ExportFile> files, Millis at);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  Result<std::optional<std::string>> step();
  bool done() const { return done_; }

 private:
  static la_ssize_t collect(struct archive*, void* self, const void* data, size_t size);
  Result<std::optional<std::string>> failed();

  std::vector<ExportFile> files_;
  Millis at_ = 0;
  struct archive* archive_ = nullptr;
  std::string out_;
  std::size_t file_ = 0;
  std::size_t offset_ = 0;
  bool header_written_ = false;
  bool done_ = false;
};

// The pillars-export.json inside an export zip.
Result<std::string> export_json_from_zip(std::string_view zip);

// What an import brought and what stayed in the file.
struct ImportCounts {
  int entries = 0;
  int own_time = 0;
  int reflections = 0;
  int needs = 0;
};

}  // namespace pillars::api
