#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium, its driver and npm (for axe-core) for the browser tests,
# and the libraries and font WeasyPrint needs for the PDF report.
# Installs them when missing and we are root; otherwise says what is missing.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v chromedriver >/dev/null 2>&1 || needed+=(chromium-driver)
command -v npm >/dev/null 2>&1 || needed+=(npm)  # fetches axe-core for the browser tests
# WeasyPrint (yswd report --pdf) needs Pango, HarfBuzz's subsetter and a sans-serif font.
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_lib libpango-1.0.so.0 || needed+=(libpango-1.0-0)
has_lib libpangoft2-1.0.so.0 || needed+=(libpangoft2-1.0-0)
has_lib libharfbuzz-subset.so.0 || needed+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -q "Liberation Sans" || needed+=(fonts-liberation)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${needed[*]}. Install them with apt-get as root." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
