#!/usr/bin/env bash
# bench/pdf-hostile.sh — what a hostile PDF costs: a 793-byte PDF whose page
# draws a form that draws itself twice (the shape of the fixture in
# internal/document/pdfmem_test.go and badinput_pdf_memory.txtar).
#
#   bash bench/pdf-hostile.sh
#
# For each --pdf-memory limit (default "64MiB 256MiB 1GiB") it runs
# `svcaudit check -c real-humans hostile.pdf`, then the same with an
# ordinary two-page PDF beside it, and prints wall time, CPU time
# (user + system) and peak resident memory (/usr/bin/time). The hostile PDF
# must be reported as over the memory limit and the ordinary one read.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/svcaudit-pdf-hostile}
limits=${LIMITS:-"64MiB 256MiB 1GiB"}
mkdir -p "$dir"
(cd "$root" && go build -o "$dir/svcaudit" ./cmd/svcaudit)
awk '/^-- hostile.pdf --$/{on=1; next} /^-- /{on=0} on' \
	"$root/cmd/svcaudit/testdata/script/badinput_pdf_memory.txtar" > "$dir/hostile.pdf"
cp "$root/internal/document/testdata/policy.pdf" "$dir/policy.pdf"
cd "$dir"
uptime
printf '%-8s %-22s %8s %8s %10s\n' limit documents wall cpu peak
for lim in $limits; do
	for docs in "hostile.pdf" "policy.pdf hostile.pdf"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %U %S %M' -o time.txt ./svcaudit check -c real-humans --pdf-memory "$lim" $docs > out.txt 2>&1 || true
		grep -q "needs more memory than the limit" out.txt || { echo "bench/pdf-hostile.sh: $lim: the hostile PDF was not stopped by its memory limit" >&2; cat out.txt >&2; exit 1; }
		read -r wall user sys rss < <(tail -1 time.txt)
		printf '%-8s %-22s %7.2fs %7.2fs %7.0fMB\n' "$lim" "$docs" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)"
	done
done
