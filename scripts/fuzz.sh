#!/bin/sh
# fuzz.sh runs every fuzz target in the repository for a bounded time each.
#
#   scripts/fuzz.sh                 # every target, FUZZTIME (default 30s) each
#   FUZZTIME=20s scripts/fuzz.sh ./internal/document   # one package's targets
#   FUZZMINIMIZETIME (default 5s), FUZZPARALLEL (workers, default 1)
#
# It lists the targets with `go test -list`, so a new Fuzz function is picked
# up without editing this file. A crasher is written by go test to the
# package's testdata/fuzz/FuzzX/ directory: fix it, then commit the file as
# a regression case (plain `go test` replays it). Not part of CI's default
# run; the exit status is non-zero if any target failed.
set -u
cd "$(dirname "$0")/.."
t=${FUZZTIME:-30s}
# Minimising a new input may take go test's default 60s, far longer than a
# short fuzztime, and counts no execs meanwhile: keep it short.
mt=${FUZZMINIMIZETIME:-5s}
if [ $# -eq 0 ]; then set -- ./...; fi
status=0
summary=""
for pkg in $(go list "$@"); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		echo "== $pkg $target ($t)"
		log=$(mktemp)
		if go test -run='^$' -fuzz="^$target\$" -fuzztime="$t" -fuzzminimizetime="$mt" -parallel="${FUZZPARALLEL:-1}" "$pkg" >"$log" 2>&1; then
			res=ok
		else
			res=FAIL
			status=1
		fi
		cat "$log"
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
		summary="$summary$(printf '%-4s %-50s %-16s execs=%s' "$res" "${pkg#github.com/svcaudit/svcaudit/}" "$target" "${execs:-?}")
"
		rm -f "$log"
	done
done
echo
echo "== summary (fuzztime $t each)"
printf '%s' "$summary"
exit $status
