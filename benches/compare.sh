#!/usr/bin/env bash
# Side-by-side build benchmark: gloss (the full dossier: every page, export,
# feed and index) against Hugo twice: rendering the same site as a newsroom
# would bend Hugo to it (examples/hugo_site.rs: a page per article, a
# content page per claim with its quotes linked to their reports, entities
# and events as taxonomy term pages listing their claims, paginated lists),
# and rendering only the articles as plain pages through a minimal template
# (as Zola does too, when installed); and a floor of pulldown-cmark alone. Wall time and peak memory come from /usr/bin/time -v;
# each figure is the median of $RUNS runs, and ratios are to gloss. A second
# floor, the write floor, is the time it takes only to write gloss's own
# output (every file of the site it built, held in memory first) on every
# core: no build of that site can be faster.
#
#   bash benches/compare.sh [ARTICLES...]     (default: 1000 10000)
#
# Then, for the largest size, it serves the dossier with `gloss serve`,
# edits one claim's title several times and reports how long the first
# update took and the median one, against the serve's own full build and
# against `gloss build` of the same dossier.
#
# Environment: RUNS (default 3); EDITS, how many edits serve takes (default
# 5); BENCH_DIR, where dossiers and output go
# (default /dev/shm/gloss-bench, tmpfs, so that disk writeback does not
# drown the figures); DISK_DIR, where the disk case writes (default
# target/bench-disk; set DISK_DIR= to skip it). Prints a Markdown report.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
work="${BENCH_DIR:-/dev/shm/gloss-bench}"
disk="${DISK_DIR-$repo/target/bench-disk}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
(cd "$repo" && cargo build --release --quiet --bin gloss --example synthesize --example floor --example write_floor --example hugo_site)
gloss="$repo/target/release/gloss"
synthesize="$repo/target/release/examples/synthesize"
floor="$repo/target/release/examples/floor"
write_floor="$repo/target/release/examples/write_floor"
hugo_same_site="$repo/target/release/examples/hugo_site"

# measure NAME OUT COMMAND...: runs COMMAND $runs times with OUT emptied
# first, and prints "NAME seconds kilobytes files" (medians; how many
# files the last run wrote).
measure() {
  local name="$1" out="$2"
  shift 2
  local times=() peaks=()
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
      cat "$work/stderr.txt" >&2
      exit 1
    }
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")")
  done
  echo "$name $(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p") $(printf '%s\n' "${peaks[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p") $(find "$out" -type f | wc -l)"
}

# measure_writes SITE OUT: the write floor of SITE, $runs times with OUT
# removed first; prints "write-floor seconds" (the median).
measure_writes() {
  local times=()
  for _ in $(seq "$runs"); do
    rm -rf "$2"
    times+=("$("$write_floor" "$1" "$2")")
  done
  rm -rf "$2"
  echo "write-floor $(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")"
}

# hugo_site DOSSIER SITE: the dossier's articles as a Hugo site of plain
# pages. Hugo reads a `url` in front matter as the page's own address and
# refuses one with a scheme, so the report's original address is left out.
hugo_site() {
  rm -rf "$2"
  mkdir -p "$2/content/articles" "$2/layouts/_default"
  awk -v dir="$2/content/articles" '
    FNR == 1 { if (out) close(out); n = split(FILENAME, p, "/"); out = dir "/" p[n]; fences = 0 }
    /^\+\+\+$/ { fences++ }
    fences == 1 && /^url = / { next }
    { print > out }' "$1"/content/articles/*.md
  printf 'baseURL = "http://127.0.0.1/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n' >"$2/config.toml"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n' >"$2/layouts/_default/single.html"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n' >"$2/layouts/_default/list.html"
}

