#!/usr/bin/env bash
# The browser suite: builds the default dossier (made a git repository of
# three commits, so that its history shows), serves it on 127.0.0.1 and
# checks every page in Debian's Chromium (driven by playwright-core, never a
# downloaded browser) with axe-core, then runs the Nu Html Checker over every
# page and stylesheet, and over a build whose lists hold two entries a page
# (so that every kind of paged page is checked too), and drives `gloss serve`'s
# annotation panel and error overlay (annotate.mjs), searches every site
# from disk with the page's CSP in force (search.mjs), validates every
# claims.json, sitemap and Atom feed against its schema (exports.mjs), and has the exports read by
# their clients: citeproc-js, bibtex with plain.bst, TimelineJS, and each
# link to an original's passage followed in Chromium (clients.mjs),
# Apache Annotator (annotator.mjs).
# Installs what it needs: chromium, a Java runtime, jing (RELAX NG, for the
# Atom feeds), git and bibtex from Debian,
# the npm packages pinned in package.json (no lock file).
# Screenshots go to target/browser-screenshots/ (or $SCREENSHOTS).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v git >/dev/null || missing+=(git)
command -v jing >/dev/null || missing+=(jing)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# bibtex and plain.bst, for clients.mjs: the two packages alone (about
# 30 MB), not the TeX distribution they recommend.
if ! command -v bibtex >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends texlive-binaries texlive-base >/dev/null
fi
(cd "$here" && npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo build --quiet)

# The default dossier as a repository of its own with its history on, so
# that every page is checked with what git adds: a claim's History section,
# its version pages (`claims/<id>/v/<n>/`) and the corrections log.
# Three commits at fixed dates: published, a verdict changed, then changed
# back with a note revised and a correction recorded.
commit() {
  GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -C "$work/dossier" \
    -c user.name=Desk -c user.email=desk@example.org -c commit.gpgsign=false \
    commit -q -a -m "$1"
}
mkdir "$work/dossier"
cp -r "$repo/content" "$work/dossier/"
sed 's/^history = false$/history = true/' "$repo/book.toml" >"$work/dossier/book.toml"
grep -q '^history = true$' "$work/dossier/book.toml"
claims="$work/dossier/content/annotations/claims-2014-us.toml"
git -C "$work/dossier" init -q
git -C "$work/dossier" add -A
commit "Publish the dossier" "2014-05-21T10:00:00+02:00"
sed -i '0,/^status = "corroborated"$/s//status = "disputed"/' "$claims"
commit "Dispute the indictment: <no report> links it & more" "2014-05-23T09:30:00+02:00"
sed -i -e '0,/^status = "disputed"$/s//status = "corroborated"/' \
  -e '0,/^All four reports of May 2014/s//Every report of May 2014/' "$claims"
# A correction to the file's last claim.
printf '\n[[claim.correction]]\ndate = 2014-05-24\nnote = "An earlier version named the wrong court."\n' >>"$claims"
commit "Restore the verdict; correct the court" "2014-05-24T12:00:00+02:00"
"$repo/target/debug/gloss" build "$work/dossier" -d "$work/site"
[ -f "$work/site/claims/five-officers-indicted/v/3/index.html" ]

mkdir "$work/paged"
cp -r "$repo/content" "$work/paged/"
# Two entries a list page, and a base URL, so that the build has a sitemap
# and absolute feed ids to validate too.
sed -e 's/^\[build\]$/[build]\npage-size = 2/' \
  -e 's|^\[site\]$|[site]\nbase-url = "https://example.org/dossier/"|' "$repo/book.toml" >"$work/paged/book.toml"
grep -q '^page-size = 2$' "$work/paged/book.toml"
grep -q '^base-url = ' "$work/paged/book.toml"
"$repo/target/debug/gloss" build "$work/paged" -d "$work/paged-site"

# The fixture dossiers written for the tests (copied: a build writes
# permalinks.txt beside the dossier).
fixtures=()
for fixture in "$repo"/tests/fixtures/*/; do
  name="$(basename "$fixture")"
  cp -r "$fixture" "$work/fixture-$name"
  "$repo/target/debug/gloss" build "$work/fixture-$name" -d "$work/fixture-$name-site"
  fixtures+=("$work/fixture-$name-site")
done

node "$here/suite.mjs" "$work/site" "${SCREENSHOTS:-$repo/target/browser-screenshots}"
vnu() {
  java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --skip-non-html --also-check-css --errors-only --format gnu "$1"
}
node "$here/layout.mjs" "$work/site" "${fixtures[@]}"
node "$here/search.mjs" "$work/site" "${fixtures[@]}"
node "$here/annotate.mjs" "$repo/target/debug/gloss"
node "$here/exports.mjs" "$work/site" "$work/paged-site" "${fixtures[@]}"
node "$here/clients.mjs" "$work/site" "${fixtures[@]}"
node "$here/annotator.mjs" "$work/site" "${fixtures[@]}"
vnu "$work/site"
vnu "$work/paged-site"
for site in "${fixtures[@]}"; do
  vnu "$site"
done
echo "html checker: $((2 + ${#fixtures[@]})) passed, 0 failed"
