#!/bin/sh
# make-fixtures.sh regenerates the DOCX, ODT and PDF fixtures of package
# document with the real tools. Run it from this directory:
#
#	sh make-fixtures.sh
#
# Needs (Debian): libreoffice-writer-nogui (or libreoffice-writer),
# qpdf, python3 (poppler-utils to inspect). The generated files are
# committed; tests do not run this script.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" # a throwaway LibreOffice profile

convert_to() { # FORMAT[:FILTER] SRC
	soffice --headless --norestore --convert-to "$1" --outdir "$tmp" "$2" >/dev/null 2>&1
}

# The policy: title, headings on three levels, a page break, non-ASCII,
# and a long paragraph that wraps over lines in the PDF.
convert_to docx:"MS Word 2007 XML" src/policy.fodt
convert_to odt src/policy.fodt
convert_to pdf:writer_pdf_Export src/policy.fodt
cp "$tmp/policy.docx" "$tmp/policy.odt" "$tmp/policy.pdf" .

# Encrypted PDF (user password "secret").
qpdf --encrypt secret secret 256 -- policy.pdf encrypted.pdf

# Truncated PDF: the first half of a good one.
size=$(wc -c <policy.pdf)
head -c $((size / 2)) policy.pdf >truncated.pdf

# Image-only PDF, as a scanner makes: one page holding a grey image and no
# text layer. Written directly, so that no image tool is needed.
python3 - <<'PY'
import zlib
w, h = 400, 120
rows = []
for y in range(h):
    # dark bars where lines of "print" would be
    dark = (y // 12) % 2 == 1 and 20 < y < 100
    rows.append(bytes(40 if dark and (x // 7) % 5 else 250 for x in range(w)))
img = zlib.compress(b"".join(rows))
content = b"q 400 0 0 120 100 600 cm /Im1 Do Q"
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open("scanned.pdf", "wb").write(out)
PY

# DOCX zip bomb: a word/document.xml of 40 MiB of spaces (a ratio of about 1000) that packs to
# some 40 KB.
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        chunk = b" " * (1 << 20)
        for _ in range(40):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
PY

# Corrupt archives: a DOCX cut short, and a zip without document.xml.
head -c 2000 policy.docx >corrupt.docx
python3 -c 'import zipfile; z=zipfile.ZipFile("nodoc.docx","w"); z.writestr("word/other.xml","<x/>"); z.close()'
python3 -c 'import zipfile; z=zipfile.ZipFile("nocontent.odt","w"); z.writestr("mimetype","application/vnd.oasis.opendocument.text"); z.close()'

ls -l policy.* encrypted.pdf truncated.pdf scanned.pdf bomb.docx corrupt.docx nodoc.docx nocontent.odt
