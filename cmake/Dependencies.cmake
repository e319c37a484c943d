# Every external library ipguard links, found from Debian 12's packages
# (scripts/install-deps.sh installs them). Each becomes an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(simdjson REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 QUIET)  # header-only; plain include path works too
pkg_check_modules(HYPERSCAN REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
find_package(ZLIB REQUIRED)
pkg_check_modules(IGRAPH REQUIRED IMPORTED_TARGET igraph)
# Off-platform diversion: public suffixes, phone numbers, QR codes, JPEG.
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(ZXING REQUIRED IMPORTED_TARGET zxing)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
find_library(PHONENUMBER_LIBRARY NAMES phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE_DIR NAMES phonenumbers/phonenumberutil.h REQUIRED)
add_library(ipguard_phonenumber INTERFACE)
target_link_libraries(ipguard_phonenumber INTERFACE ${PHONENUMBER_LIBRARY})
target_include_directories(ipguard_phonenumber INTERFACE ${PHONENUMBER_INCLUDE_DIR})
# The platform service (ipguard serve): storage, password hashing, HTTP.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
