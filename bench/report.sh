#!/usr/bin/env bash
# bench/report.sh — `svcaudit report` over many saved Results, end to end,
# in every format: wall time, CPU time (user + sys) and peak RSS from
# /usr/bin/time, with the load average beside each run.
#
#   bash bench/report.sh                       # this tree's build
#   OLD=/path/to/old/svcaudit bash bench/report.sh   # and an older build, interleaved
#
# bench/resultgen writes N Results (default 10,000) of audits against a
# built-in checklist (CHECKLIST, default service-charter: 36 items in 4
# sections, ~20 KB a file), N/4 subjects each audited in 4 quarters, with
# answers, notes, evidence, findings and waivers varied. With OLD set, each
# format runs the old build then this one, and the outputs must be
# byte-identical (the script fails if not).
#
# Environment:
#   BENCH_DIR   where the Results and outputs go (default /tmp/svcaudit-report-bench)
#   N           Results (default 10000)
#   CHECKLIST   built-in checklist (default service-charter)
#   FORMATS     formats (default "text md html csv xlsx json")
#   RUNS        timed runs of each (default 1; the median is reported)
#   OLD         an older svcaudit binary to compare against
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/svcaudit-report-bench}
n=${N:-10000}
checklist=${CHECKLIST:-service-charter}
formats=${FORMATS:-text md html csv xlsx json}
runs=${RUNS:-1}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found: apt-get install time" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
results=$dir/$checklist-$n
if [ ! -f "$results/.done" ]; then
	rm -rf "$results"
	(cd "$root" && go run ./bench/resultgen -n "$n" -checklist "$checklist" -out "$results")
	touch "$results/.done"
fi
(cd "$root" && go build -o "$dir/svcaudit" ./cmd/svcaudit)

# one BIN FORMAT OUT: "wall cpu rss-MiB load" of one run.
one() {
	local load
	load=$(cut -d' ' -f1 /proc/loadavg)
	(cd "$results" && /usr/bin/time -f '%e %U %S %M' -o "$dir/one.time" "$1" report r*.json --format "$2" -o "$3" --force)
	tail -n 1 "$dir/one.time" | awk -v l="$load" '{printf "%s %.2f %.0f %s\n", $1, $2 + $3, $4 / 1024, l}'
}
# same A B: the files are byte-identical; an xlsx or docx, entry by entry
# (excelize writes a workbook's sheets in map order, so the zip's order varies).
same() {
	case $1 in
	*.xlsx | *.docx) python3 -c 'import sys, zipfile
z = [{i.filename: f.read(i) for i in f.infolist()} for f in map(zipfile.ZipFile, sys.argv[1:])]
sys.exit(z[0] != z[1])' "$1" "$2" ;;
	*) cmp -s "$1" "$2" ;;
	esac
}
median() { sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
cell() { awk '{printf "%s s / %s s / %s MiB (load %s)", $1, $2, $3, $4}'; }

echo "$n Results of $checklist, $(du -sh "$results" | cut -f1) ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
echo
if [ -n "${OLD:-}" ]; then
	echo "| format | before: wall / CPU / peak RSS | after: wall / CPU / peak RSS | output |"
	echo "| --- | --- | --- | --- |"
else
	echo "| format | wall / CPU / peak RSS |"
	echo "| --- | --- |"
fi
for f in $formats; do
	ext=$f; [ "$f" = text ] && ext=txt
	: >"$dir/new.times"; : >"$dir/old.times"
	for _ in $(seq "$runs"); do
		[ -n "${OLD:-}" ] && one "$OLD" "$f" "$dir/old.$ext" >>"$dir/old.times"
		one "$dir/svcaudit" "$f" "$dir/new.$ext" >>"$dir/new.times"
	done
	if [ -n "${OLD:-}" ]; then
		ok=identical
		same "$dir/old.$ext" "$dir/new.$ext" || ok=DIFFERENT
		echo "| $f | $(median <"$dir/old.times" | cell) | $(median <"$dir/new.times" | cell) | $ok |"
		[ "$ok" = identical ] || exit 1
	else
		echo "| $f | $(median <"$dir/new.times" | cell) |"
	fi
done
