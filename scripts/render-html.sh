#!/bin/sh
# render-html.sh renders svcaudit's HTML reports of the example Results to
# PNG (and PDF, to check A4 page breaks) with Debian's headless Chromium, so
# a person can look at them. Usage: scripts/render-html.sh [OUTDIR]
#   apt-get install chromium   # once
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/render}
mkdir -p "$out"
out=$(cd "$out" && pwd)
data=report/testdata
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
	echo "render-html.sh: chromium not found: apt-get install chromium" >&2
	exit 2
fi
go build -o "$out/svcaudit" ./cmd/svcaudit
bin=$out/svcaudit

$bin report "$data/housing-2026-q2.json" --baseline "$data/housing-2026-q1.json" \
	--baseline "$data/housing-2025-q4.json" --actions "$data/actions.yaml" \
	--format html -o "$out/one.html" --force
$bin report "$data/housing-2026-q2.json" "$data/council-tax-2026-q2.json" "$data/libraries-2026-q2.json" \
	--baseline "$data/housing-2026-q1.json" --sort score --format html -o "$out/several.html" --force

names="one several"
# The repository's examples, once `run` can score them.
if $bin run --help >/dev/null 2>&1; then
	for a in examples/answers/*.yaml; do
		n=example-$(basename "$a" .yaml)
		c=$(sed -n 's/^checklist: *//p' "$a" | head -n 1)
		rm -f "$out/$n.json"
		# run exits 1 when the audit fails; the Result is written all the same.
		$bin run -c "$c" -a "$a" --docs examples/documents -o "$out/$n.json" --force >/dev/null 2>&1 || true
		[ -f "$out/$n.json" ] || continue
		$bin report "$out/$n.json" --format html -o "$out/$n.html" --force && names="$names $n"
	done
fi

for name in $names; do
	profile=$(mktemp -d)
	flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$profile"
	# shellcheck disable=SC2086
	"$chrome" $flags --hide-scrollbars --screenshot="$out/$name.png" --window-size=1240,1754 "file://$out/$name.html" 2>/dev/null
	# shellcheck disable=SC2086
	"$chrome" $flags --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$out/$name.html" 2>/dev/null
	rm -rf "$profile"
	echo "$out/$name.png $out/$name.pdf"
done
