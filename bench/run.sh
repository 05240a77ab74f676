#!/usr/bin/env bash
# bench/run.sh — the speed and memory benchmark of `svcaudit check`.
#
#   bash bench/run.sh
#
# Builds svcaudit from this repository, generates (bench/gen) a corpus of
# 1,000 policy documents of ~20 KB and one of 10,000, checklists of 27 and
# 300 patterns, then times on the same corpus and patterns, in the same run:
#   - check (CHECK_CMD; by default the real command,
#     `svcaudit check -q -c CHECKLIST CORPUS`),
#   - ripgrep: rg -i -o -f patterns,
#   - Vale v3.22.0, one existence rule per pattern,
# and prints wall-time and CPU-time ratios, peak memory on the 10,000-file
# corpus, and the whole-process time of `svcaudit check -c keeps-promises
# one.md` (bench/one.md, a small Markdown file).
#
# Environment:
#   BENCH_DIR  where the corpus and results go (default /tmp/svcaudit-bench)
#   CHECK_CMD  the command line timed as "check"; placeholders {checklist}
#              (YAML), {rules} (driver TSV), {patterns} (one regexp a line),
#              {corpus}, {dir} and {svcaudit} (the binary built here).
#              Default: '{svcaudit} check -q -c {checklist} {corpus}'.
#              The evidence engine alone, without the command around it:
#              CHECK_CMD='{dir}/driver -rules {rules} {corpus}' (documents
#              read as plain text, as ripgrep reads them), or
#              CHECK_CMD='{dir}/driver -extract -rules {rules} {corpus}'
#              (read with the document package, as check reads them);
#              -checklist {checklist} in place of -rules {rules} compiles
#              the checklist's items as check does
#   RUNS       timed runs per command (default 5; the median is reported)
#   VALE_RUNS  timed runs of Vale (default 1: it is slow)
#   SKIP_VALE  set to 1 to leave Vale out
#   LARGE      documents in the large corpus (default 10000)
#   NO_INSTALL set to 1 to fail rather than install a missing tool
#   SKIP_BUILTINS set to 1 to leave out bench/builtins.sh (each built-in
#              checklist, and all of them, against ripgrep running the same
#              expressions), which otherwise runs last
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/svcaudit-bench}
runs=${RUNS:-5}
vale_runs=${VALE_RUNS:-1}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# need CMD PACKAGE: install a missing Debian package (as root, with apt-get).
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${NO_INSTALL:-}" != 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
		echo "bench: installing $2 (apt-get install -y $2)" >&2
		{ apt-get install -y "$2" || { apt-get update && apt-get install -y "$2"; }; } >/dev/null 2>&1 || true
	fi
	command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 not found: apt-get install $2" >&2; exit 2; }
}
command -v go >/dev/null 2>&1 || { echo "bench: go not found: install Go" >&2; exit 2; }
need rg ripgrep
need /usr/bin/time time
need hyperfine hyperfine
need jq jq
vale=$(command -v vale || true)
[ -z "$vale" ] && [ -x "$(go env GOPATH)/bin/vale" ] && vale="$(go env GOPATH)/bin/vale"
if [ -z "$vale" ] && [ "${SKIP_VALE:-}" != 1 ]; then
	echo "bench: installing Vale (go install github.com/vale-cli/vale/v3/cmd/vale@v3.22.0)" >&2
	go install github.com/vale-cli/vale/v3/cmd/vale@v3.22.0
	vale="$(go env GOPATH)/bin/vale"
fi

echo "== generating inputs in $dir"
(cd "$root" && go run ./bench/gen -out "$dir" -large "${LARGE:-10000}")
(cd "$root" && go build -o "$dir/driver" ./bench/driver)
(cd "$root" && go build -o "$dir/svcaudit" ./cmd/svcaudit)

