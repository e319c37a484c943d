# Warnings for every ipguard target, and the sanitizer / fuzzer switches.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(ipguard_warnings INTERFACE)
target_compile_options(ipguard_warnings INTERFACE -Wall -Wextra -Wno-missing-field-initializers)
# GCC 12 reports -Wrestrict for "literal" + std::string&& once inlined at
# -O3 (GCC bug 105329, a false positive fixed in GCC 13); other compilers
# keep the warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ipguard_warnings INTERFACE -Wno-restrict)
endif()

option(IPGUARD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(IPGUARD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Compile options of glue code: the CLI's commands and the tests. In the
# sanitizer build they are compiled without optimization: their CLI11 and
# GoogleTest templates are most of that build's compile time, while the
# libraries they drive (where the run time goes) keep the build type's -O1.
# The sanitizers check -O0 code all the same.
set(IPGUARD_GLUE_OPTIONS "")
if(IPGUARD_SANITIZE)
  set(IPGUARD_GLUE_OPTIONS -O0)
endif()

option(IPGUARD_FUZZ "Build libFuzzer targets (needs clang)" OFF)
if(IPGUARD_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
