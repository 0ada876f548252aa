#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests
# (tests/conftest_browser.py, tests/test_map_browser.py).
#
# Why Debian's package: a test tool's own browser download (`playwright install`) fails on
# this machine kind, while `apt-get install chromium` works. Idempotent: when
# /usr/bin/chromium (or $KOMPETANSEKART_CHROMIUM) is already there it installs nothing.
# Prints one line saying what it did and the version; exits non-zero with a reason when it
# cannot install. Recommends are left out (printer and notification daemons); the fonts
# that the maps' labels are drawn in are named instead.
#
# It also makes sure DejaVu Sans is there (fonts-dejavu-core): the PDF twins the tests
# generate (demo/pdf_writer.py) need a font with æøå and the ☒/☐ checkbox glyphs.
set -euo pipefail

DEJAVU=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

CHROMIUM="${KOMPETANSEKART_CHROMIUM:-/usr/bin/chromium}"

version() {
    # Debian's launcher script prints shell noise on stderr on some machines; keep only the
    # version line.
    "$CHROMIUM" --version 2>/dev/null | head -n 1
}

PACKAGES=()
if [ ! -f "$DEJAVU" ]; then
    PACKAGES+=(fonts-dejavu-core)
fi
if [ -x "$CHROMIUM" ] && [ ${#PACKAGES[@]} -eq 0 ]; then
    echo "install-chromium: already installed, nothing to do: $CHROMIUM ($(version))"
    exit 0
fi
if [ ! -x "$CHROMIUM" ]; then
    PACKAGES+=(chromium fonts-liberation)
fi

if [ ! -x "$CHROMIUM" ] && [ "$CHROMIUM" != /usr/bin/chromium ]; then
    echo "install-chromium: KOMPETANSEKART_CHROMIUM=$CHROMIUM is not an executable file;" \
        "unset it to install Debian's chromium at /usr/bin/chromium" >&2
    exit 1
fi

if ! command -v apt-get > /dev/null 2>&1; then
    echo "install-chromium: missing ${PACKAGES[*]} and apt-get is not available;" \
        "install them by hand (Chromium: set KOMPETANSEKART_CHROMIUM to its path)" >&2
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
        SUDO=(sudo -n)
    else
        echo "install-chromium: /usr/bin/chromium is missing and installing it needs root" \
            "(run as root or with password-less sudo, or: apt-get install chromium)" >&2
        exit 1
    fi
fi

LOG="$(mktemp -t install-chromium.XXXXXX.log)"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -qq > "$LOG" 2>&1; then
    echo "install-chromium: 'apt-get update' failed (full log: $LOG); its end:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
fi
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >> "$LOG" 2>&1; then
    echo "install-chromium: 'apt-get install ${PACKAGES[*]}' failed (full log: $LOG); its end:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
    echo "install-chromium: apt-get installed chromium but $CHROMIUM is still missing" >&2
    exit 1
fi
if [ ! -f "$DEJAVU" ]; then
    echo "install-chromium: apt-get installed fonts-dejavu-core but $DEJAVU is still missing" >&2
    exit 1
fi
rm -f "$LOG"
echo "install-chromium: installed ${PACKAGES[*]} with apt-get: $CHROMIUM ($(version))"