# zola_site DOSSIER SITE: the same for Zola, whose front matter takes only
# its own keys, so each article keeps just its title.
zola_site() {
  rm -rf "$2"
  mkdir -p "$2/content/articles" "$2/templates"
  printf 'base_url = "http://127.0.0.1/"\ntitle = "bench"\n' >"$2/config.toml"
  printf '+++\ntitle = "Articles"\n+++\n' >"$2/content/articles/_index.md"
  for f in "$1"/content/articles/*.md; do
    awk 'NR == 1 { print; next } /^\+\+\+$/ && !done { print; done = 1; body = 1; next } body { print; next } /^title = / { print }' "$f" >"$2/content/articles/$(basename "$f")"
  done
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ page.content | safe }}</body></html>\n' >"$2/templates/page.html"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body><ul>{%% for p in section.pages %%}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{%% endfor %%}</ul></body></html>\n' >"$2/templates/section.html"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>\n' >"$2/templates/index.html"
}

mkdir -p "$work"
# Other files on the same tmpfs hold memory that the builds and the write
# floor need: 5 GB of them once made the floor two to three times longer.
if [ "$(stat -f -c %T "$work")" = tmpfs ]; then
  others=$(($(df -k --output=used "$work" | tail -1) - $(du -sk "$work" | cut -f1)))
  if [ "$others" -ge 1048576 ]; then
    echo "warning: $((others / 1048576)) GiB of other files on the tmpfs holding $work; remove them for figures that compare" >&2
  fi
fi
echo "## $(date -u +%Y-%m-%d): $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r)"
echo
echo "gloss $(git -C "$repo" rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2)$(command -v zola >/dev/null && echo ", $(zola --version)"), median of $runs runs, output in $work."
echo
echo "| articles | tool | files written | wall time (s) | peak memory (MiB) | time vs gloss | memory vs gloss |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  dossier="$work/dossier-$n"
  [ -d "$dossier" ] || "$synthesize" "$n" "$dossier" 2>/dev/null
  hugo_site "$dossier" "$work/hugo-$n"
  [ -d "$work/hugo-same-$n" ] || "$hugo_same_site" "$dossier" "$work/hugo-same-$n" 2>/dev/null
  results=("$(measure gloss "$work/out" "$gloss" build "$dossier" -d "$work/out")")
  results+=("$(measure "hugo, the same site" "$work/out" hugo --quiet --source "$work/hugo-same-$n" --destination "$work/out")")
  results+=("$(measure "hugo, articles only" "$work/out" hugo --quiet --source "$work/hugo-$n" --destination "$work/out")")
  if command -v zola >/dev/null; then
    zola_site "$dossier" "$work/zola-$n"
    results+=("$(measure zola "$work/out" zola --root "$work/zola-$n" build --output-dir "$work/out")")
  fi
  results+=("$(measure "pulldown-cmark floor" "$work/out" "$floor" "$dossier" "$work/out")")
  # A site built by gloss, for the write floor to write again.
  "$gloss" build "$dossier" -d "$work/site" 2>/dev/null
  read -r _ write_s <<<"$(measure_writes "$work/site" "$work/out")"
  rm -rf "$work/site"
  read -r _ base_s base_kb _ <<<"${results[0]}"
  for r in "${results[@]}"; do
    name="${r% * * *}"
    read -r s kb files <<<"${r##"$name" }"
    awk -v n="$n" -v name="$name" -v s="$s" -v kb="$kb" -v files="$files" -v bs="$base_s" -v bkb="$base_kb" \
      'BEGIN { printf "| %s | %s | %d | %.2f | %.0f | %.2f× | %.2f× |\n", n, name, files, s, kb / 1024, s / bs, kb / bkb }'
  done
  awk -v n="$n" -v s="$write_s" -v bs="$base_s" \
    'BEGIN { printf "| %s | write floor: gloss'"'"'s output written, nothing else | | %.2f | | %.2f× | |\n", n, s, s / bs }'
done

if [ -n "$disk" ]; then
  n="${sizes[-1]}"
  mkdir -p "$disk"
  echo
  echo "Disk case: $n articles, output on $(df --output=source,fstype "$disk" | tail -1 | tr -s ' ') ($disk)."
  echo
  echo "| tool | wall time (s) | peak memory (MiB) |"
  echo "|---|---:|---:|"
  for r in "$(measure gloss "$disk/out" "$gloss" build "$work/dossier-$n" -d "$disk/out")" \
    "$(measure hugo "$disk/out" hugo --quiet --source "$work/hugo-$n" --destination "$disk/out")"; do
    read -r name s kb _ <<<"$r"
    awk -v name="$name" -v s="$s" -v kb="$kb" 'BEGIN { printf "| %s | %.2f | %.0f |\n", name, s, kb / 1024 }'
  done
  rm -rf "$disk/out"
  # The disk case leaves gigabytes to write back, which would slow the
  # serve step below.
  sync
fi

# The incremental update in `gloss serve`: one claim's title edited in the
# largest dossier, $EDITS times in a row (default 5), each once the last
# update is done. serve prints each step's time ("in 1.25 s").
n="${sizes[-1]}"
edits="${EDITS:-5}"
live="$work/serve-$n"
rm -rf "$live"
cp -r "$work/dossier-$n" "$live"
log="$work/serve.txt"
"$gloss" serve "$live" --port 0 >/dev/null 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
wait_for() {
  for _ in $(seq 1200); do
    [ "$(grep -c "$1" "$log")" -ge "$2" ] && return
    sleep 0.5
  done
  echo "gloss serve never printed '$1' $2 times:" >&2
  cat "$log" >&2
  exit 1
}
wait_for "^Built" 1
for k in $(seq "$edits"); do
  sleep 1
  sed -i '0,/^title = "/s//title = "(edited) /' "$live/content/annotations/claims-0000.toml"
  wait_for "search index" "$k"
done
kill "$server"
took() { sed -n "s/^$1.* in \([0-9.]*\) s\.$/\1/p" "$log"; }
full="$(took Built | head -1)"
pages="$(took "Updated [0-9]* files" | tr '\n' ' ')"
exports="$(took "Updated the search index" | tr '\n' ' ')"
echo
echo "serve, $n articles: one claim's title edited $edits times in a row."
echo
echo "| step | first edit (s) | median of $edits (s) | median vs serve's full build |"
echo "|---|---:|---:|---:|"
awk -v f="$full" -v p="$pages" -v e="$exports" -v b="$base_s" '
function median(list,   a, n, i, j, t) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function first(list,   a) { split(list, a, " "); return a[1] }
BEGIN {
  printf "| full build (in memory) | %.2f | | 100%% |\n", f
  mp = median(p); me = median(e)
  printf "| affected pages and lists updated, served | %.2f | %.2f | %.1f%% |\n", first(p), mp, 100 * mp / f
  printf "| then search index, exports, feeds | %.2f | %.2f | %.1f%% |\n", first(e), me, 100 * me / f
  n = split(p, pa, " "); split(e, ea, " "); sums = ""
  for (i = 1; i <= n; i++) sums = sums " " (pa[i] + ea[i])
  mw = median(sums)
  printf "| the whole update | %.2f | %.2f | %.1f%% |\n", pa[1] + ea[1], mw, 100 * mw / f
  printf "\nAgainst `gloss build` of the same dossier above (%.2f s): the median update is %.1f%%, the first %.1f%%.\n", b, 100 * mw / b, 100 * (pa[1] + ea[1]) / b
}'
