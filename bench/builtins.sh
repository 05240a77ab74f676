#!/usr/bin/env bash
# bench/builtins.sh — `svcaudit check` with each built-in checklist, and
# with all of them (the default), against ripgrep running the same regular
# expressions, in the same run.
#
#   bash bench/builtins.sh            # run.sh calls it; BENCH_DIR as run.sh
#
# bench/extract writes the expressions each built-in checklist searches the
# text for, as check compiles them (whitespace widened, number words, case
# folding written in), one file per checklist and all.txt for them all.
# ripgrep runs them with -U (a pattern's whitespace crosses line breaks, as
# in check) and -o (every match). What ripgrep cannot express — near, min,
# jargon rates, readability, headings, scoring — counts in svcaudit's time
# only. Runs are interleaved (svcaudit, ripgrep, svcaudit, ...), RUNS of
# each; the table gives medians of wall time and of CPU time (user + sys)
# and their ratios, and the load average.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/svcaudit-bench}
runs=${RUNS:-5}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
command -v rg >/dev/null || { echo "bench: rg not found: apt-get install ripgrep" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found: apt-get install time" >&2; exit 2; }
[ -d "$dir/corpus1k" ] || (cd "$root" && go run ./bench/gen -out "$dir" -large 0)
[ -x "$dir/svcaudit" ] && [ -n "${NO_BUILD:-}" ] || (cd "$root" && go build -o "$dir/svcaudit" ./cmd/svcaudit)
ids=$(cd "$root" && go run ./bench/extract -out "$dir/builtins")
corpus=$dir/corpus1k

# one CMD: wall and CPU seconds of one run, output discarded.
one() {
	/usr/bin/time -f '%e %U %S' -o "$dir/one.time" "$@" >/dev/null 2>&1 || true
	# the last line: /usr/bin/time puts "Command exited with non-zero status N" first
	tail -n 1 "$dir/one.time" | awk '{printf "%s %.3f\n", $1, $2 + $3}'
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
verdict() { awk -v v="$1" 'BEGIN {print (v <= 3) ? "met" : "NOT met"}'; }

echo "| checklist | check: wall, CPU | ripgrep: wall, CPU | wall ratio | CPU ratio | ≤ 3× (CPU) | load |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for id in $ids all; do
	if [ "$id" = all ]; then ccmd=("$dir/svcaudit" check -q "$corpus"); else ccmd=("$dir/svcaudit" check -q -c "$id" "$corpus"); fi
	rcmd=(rg -U -o -f "$dir/builtins/$id.txt" "$corpus")
	one "${ccmd[@]}" >/dev/null; one "${rcmd[@]}" >/dev/null # warm-up
	: >"$dir/c.txt"; : >"$dir/r.txt"
	for _ in $(seq "$runs"); do
		one "${ccmd[@]}" >>"$dir/c.txt"
		one "${rcmd[@]}" >>"$dir/r.txt"
	done
	cw=$(cut -d' ' -f1 "$dir/c.txt" | median); cc=$(cut -d' ' -f2 "$dir/c.txt" | median)
	rw=$(cut -d' ' -f1 "$dir/r.txt" | median); rc=$(cut -d' ' -f2 "$dir/r.txt" | median)
	label=$id; [ "$id" = all ] && label="all (default)"
	echo "| $label | ${cw} s, ${cc} s | ${rw} s, ${rc} s | $(ratio "$cw" "$rw")× | $(ratio "$cc" "$rc")× | $(verdict "$(ratio "$cc" "$rc")") | $(cut -d' ' -f1 /proc/loadavg) |"
done
echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $(rg --version | head -1); runs: $runs (interleaved, medians)"
