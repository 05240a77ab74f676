#!/usr/bin/env bash
# bench/cases.sh — speed and memory of `svcaudit run --cases` against a
# reference computation of the same measures (pandas and numpy.busday_count
# with the same bank holidays, bench/cases_ref.py), in the same run.
#
#   bash bench/cases.sh
#
# Generates (bench/casegen) case logs of 10,000 and 1,000,000 cases, then
# for each times, RUNS times, svcaudit (CH01 and CH02 for both stages, and
# two cases: items) and the reference, and prints the median wall time, the
# median CPU time (user + system), the peak memory (/usr/bin/time -v) and
# whether the figures are identical (they must be: the script fails if not).
#
# Environment:
#   BENCH_DIR   where the logs and results go (default /tmp/svcaudit-cases-bench)
#   RUNS        timed runs per command (default 3; the median is reported)
#   SIZES       case counts (default "10000 1000000")
#   NO_INSTALL  set to 1 to fail rather than install Debian's python3-pandas
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/svcaudit-cases-bench}
runs=${RUNS:-3}
sizes=${SIZES:-"10000 1000000"}
py=/usr/bin/python3 # Debian's: python3 on PATH may be another without pandas
mkdir -p "$dir"

if ! "$py" -c 'import pandas, numpy' 2>/dev/null; then
	if [ "${NO_INSTALL:-}" = 1 ] || [ "$(id -u)" != 0 ]; then
		echo "bench/cases.sh: needs Debian's python3-pandas: apt-get install -y python3-pandas" >&2
		exit 2
	fi
	apt-get update -qq && apt-get install -y -qq python3-pandas >/dev/null
fi
[ -x /usr/bin/time ] || { [ "${NO_INSTALL:-}" != 1 ] && apt-get install -y -qq time >/dev/null; }

(cd "$root" && go build -o "$dir/svcaudit" ./cmd/svcaudit && go build -o "$dir/casegen" ./bench/casegen)
"$dir/casegen" -holidays england-and-wales > "$dir/holidays.txt"
cat > "$dir/bench.yaml" <<'YAML'
id: bench
title: Case log benchmark
sections:
  - id: s
    title: Stage 1
    items:
      - id: stage1-acknowledged
        question: Stage 1 acknowledged within 5 working days of receipt?
        evidence:
          cases: {stage: 1, interval: received-acknowledged, limit: 5, min: 95%}
      - id: stage1-answered
        question: Stage 1 answered within 10 working days of acknowledgement?
        evidence:
          cases: {stage: 1, interval: acknowledged-responded, limit: 10, min: 95%}
YAML
from=2024-04-01 to=2025-03-31 asof=2025-06-30 homes=25000

# timed CMD...: runs it, appends "wall cpu maxrss_kib" to $dir/times
timed() {
	/usr/bin/time -f '%e %U %S %M' -o "$dir/t.txt" "$@" > "$dir/out.txt" 2> "$dir/err.txt" || { cat "$dir/err.txt" >&2; return 1; }
	awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$dir/t.txt" >> "$dir/times"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf 'load before: %s\n' "$(uptime | sed 's/.*load average: //')"
printf '%-9s %-9s %9s %9s %10s  %s\n' cases tool wall_s cpu_s peak_MiB figures
for n in $sizes; do
	log="$dir/log-$n.csv"
	rm -f "$dir/summary-$n"
	[ -s "$log" ] || "$dir/casegen" -n "$n" -from $from -seed 7 -bad 5 > "$log"
	for tool in svcaudit pandas; do
		: > "$dir/times"
		for _ in $(seq "$runs"); do
			if [ $tool = svcaudit ]; then
				timed "$dir/svcaudit" run -q -c "$dir/bench.yaml" --cases "$log" --homes $homes \
					--period $from..$to --as-of $asof -o "$dir/r-$n.json" --force
			else
				timed "$py" "$root/bench/cases_ref.py" "$log" "$dir/holidays.txt" $homes $from $to $asof
				cp "$dir/out.txt" "$dir/ref-$n.txt"
			fi
		done
		wall=$(cut -d' ' -f1 "$dir/times" | median)
		cpu=$(cut -d' ' -f2 "$dir/times" | median)
		rss=$(cut -d' ' -f3 "$dir/times" | sort -n | tail -1)
		printf '%-9s %-9s %9s %9s %10.1f\n' "$n" $tool "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" >> "$dir/summary-$n"
	done
	"$py" - "$dir/r-$n.json" > "$dir/ours-$n.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for m in r["measures"]:
    print("%s %d %d %.1f" % (m["id"], m["numerator"], m["denominator"], m["value"]))
for it in r["items"]:
    m = it["measure"]
    print("%s %d %d %.1f" % (it["id"].split("/")[1], m["within"], m["cases"], m["percent"] or 0))
PY
	if diff -u "$dir/ref-$n.txt" "$dir/ours-$n.txt" > "$dir/diff-$n.txt"; then same=identical; else same=DIFFERENT; fi
	sed "s/\$/  $same/" "$dir/summary-$n"
	rm -f "$dir/summary-$n"
	if [ $same != identical ]; then cat "$dir/diff-$n.txt" >&2; exit 1; fi
done
printf 'load after: %s\n' "$(uptime | sed 's/.*load average: //')"
last=$(echo $sizes | awk '{print $NF}')
echo "figures ($last cases; id numerator denominator value):"
sed 's/^/  /' "$dir/ours-$last.txt"
