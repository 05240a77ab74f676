#!/bin/sh
# make.sh regenerates the format-parity documents: each source in src/ is
# written three times by hand with the same text (NAME.html; NAME.md;
# NAME.txt, as plain text is typed: headings as lines of their own, "- "
# bullets, a table as columns of spaces), and LibreOffice makes NAME.docx,
# NAME.odt and NAME.pdf from the HTML, as an organisation's own tools
# would. Run it from this directory:
#
#	sh make.sh
#
# Needs (Debian): libreoffice-writer. The outputs are committed; the test
# (internal/corpus TestFormatParity) does not run this script.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" # a throwaway LibreOffice profile

for src in src/*.html; do
	base=$(basename "$src" .html)
	cp "$src" "$base.html"
	cp "src/$base.md" "$base.md"
	cp "src/$base.txt" "$base.txt"
	for to in 'docx:MS Word 2007 XML' odt pdf:writer_pdf_Export; do
		soffice --headless --norestore --infilter='HTML (StarWriter)' \
			--convert-to "$to" --outdir "$tmp" "$src" >/dev/null 2>&1
		ext=${to%%:*}
		cp "$tmp/$base.$ext" "$base.$ext"
	done
done
