#!/usr/bin/env bash
# Page weight: what a full build of the synthetic dossier writes, by kind
# of page and file, and what the two heaviest kinds of page (reports and
# claims) spend their bytes on. For #27's "page weight" and "nothing
# grows without bound": it lists every file over 10 MB.
#
#   bash benches/weight.sh [ARTICLES]          (default: 10000)
#
# Environment: BENCH_DIR (default /dev/shm/gloss-weight); HISTORY=1 makes
# the dossier a git repository of one commit with `[build] history` on,
# so that every claim has its version page too. Prints Markdown.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-10000}"
work="${BENCH_DIR:-/dev/shm/gloss-weight}"
(cd "$repo" && cargo build --release --quiet --bin gloss --example synthesize)
mkdir -p "$work"
dossier="$work/dossier-$n"
[ -d "$dossier" ] || "$repo/target/release/examples/synthesize" "$n" "$dossier" --seed 1 2>/dev/null
if [ "${HISTORY:-0}" = 1 ]; then
  history="$work/history-$n"
  if [ ! -d "$history" ]; then
    cp -r "$dossier" "$history"
    printf '\n[build]\nhistory = true\n' >>"$history/book.toml"
    git -C "$history" init -q
    git -C "$history" add -A
    GIT_AUTHOR_DATE=2023-11-14T12:00:00Z GIT_COMMITTER_DATE=2023-11-14T12:00:00Z \
      git -C "$history" -c user.name=Bench -c user.email=bench@example.org commit -q -m "Publish"
  fi
  dossier="$history"
fi
rm -rf "$work/site"
SOURCE_DATE_EPOCH=1700000000 "$repo/target/release/gloss" build "$dossier" -d "$work/site" 2>/dev/null

echo "## Page weight at $n articles (gloss $(git -C "$repo" rev-parse --short HEAD), synthetic dossier, seed 1$([ "${HISTORY:-0}" = 1 ] && echo ", as a git repository with its history on"))"
python3 - "$work/site" <<'EOF'
import os, re, statistics, sys

site = sys.argv[1]

def kind(path):
    """What a file of the site is, by its path."""
    parts = path.split("/")
    if not path.endswith("index.html"):
        if path.startswith("sitemap"):
            return "sitemaps"
        if re.fullmatch(r"annotations(-\d+)?\.jsonld", path):
            return "annotations (its pages)"
        if re.fullmatch(r"claims(-\d+)?\.json", path):
            return "claims.json (its pages)"
        return path
    dirs = parts[:-1]
    if "page" in dirs:
        return "later list pages (…/page/N/)"
    if len(dirs) == 2 and dirs[0] in ("articles", "claims", "events", "entities"):
        return {"articles": "report", "claims": "claim", "events": "event", "entities": "entity"}[dirs[0]]
    if len(dirs) == 4 and dirs[0] == "claims" and dirs[2] == "v":
        return "claim version"
    return "overview, section and other pages"

files = {}
for root, _, names in os.walk(site):
    for name in names:
        full = os.path.join(root, name)
        files[os.path.relpath(full, site)] = os.path.getsize(full)

groups = {}
for path, size in files.items():
    groups.setdefault(kind(path), []).append((size, path))

def kb(b):
    return f"{b / 1024:.1f}"

print()
print(f"{len(files):,} files, {sum(files.values()) / 2**20:.1f} MiB.")
print()
print("| kind | files | total (MiB) | median (KB) | 95th pct (KB) | largest (KB) |")
print("|---|---:|---:|---:|---:|---:|")
for name, sizes in sorted(groups.items(), key=lambda g: -sum(s for s, _ in g[1])):
    values = sorted(s for s, _ in sizes)
    if sum(values) < 64 * 1024 and len(values) == 1:
        continue
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    print(f"| {name} | {len(values):,} | {sum(values) / 2**20:.1f} | {kb(statistics.median(values))} | {kb(p95)} | {kb(values[-1])} |")

big = sorted(((s, p) for p, s in files.items() if s > 10 * 2**20), reverse=True)
print()
print("Files over 10 MB: " + (", ".join(f"`{p}` ({s / 2**20:.0f} MB)" for s, p in big) if big else "none") + ".")

# What report and claim pages spend their bytes on: each part's share of
# the kind's bytes, summed over every page of the kind.
PARTS = {
    "`<head>` (meta, JSON-LD)": ("<head>", "</head>"),
    "header and navigation": ('<header class="site-header">', "</header>"),
    "report text (with marks and sidenotes)": ('<div class="report-body">', "\n</div>\n\n"),
    "notes under the report": ('<section class="notes"', "</section>"),
    "claim's wordings": ('<section aria-labelledby="appearances-heading">', "</section>"),
    "wording comparison table": ('<section aria-labelledby="wording-heading">', "</section>"),
    "history": ('<section class="claim-history"', "</section>"),
    "editor's note on the claim": ('<section class="claim-note"', "</section>"),
    "sources": ('<section aria-labelledby="sources-heading">', "</section>"),
    "events": ('<section aria-labelledby="events-heading">', "</section>"),
    "related claims": ('<section aria-labelledby="related-heading">', "</section>"),
    "other claims about its events": ('<section aria-labelledby="same-events-heading">', "</section>"),
    "the annotation's highlighted source": ('<section class="annotation-source"', "</section>"),
    "cite this (three formats)": ('<details class="cite"', "</details>"),
    "footer": ('<footer class="site-footer">', "</footer>"),
}
for page_kind in ("report", "claim"):
    pages = groups.get(page_kind, [])
    if not pages:
        continue
    total = sum(s for s, _ in pages)
    shares = dict.fromkeys(PARTS, 0)
    for _, path in pages:
        html = open(os.path.join(site, path), encoding="utf-8").read()
        for part, (start, end) in PARTS.items():
            for m in re.finditer(re.escape(start), html):
                stop = html.find(end, m.end())
                if stop >= 0:
                    shares[part] += len(html[m.start():stop + len(end)].encode())
    print()
    print(f"Where a {page_kind} page's bytes go ({len(pages):,} pages, {total / 2**20:.1f} MiB):")
    print()
    print("| part | share |")
    print("|---|---:|")
    for part, size in sorted(shares.items(), key=lambda p: -p[1]):
        if size:
            print(f"| {part} | {100 * size / total:.0f} % |")
    rest = total - sum(shares.values())
    print(f"| everything else | {100 * rest / total:.0f} % |")
EOF
