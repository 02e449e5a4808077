# Warnings and sanitizers live in INTERFACE targets that each of our own targets links.
add_library(benchlens_warnings INTERFACE)
target_compile_options(benchlens_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(BENCHLENS_WERROR)
    target_compile_options(benchlens_warnings INTERFACE -Werror)
endif()
target_compile_definitions(benchlens_warnings INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH)

add_library(benchlens_sanitizers INTERFACE)
# -fno-sanitize-recover: a UBSan finding aborts the test (by default UBSan prints and goes on, and ctest passes).
if(BENCHLENS_SANITIZE)
    target_compile_options(benchlens_sanitizers INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(benchlens_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
# The fuzz preset: every library is instrumented for libFuzzer's coverage feedback without libFuzzer's main();
# the fuzz targets add -fsanitize=fuzzer when they link (tests/fuzz/CMakeLists.txt).
if(BENCHLENS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "BENCHLENS_FUZZ needs clang (libFuzzer): use the `fuzz` preset (clang++-14)")
    endif()
    target_compile_options(benchlens_sanitizers INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(benchlens_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

add_library(benchlens_settings INTERFACE)
target_link_libraries(benchlens_settings INTERFACE benchlens_warnings benchlens_sanitizers)
