#!/usr/bin/env bash
# The browser suite: builds the default dossier, serves it on 127.0.0.1 and
# checks every page in Debian's Chromium (driven by playwright-core, never a
# downloaded browser) with axe-core, then runs the Nu Html Checker over every
# page and stylesheet. Installs what it needs: chromium and a Java runtime
# from Debian, the npm packages pinned in package.json (no lock file).
# Screenshots go to target/browser-screenshots/ (or $SCREENSHOTS).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(cd "$here" && npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo build --quiet)
"$repo/target/debug/gloss" build "$repo" -d "$work/site"

node "$here/suite.mjs" "$work/site" "${SCREENSHOTS:-$repo/target/browser-screenshots}"
java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --skip-non-html --also-check-css --errors-only --format gnu "$work/site"
echo "html checker: 1 passed, 0 failed"
