#!/bin/sh
# Installs the Debian 12 packages xxgk needs to build, test and benchmark. Idempotent and quick when
# everything is already there. Runs apt-get as root (directly, or through sudo).
set -eu
packages="build-essential cmake pkg-config git python3 python3-jsonschema python3-pytest
  libboost1.81-dev libboost-json1.81-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
  libxml2-dev libpugixml-dev libzip-dev libdeflate-dev zlib1g-dev poppler-utils qpdf libsqlite3-dev libxlsxwriter-dev python3-openpyxl
  libreoffice-writer-nogui fonts-arphic-uming
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng
  python3-dask python3-distributed
  abigail-tools valgrind clang libclang-rt-14-dev chromium fonts-wqy-zenhei lintian help2man python3-pip python3-venv"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing:$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
