#!/usr/bin/env bash
# Installs Regie and its development tools (requirements-dev.lock) into .venv/ in the project
# root; safe to run again (it does only what is missing). Used by `make demo` and `make test`.
# A production install takes requirements.lock, which has no development tools.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--with-browser" ] && want_browser=1

apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Please install the Debian package(s) $* (needs root)." >&2
    exit 1
  fi
  if [ ! -f /tmp/.regie-apt-updated ]; then
    apt-get update -qq && touch /tmp/.regie-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v msgfmt >/dev/null || apt_install gettext
if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt_install chromium
fi
if [ "$want_browser" = 1 ] && { ! command -v sigtool >/dev/null || [ ! -x /usr/sbin/clamd ]; }; then
  # The tests start their own clamd with a signature database made by sigtool (no downloads).
  echo "Installing Debian's clamav and clamav-daemon for the virus-scanner tests…"
  apt_install clamav clamav-daemon
fi

if [ "$want_browser" = 1 ] && { ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null; }; then
  # The post-intake tests read picture-only scans with the real tesseract; the demo runs
  # without it (REGIE_OCR is off when tesseract is missing).
  echo "Installing Debian's tesseract-ocr and poppler-utils for reading scanned post…"
  apt_install tesseract-ocr poppler-utils
  # The Dutch model is optional: Regie reads with English when it is missing.
  apt_install tesseract-ocr-nld 2>/dev/null || echo "tesseract-ocr-nld is not available; using English." >&2
fi

find_python() {
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  if command -v pyenv >/dev/null; then
    for version in $(pyenv versions --bare | grep -E '^3\.1[2-9]' | sort -rV); do
      echo "$(pyenv root)/versions/$version/bin/python"
      return
    done
  fi
  echo "Regie needs Python 3.12 or newer; none was found." >&2
  exit 1
}

stamp=.venv/.regie-installed
if [ ! -f "$stamp" ] || [ requirements-dev.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  if [ ! -x .venv/bin/python ]; then
    python=$(find_python)
    echo "Creating .venv with $("$python" --version)…"
    "$python" -m venv .venv
  fi
  quiet_pip() {
    # This machine's pip configuration names local wheel folders that may not exist; pip
    # warns about each of them on every call.
    .venv/bin/python -m pip --quiet "$@" 2> >(grep -v "is neither a file nor a directory" >&2)
  }
  quiet_pip install --upgrade pip
  quiet_pip install --require-hashes -r requirements-dev.lock
  quiet_pip install --no-deps --no-build-isolation -e .
  touch "$stamp"
fi

# Compiled translations are build output: made here, never committed.
(cd src/regie && REGIE_ENV=test ../../.venv/bin/regie compilemessages --ignore '.venv' -v 0)

# The browser tests inject axe-core (pinned in package.json and package-lock.json) into each page
# for the accessibility check; npm fetches it from its registry into node_modules/.
if [ "$want_browser" = 1 ] && { [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/axe-core/axe.min.js ]; }; then
  command -v npm >/dev/null || apt_install npm
  npm ci --no-audit --no-fund --silent
fi
