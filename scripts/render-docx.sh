#!/bin/sh
# render-docx.sh writes svcaudit's DOCX board papers of the example Results,
# converts them to PDF with LibreOffice (headless) and each page to PNG with
# pdftoppm, so a person can look at what Word would show.
# Usage: scripts/render-docx.sh [OUTDIR]
#   apt-get install libreoffice-writer-nogui poppler-utils   # once
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/render-docx}
mkdir -p "$out"
out=$(cd "$out" && pwd)
data=report/testdata
for tool in soffice pdftoppm; do
	if ! command -v "$tool" >/dev/null; then
		echo "render-docx.sh: $tool not found: apt-get install libreoffice-writer-nogui poppler-utils" >&2
		exit 2
	fi
done
go build -o "$out/svcaudit" ./cmd/svcaudit
bin=$out/svcaudit

$bin report "$data/housing-2026-q2.json" --baseline "$data/housing-2026-q1.json" \
	--baseline "$data/housing-2025-q4.json" --actions "$data/actions.yaml" \
	--period "Q1 2026-27" -o "$out/one.docx" --force
$bin report "$data/housing-2026-q2.json" --baseline "$data/housing-2026-q1.json" \
	--period "Q1 2026-27" --summary -o "$out/summary.docx" --force
$bin report "$data/housing-2026-q2.json" "$data/council-tax-2026-q2.json" "$data/libraries-2026-q2.json" \
	--baseline "$data/housing-2026-q1.json" --sort score -o "$out/several.docx" --force

# the self-assessment form of the example landlord that does not comply
sa=$(mktemp -d)
cp examples/codes/non-compliant-answers.yaml examples/codes/non-compliant-policy.md "$sa/"
(cd "$sa" && "$bin" run -c housing-ombudsman-code --answers non-compliant-answers.yaml \
	--docs non-compliant-policy.md --actions actions.yaml -o southgate.json --as-of 2026-05-29 >/dev/null 2>&1 || true)
$bin report "$sa/southgate.json" --self-assessment --period 2025-26 --actions "$sa/actions.yaml" \
	-o "$out/self-assessment.docx" --force
rm -rf "$sa"

for name in one summary several self-assessment; do
	(cd "$out" && soffice --headless --convert-to pdf "$name.docx" >/dev/null 2>&1)
	rm -f "$out/$name"-*.png
	pdftoppm -r 80 -png "$out/$name.pdf" "$out/$name"
	echo "$out/$name.pdf: $(ls "$out/$name"-*.png | wc -l) pages"
done
