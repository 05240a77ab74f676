#!/bin/sh
# fuzz.sh runs every fuzz target of package document for a bounded time
# each (default 30s): sh testdata/fuzz.sh [DURATION]
# A crasher is written to testdata/fuzz/FuzzX/ by go test; keep it there
# (commit it) as a regression case once fixed.
set -eu
cd "$(dirname "$0")/.."
t=${1:-30s}
for target in FuzzMarkdown FuzzHTML FuzzDOCX FuzzODT FuzzPDF; do
	echo "== $target ($t)"
	go test -run='^$' -fuzz="^$target\$" -fuzztime="$t" .
done
