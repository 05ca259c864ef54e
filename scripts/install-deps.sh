#!/usr/bin/env bash
# Installs the Debian packages BudgetXLSX needs and that are missing:
# the C libraries it builds on, pkg-config, a CJK font, and what the tests
# use to check workbooks independently (openpyxl, LibreOffice, poppler).
# Needs root or sudo. A Swift 6 toolchain must already be on PATH (Debian
# does not package Swift).
set -euo pipefail

packages=(
  libxlsxwriter-dev libzip-dev libexpat1-dev pkg-config zlib1g-dev
  fonts-noto-cjk
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(python3 python3-openpyxl python3-venv python3-uno libreoffice-calc-nogui poppler-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "error: no Swift toolchain on PATH. Install Swift 6 from swift.org (Debian does not package it)." >&2
  exit 1
fi
