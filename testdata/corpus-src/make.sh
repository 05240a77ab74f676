#!/bin/sh
# make.sh regenerates the office-format documents of the corpus
# (testdata/corpus/office-*) with LibreOffice, from the sources here and from
# plain-text corpus files. Run it from this directory: sh make.sh
# Needs (Debian): libreoffice-writer. The outputs are committed; tests do not
# run this script.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" # a throwaway LibreOffice profile
out=../corpus

convert() { # FORMAT:FILTER SRC NAME
	soffice --headless --norestore --convert-to "$1" --outdir "$tmp" "$2" >/dev/null 2>&1
	base=$(basename "$2"); base=${base%.*}
	cp "$tmp/$base.${1%%:*}" "$out/$3"
}

# A strong charter as Word, ODT and PDF: headings from styles, phrases that
# wrap over lines in the PDF.
convert 'docx:MS Word 2007 XML' office-strong-charter.html office-strong-charter.docx
convert odt office-strong-charter.html office-strong-charter.odt
convert pdf:writer_pdf_Export office-strong-charter.html office-strong-charter.pdf

# The bad letter as a PDF, as it would be sent.
cp ../../examples/documents/letter-template-bad.txt "$tmp/office-letter-bad.txt"
convert pdf:writer_pdf_Export "$tmp/office-letter-bad.txt" office-letter-bad.pdf

# The bad complaints procedure as Word.
cp ../../examples/documents/complaints-policy-bad.txt "$tmp/office-complaints-bad.txt"
convert 'docx:MS Word 2007 XML' "$tmp/office-complaints-bad.txt" office-complaints-bad.docx
