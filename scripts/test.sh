#!/usr/bin/env bash
# Installs everything the tests need (Python packages, Debian's Chromium) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# LibreOffice and pdftotext: the Word export test converts a .docx to PDF and reads it back.
if [ ! -x /usr/bin/chromium ] || ! command -v libreoffice >/dev/null || ! command -v pdftotext >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  [ -x /usr/bin/chromium ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  command -v libreoffice >/dev/null && command -v pdftotext >/dev/null || DEBIAN_FRONTEND=noninteractive \
    $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils >/dev/null
fi
# strace: the no-outbound-traffic browser test (tests/e2e/test_geen_verkeer.py) watches every connection with it.
if ! command -v strace >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends strace >/dev/null
fi
# axe-core (npm registry) for the accessibility browser test, into a cache folder outside the repo.
AXE_DIR=${SCHOUDERS_AXE_DIR:-$HOME/.cache/schouders/axe}
if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
  if ! command -v npm >/dev/null; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  mkdir -p "$AXE_DIR"
  npm install --prefix "$AXE_DIR" --no-audit --no-fund --loglevel=error axe-core@4 >/dev/null
fi
export SCHOUDERS_AXE_DIR="$AXE_DIR"
"$PY" -m ruff check .
# The privacy check's name lists, built once per machine (1–2 minutes) before the browser tests start apps.
"$PY" -m schouders.privacy_deduce --bouw || true
"$PY" -m pytest "$@"
