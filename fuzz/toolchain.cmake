# Included by the top-level CMakeLists.txt when PILLARS_FUZZ is on (preset "fuzz").
#
# libFuzzer needs clang. Debian 12's clang-16 cannot compile std::expected against GCC 12's
# libstdc++, so everything here is built against libc++ instead; Debian's compiled Boost.JSON,
# Boost.URL, fmt and spdlog are built against libstdc++ and cannot be linked in. So Boost.JSON and
# Boost.URL are compiled from their sources, and fmt and spdlog are used header-only. SQLite and
# libsodium are C libraries and link as usual.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "PILLARS_FUZZ needs clang (the preset \"fuzz\" uses clang++-16)")
endif()

# -O1 and line tables only: what sanitizer builds usually use, and quicker to compile than -O2 -g.
# Assertions stay on (no NDEBUG), so Boost's own checks fire too.
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -gline-tables-only")
set(PILLARS_FUZZ_FLAGS -stdlib=libc++ -fsanitize=address,undefined -fno-sanitize-recover=undefined
                       -fno-omit-frame-pointer)
add_compile_options(${PILLARS_FUZZ_FLAGS} -fsanitize=fuzzer-no-link)
add_link_options(-stdlib=libc++ -fsanitize=address,undefined)
# The fuzzing build makes Argon2id cheap (see src/crypto/crypto.cpp); nothing else changes.
add_compile_definitions(PILLARS_FUZZING)
# Boost's assertions go through src/http/boost_assert.cpp, which names one known false alarm.
add_compile_definitions(BOOST_ENABLE_ASSERT_HANDLER)

find_package(Boost 1.81.0 EXACT REQUIRED CONFIG)  # Boost::headers

add_library(pillars_fuzz_boost STATIC ${CMAKE_CURRENT_LIST_DIR}/support/boost_sources.cpp)
target_link_libraries(pillars_fuzz_boost PUBLIC Boost::headers)
target_compile_options(pillars_fuzz_boost PRIVATE -w)  # third-party code, compiled as shipped
add_library(Boost::json ALIAS pillars_fuzz_boost)
add_library(Boost::url ALIAS pillars_fuzz_boost)

add_library(fmt::fmt INTERFACE IMPORTED)
set_target_properties(fmt::fmt PROPERTIES INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY)
add_library(spdlog::spdlog INTERFACE IMPORTED)  # header-only unless SPDLOG_COMPILED_LIB is defined
set_target_properties(spdlog::spdlog PROPERTIES INTERFACE_LINK_LIBRARIES fmt::fmt)

# libFuzzer's own runtime (libclang-rt-16-dev) is built against libstdc++: link that too. Its
# symbols live in another namespace than libc++'s (std::__1), so the two do not clash.
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
                OUTPUT_VARIABLE PILLARS_LIBSTDCXX OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT EXISTS "${PILLARS_LIBSTDCXX}")
  message(FATAL_ERROR "libstdc++.so not found (needed by the libFuzzer runtime)")
endif()
