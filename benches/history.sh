#!/usr/bin/env bash
# History benchmark: what reading a dossier's git history costs a build.
# Makes the default dossier a git repository of COMMITS commits (default
# 1000; each after the first changes one claim's verdict, cycling through
# the annotation files, so every commit adds new blobs), packs it as a
# clone would be, then runs `gloss check` on it with `[build] history`
# on and off, side by side. Each figure is the median of $RUNS runs of
# /usr/bin/time; the difference is the history's cost.
#
#   bash benches/history.sh [COMMITS]
#
# Environment: RUNS (default 5); BENCH_DIR (default /dev/shm/gloss-history).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
commits="${1:-1000}"
runs="${RUNS:-5}"
work="${BENCH_DIR:-/dev/shm/gloss-history}"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
(cd "$repo" && cargo build --release --quiet --bin gloss)
gloss="$repo/target/release/gloss"

rm -rf "$work"
mkdir -p "$work/dossier"
cp -r "$repo/content" "$work/dossier/"
sed 's/^history = false$/history = true/' "$repo/book.toml" >"$work/dossier/book.toml"
grep -q '^history = true$' "$work/dossier/book.toml"

# git fast-import makes the commits in one process; a loop of `git commit`
# takes a minute for a thousand.
git -C "$work/dossier" init -q
python3 - "$work/dossier" "$commits" <<'EOF' | git -C "$work/dossier" fast-import --quiet
import pathlib, re, sys
root, commits = pathlib.Path(sys.argv[1]), int(sys.argv[2])
files = {str(p.relative_to(root)): p.read_text() for p in sorted((root / "content").rglob("*")) if p.is_file()}
annotations = [name for name, text in files.items() if name.endswith(".toml") and 'status = "' in text]
verdicts = ["corroborated", "disputed", "misleading", "opinion", "unverified"]
def data(text):
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"
out = sys.stdout.buffer
for n in range(commits):
    changed = files if n == 0 else {}
    if n:
        name = annotations[n % len(annotations)]
        matches = list(re.finditer(r'^status = "[a-z-]+"$', files[name], re.M))
        match = matches[(n // len(annotations)) % len(matches)]
        verdict = verdicts[n % len(verdicts)]
        files[name] = files[name][: match.start()] + f'status = "{verdict}"' + files[name][match.end():]
        changed = {name: files[name]}
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.org> %d +0000\n" % (1_700_000_000 + n * 3600))
    out.write(data(f"Change {n}"))
    for name, text in changed.items():
        out.write(f"M 100644 inline {name}\n".encode())
        out.write(data(text))
EOF
git -C "$work/dossier" symbolic-ref HEAD refs/heads/main
git -C "$work/dossier" checkout -q -f main
git -C "$work/dossier" gc -q
cp "$work/dossier/book.toml" "$work/history-on.toml"
sed 's/^history = true$/history = false/' "$work/history-on.toml" >"$work/history-off.toml"

# measure CONFIG: "seconds kilobytes" of `gloss check` (medians of $runs).
measure() {
  cp "$work/$1" "$work/dossier/book.toml"
  local times=() peaks=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$gloss" check "$work/dossier" >/dev/null 2>&1
    read -r time peak <"$work/time.txt"
    times+=("$time")
    peaks+=("$peak")
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p") $(printf '%s\n' "${peaks[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")"
}

read -r off_time off_peak <<<"$(measure history-off.toml)"
read -r on_time on_peak <<<"$(measure history-on.toml)"
cp "$work/history-on.toml" "$work/dossier/book.toml"
echo "| \`gloss check\`, $commits commits | wall (s) | peak (MiB) |"
echo "|---|---:|---:|"
echo "| history off | $off_time | $((off_peak / 1024)) |"
echo "| history on | $on_time | $((on_peak / 1024)) |"
awk -v on="$on_time" -v off="$off_time" 'BEGIN { printf "\nReading the history: %.2f s (%.1f× the build without it).\n", on - off, on / (off > 0 ? off : 0.01) }'