CHECK_CMD=${CHECK_CMD:-'{svcaudit} check -q -c {checklist} {corpus}'}
engine() { # engine N CORPUS: the timed command line
	local c=$CHECK_CMD
	c=${c//\{svcaudit\}/$dir/svcaudit}
	c=${c//\{rules\}/$dir/rules$1.tsv}
	c=${c//\{checklist\}/$dir/checklist$1.yaml}
	c=${c//\{patterns\}/$dir/patterns$1.txt}
	c=${c//\{corpus\}/$2}
	c=${c//\{dir\}/$dir}
	echo "$c"
}
ripgrep() { echo "rg -i -o -f $dir/patterns$1.txt $2"; }
valecmd() { echo "$vale --config $dir/vale$1/.vale.ini --output line $2"; }

# median NAME RUNS CMD: median wall seconds of RUNS runs (output discarded).
median() {
	local name=$1 n=$2 cmd=$3
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -i --warmup 1 --runs "$n" --style none --export-json "$dir/$name.json" "$cmd" >/dev/null 2>&1 ||
			hyperfine -i --warmup 1 --runs "$n" --style none --export-json "$dir/$name.json" "$cmd" >/dev/null 2>&1
		jq -r '.results[0].median' "$dir/$name.json"
	else
		local ts=()
		for _ in $(seq "$n"); do
			local s e
			s=$(date +%s.%N)
			$cmd >/dev/null 2>&1 || true
			e=$(date +%s.%N)
			ts+=("$(echo "$e - $s" | bc -l)")
		done
		printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
	fi
}

# cpu NAME: mean CPU seconds (user + system) of the runs median NAME timed,
# or "" without hyperfine. On a shared machine CPU time varies less than
# wall time.
cpu() {
	[ -f "$dir/$1.json" ] && jq -r '.results[0].user + .results[0].system' "$dir/$1.json" || echo ""
}

# peak CMD: peak resident memory in MiB.
peak() {
	/usr/bin/time -f '%M' -o "$dir/peak.txt" $1 >/dev/null 2>&1 || true
	awk '{printf "%.1f", $1/1024}' "$dir/peak.txt"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
secs() { awk -v a="$1" 'BEGIN {printf "%.3f s", a}'; }
verdict() { awk -v v="$1" -v lim="$2" -v dir="$3" 'BEGIN {ok = (dir == "le") ? v <= lim : v >= lim; print ok ? "met" : "NOT met"}'; }

small=$dir/corpus1k
large=$dir/corpus10k
echo "== timing on $small (median of $runs runs; machine: $(nproc) cores)"
declare -A t c
rm -f "$dir"/engine*.json "$dir"/rg*.json "$dir"/vale*.json
for n in 27 300; do
	t[engine$n]=$(median "engine$n" "$runs" "$(engine $n "$small")")
	c[engine$n]=$(cpu "engine$n")
	t[rg$n]=$(median "rg$n" "$runs" "$(ripgrep $n "$small")")
	c[rg$n]=$(cpu "rg$n")
	printf '%-8s %3d patterns: check %.3fs  ripgrep %.3fs\n' time "$n" "${t[engine$n]}" "${t[rg$n]}"
done
if [ "${SKIP_VALE:-}" != 1 ]; then
	# Vale reads its .vale.ini from the working directory's tree; run it
	# from the style's folder.
	t[vale27]=$(cd "$dir/vale27" && median vale27 "$vale_runs" "$(valecmd 27 "$small")")
	c[vale27]=$(cpu vale27)
	printf '%-8s %3d patterns: vale %.3fs\n' time 27 "${t[vale27]}"
fi

echo "== peak memory on $large"
mem=$(peak "$(engine 300 "$large")")
memrg=$(peak "$(ripgrep 300 "$large")")
echo "check (300 patterns): $mem MiB; ripgrep: $memrg MiB"

# The whole process on one small document: start-up, loading and compiling
# the built-in checklist, reading, scoring, printing.
echo "== startup: svcaudit check -c keeps-promises one.md"
mkdir -p "$dir/one"
cp "$root/bench/one.md" "$dir/one/one.md"
(cd "$dir/one" && hyperfine -N -i --warmup 10 --runs "${STARTUP_RUNS:-50}" --style none \
	--export-json "$dir/one.json" "$dir/svcaudit check -c keeps-promises one.md" >/dev/null 2>&1)
t[one]=$(jq -r '.results[0].median' "$dir/one.json")
c[one]=$(cpu one)
awk -v a="${t[one]}" -v c="${c[one]}" 'BEGIN {printf "check one.md: %.1f ms (CPU %.1f ms)\n", a*1000, c*1000}'

r27=$(ratio "${t[engine27]}" "${t[rg27]}")
r300=$(ratio "${t[engine300]}" "${t[rg300]}")
grow=$(ratio "${t[engine300]}" "${t[engine27]}")
{
	echo
	echo "| measure | value | target | |"
	echo "| --- | --- | --- | --- |"
	echo "| check / ripgrep, 27 patterns | ${r27}× ($(secs "${t[engine27]}") / $(secs "${t[rg27]}")) | ≤ 3× | $(verdict "$r27" 3 le) |"
	echo "| check / ripgrep, 300 patterns | ${r300}× ($(secs "${t[engine300]}") / $(secs "${t[rg300]}")) | ≤ 3× | $(verdict "$r300" 3 le) |"
	if [ -n "${t[vale27]:-}" ]; then
		rv=$(ratio "${t[vale27]}" "${t[engine27]}")
		echo "| Vale / check, 27 patterns | ${rv}× ($(secs "${t[vale27]}") / $(secs "${t[engine27]}")) | ≥ 20× | $(verdict "$rv" 20 ge) |"
	fi
	echo "| check 300 / check 27 patterns | ${grow}× | ≤ 2× | $(verdict "$grow" 2 le) |"
	if [ -n "${c[engine27]}" ]; then
		echo "| CPU time (user+sys): check / ripgrep, 27 patterns | $(ratio "${c[engine27]}" "${c[rg27]}")× ($(secs "${c[engine27]}") / $(secs "${c[rg27]}")) | (≤ 3×) | |"
		echo "| CPU time: check / ripgrep, 300 patterns | $(ratio "${c[engine300]}" "${c[rg300]}")× ($(secs "${c[engine300]}") / $(secs "${c[rg300]}")) | (≤ 3×) | |"
		[ -n "${c[vale27]:-}" ] && echo "| CPU time: Vale / check, 27 patterns | $(ratio "${c[vale27]}" "${c[engine27]}")× | (≥ 20×) | |"
		echo "| CPU time: check 300 / check 27 | $(ratio "${c[engine300]}" "${c[engine27]}")× | (≤ 2×) | |"
	fi
	echo "| peak memory, 10,000 files, 300 patterns | ${mem} MiB (ripgrep ${memrg} MiB) | ≤ 64 MiB | $(verdict "$mem" 64 le) |"
	ms=$(awk -v a="${t[one]}" 'BEGIN {printf "%.1f", a*1000}')
	echo "| \`svcaudit check -c keeps-promises one.md\`, whole process | ${ms} ms (CPU $(awk -v a="${c[one]}" 'BEGIN {printf "%.1f", a*1000}') ms) | ≤ 20 ms | $(verdict "$ms" 20 le) |"
	echo
	echo "check: $(engine N CORPUS)"
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $(go version | cut -d' ' -f3-4);" \
		"$(rg --version | head -1); hyperfine $(hyperfine --version | cut -d' ' -f2); runs: $runs"
	echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$dir/results.md"

if [ "${SKIP_BUILTINS:-}" != 1 ]; then
	echo
	echo "== the built-in checklists against ripgrep running the same expressions"
	BENCH_DIR="$dir" RUNS="$runs" NO_BUILD=1 bash "$root/bench/builtins.sh" | tee "$dir/builtins.md"
fi
