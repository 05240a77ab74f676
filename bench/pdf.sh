#!/usr/bin/env bash
# bench/pdf.sh — the PDF reader comparison of BENCHMARKS.md, in one command.
#
#   bash bench/pdf.sh
#
# Makes long.pdf (the fixture's source, internal/document/testdata/src/
# policy.fodt, with its body repeated 60 times, converted by LibreOffice
# headless) and runs internal/document/testdata/pdfcompare on policy.pdf and
# long.pdf: time per document and accuracy against poppler's pdftotext for
# ledongthuc/pdf and go-pdfium (WebAssembly). Needs soffice (Debian:
# libreoffice-writer-nogui) and pdftotext (poppler-utils).
#
# Environment: RUNS (timed runs per file and extractor, default 10),
# WORK (scratch folder, default a fresh mktemp -d, removed at the end).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
work=${WORK:-$(mktemp -d)}
[ -z "${WORK:-}" ] && trap 'rm -rf "$work"' EXIT
for t in soffice pdftotext; do
	command -v "$t" >/dev/null 2>&1 || { echo "bench: $t not found (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 2; }
done

src=$root/internal/document/testdata/src/policy.fodt
python3 - "$src" "$work/long.fodt" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index("<office:text")
a = s.index(">", a) + 1
b = s.index("</office:text>")
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[a:b] * 60 + s[b:])
PY
soffice --headless --norestore --convert-to pdf --outdir "$work" "$work/long.fodt" >/dev/null 2>&1
pages=$(pdfinfo "$work/long.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
echo "long.pdf: ${pages:-?} pages, $(wc -c < "$work/long.pdf") bytes"
cd "$root/internal/document/testdata/pdfcompare"
go run . -n "$runs" ../policy.pdf "$work/long.pdf"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
