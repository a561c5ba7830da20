#!/usr/bin/env bash
# Makes sure Debian's Chromium and the CJK fonts are installed: the browser suite in e2e-tests
# drives /usr/bin/chromium (test tools' own browser downloads fail on these machines), and without
# fonts-noto-cjk every Chinese character in a screenshot is a box. Called by e2e-tests' Maven build
# before its tests and usable by hand; does nothing when both are present.
set -euo pipefail

CHROMIUM="${MINQING_CHROMIUM:-/usr/bin/chromium}"

have_fonts() {
  # fontconfig knows the Noto CJK family once the package is installed.
  command -v fc-list >/dev/null 2>&1 && fc-list ':lang=zh-cn' family 2>/dev/null | grep -qi 'noto'
}

if [[ -x "$CHROMIUM" ]] && have_fonts; then
  echo "ensure-browser: $CHROMIUM and the Noto CJK fonts are installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: $CHROMIUM or fonts-noto-cjk missing and no apt-get here;" \
       "install Chromium and Noto CJK fonts with this system's package manager" >&2
  exit 1
fi

SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "ensure-browser: installing Chromium needs root: run 'apt-get update &&" \
         "apt-get install -y chromium fonts-noto-cjk' as root" >&2
    exit 1
  fi
fi

echo "ensure-browser: installing chromium and fonts-noto-cjk with apt-get (once per machine)"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium fonts-noto-cjk fontconfig
if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-browser: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
"$CHROMIUM" --version || true
