#!/usr/bin/env bash
# Installs every Debian 12 package ipguard needs to build, test, fuzz and
# benchmark. Non-interactive and idempotent: packages already present are
# skipped, and `apt-get update` runs only when something is missing.
set -euo pipefail

PACKAGES=(
  # toolchain and test tools
  build-essential cmake ninja-build pkg-config git clang clang-format
  libclang-rt-14-dev libgtest-dev libgmock-dev libbenchmark-dev
  # engine libraries
  libsimdjson-dev libcli11-dev libfmt-dev
  libicu-dev unicode-data libopencc-data libopencc-dev python3-jieba wamerican
  libhyperscan-dev
  libphonenumber-dev libpsl-dev libzxing-dev
  libjpeg62-turbo-dev libturbojpeg0-dev libpng-dev libwebp-dev zlib1g-dev
  libigraph-dev
  libsqlite3-dev libsodium-dev libcpp-httplib-dev libssl-dev
  # benchmarks and peers
  grep time bc python3 hyperfine wrk curl
  # web pages: the browser test's Chromium and CJK fonts for its screenshots
  # (node and npm: see below; npm packages are installed by the build, web/)
  chromium fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js and npm build the web pages (web/CMakeLists.txt); a machine may
# already have them from another source, so Debian's are only added if absent.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
