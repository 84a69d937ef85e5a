// Replays a corpus through a fuzz target without libFuzzer: the short form of fuzzing that
// `make test` runs with the ordinary compiler (ASan and UBSan with PRESET=debug). Arguments are
// corpus folders or files; every file is run once, in name order. On a crash the file that was
// running is named.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::string current;  // the input being run, for the crash message

void name_the_input() {
  if (!current.empty()) std::fprintf(stderr, "\nfuzz replay: the input that failed is %s\n", current.c_str());
}

extern "C" void on_abort(int sig) {
  name_the_input();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::signal(SIGABRT, on_abort);
  std::signal(SIGSEGV, on_abort);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_set_death_callback(name_the_input);
#endif
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i]))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "fuzz replay: no inputs given\n");
    return 1;
  }
  std::size_t bytes = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "fuzz replay: cannot read %s\n", file.c_str());
      return 1;
    }
    std::vector<char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    current = file.string();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    bytes += data.size();
  }
  current.clear();
  std::printf("%s: replayed %zu inputs (%zu bytes), no finding\n", fs::path(argv[0]).filename().c_str(), files.size(), bytes);
  return 0;
}
