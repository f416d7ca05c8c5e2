#!/usr/bin/env bash
# Install the external programs that privacymap's tests and demo use.
#
#   Debian packages: Graphviz (dot), Chromium (+ chromedriver), LibreOffice Calc
#   without a GUI (soffice --headless --convert-to csv), a Java runtime (for the
#   Nu HTML checker) and a basic font.
#   npm packages:    pinned in tools/node/package-lock.json, installed into
#                    tools/node/node_modules (vnu-jar, axe-core, sarif-multitool, ...).
#
# Idempotent: does nothing (and does not touch the network) when everything is
# already installed. `apt-get update` runs only when a Debian package is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_dir="$here/tools/node"

log() { printf 'system-deps: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root (or sudo) to run: $*"
        exit 1
    fi
}

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

# --- Debian packages --------------------------------------------------------
wanted=(
    graphviz               # dot
    chromium               # headless browser for Playwright + axe-core
    chromium-driver        # optional, for WebDriver-based tools
    libreoffice-calc-nogui # soffice --headless --convert-to csv (xlsx -> csv)
    fonts-dejavu-core      # a font for chromium screenshots
    faketime               # reproducible-build tests run a build on another day
)
# Any Java runtime will do for vnu.jar (Java 11+); install one only if none exists.
command -v java >/dev/null 2>&1 || wanted+=(default-jre-headless)
# Node.js and npm for tools/node (the machine image normally ships them).
command -v node >/dev/null 2>&1 || wanted+=(nodejs)
command -v npm >/dev/null 2>&1 || wanted+=(npm)

missing=()
for pkg in "${wanted[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    log "Debian packages already installed"
fi

# --- npm packages (project-local, exact versions from the lock file) --------
# Chromium comes from Debian: never let puppeteer/playwright download a browser.
export PUPPETEER_SKIP_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# npm writes node_modules/.package-lock.json last; reinstall when it is missing
# or older than package.json / package-lock.json.
stamp="$node_dir/node_modules/.package-lock.json"
sarif_bin="$node_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ -f "$stamp" ] && [ "$stamp" -nt "$node_dir/package-lock.json" ] \
        && [ "$stamp" -nt "$node_dir/package.json" ]; then
    log "npm packages already installed in tools/node"
else
    log "installing npm packages into tools/node"
    # --ignore-scripts: no install script is needed (and vnu-jar's would try to
    # download a Java runtime, puppeteer's a browser).
    (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    # What sarif-multitool-linux's skipped postinstall would do.
    [ ! -f "$sarif_bin" ] || chmod u+x "$sarif_bin"
    touch "$stamp"
fi

log "done"
