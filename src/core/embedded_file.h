// A file compiled into the binary (web assets, migrations, content). Generated tables of these come
// from tools/embed.cpp at build time.
#pragma once

#include <span>
#include <string_view>

namespace pillars {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder, with '/' separators
  std::string_view data;
};

}  // namespace pillars
