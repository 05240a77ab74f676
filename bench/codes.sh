#!/usr/bin/env bash
# bench/codes.sh — `svcaudit check -c housing-ombudsman-code policy.pdf` on
# a 20-page complaints policy, once the PDF engine is cached.
#
#   bash bench/codes.sh
#
# Makes policy.pdf from examples/codes/compliant-policy.md (its sections
# repeated, as HTML converted by LibreOffice headless, until it has 20
# pages), builds svcaudit, runs the check once to fill the PDF engine's
# compilation cache, then times RUNS runs (default 20) and prints the
# median, the fastest and the slowest wall time in milliseconds, the median
# CPU time (user + system) beside them, and the load average. Needs
# soffice (Debian: libreoffice-writer-nogui) and pdfinfo (poppler-utils).
# WORK is the scratch folder (default: a fresh mktemp -d, removed at the
# end); BIN, when set, is the svcaudit binary to time instead of one built
# from this tree (to time another commit's on the same PDF).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-20}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
[ -z "${WORK:-}" ] && trap 'rm -rf "$work"' EXIT
for t in soffice pdfinfo; do
	command -v "$t" >/dev/null 2>&1 || { echo "bench: $t not found (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 2; }
done

make_pdf() { # $1: copies of the policy's body
	python3 - "$root/examples/codes/compliant-policy.md" "$work/policy.html" "$1" <<'PY'
import html, sys
src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src, encoding="utf-8").read().split("\n")
title, body = lines[0], lines[1:]
def render(ls):
    parts = []
    for l in ls:
        if l.startswith("## "):
            parts.append("<h2>%s</h2>" % html.escape(l[3:]))
        elif l.strip():
            parts.append("<p>%s</p>" % html.escape(l))
    return "\n".join(parts)
with open(out, "w", encoding="utf-8") as f:
    f.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Complaints policy</title></head><body>")
    f.write("<h1>%s</h1>\n" % html.escape(title.lstrip("# ")))
    for i in range(copies):
        f.write(render(body))
    f.write("</body></html>")
PY
	soffice --headless --norestore --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/policy.html" >/dev/null 2>&1
	pdfinfo "$work/policy.pdf" | awk '/^Pages:/ {print $2}'
}
copies=3
pages=$(make_pdf $copies)
while [ "$pages" -lt 20 ]; do
	copies=$((copies * 20 / pages + 1))
	pages=$(make_pdf $copies)
done
echo "policy.pdf: $pages pages, $(wc -c < "$work/policy.pdf") bytes"

bin=${BIN:-}
if [ -z "$bin" ]; then
	(cd "$root" && go build -o "$work/svcaudit" ./cmd/svcaudit)
	bin="$work/svcaudit"
fi
export XDG_CACHE_HOME="$work/cache"
"$bin" check -c housing-ombudsman-code "$work/policy.pdf" >/dev/null || true   # fills the engine cache
"$bin" check -c housing-ombudsman-code "$work/policy.pdf" | tail -n +2 | head -n 1

# Each run's wall time and CPU time (user + system), from bash's time.
TIMEFORMAT='%3R %3U %3S'
walls=() cpus=()
for _ in $(seq "$runs"); do
	t=$( { time "$bin" check -c housing-ombudsman-code "$work/policy.pdf" >/dev/null 2>&1 || true; } 2>&1 )
	read -r real user sys <<<"$t"
	walls+=($(awk -v r="$real" 'BEGIN {printf "%d", r * 1000 + 0.5}'))
	cpus+=($(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000 + 0.5}'))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int(NR / 2) + 1]}'; }
sorted=($(printf '%s\n' "${walls[@]}" | sort -n))
n=${#sorted[@]}
echo "check -c housing-ombudsman-code policy.pdf ($runs runs): median ${sorted[$((n / 2))]} ms, fastest ${sorted[0]} ms, slowest ${sorted[$((n - 1))]} ms; CPU (user + sys) median $(median "${cpus[@]}") ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
