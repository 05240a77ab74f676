package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// find returns the position of the first occurrence of phrase in doc.
func find(t *testing.T, doc *Document, phrase string) Position {
	t.Helper()
	i := strings.Index(doc.Text, phrase)
	if i < 0 {
		t.Fatalf("%q not in text %q", phrase, doc.Text)
	}
	return doc.Position(i)
}

func TestTextPositions(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		text       string
		phrase     string
		want       Position
	}{
		{"lf", "a.txt", []byte("one\ntwo three\n"), "one two three", "three", Position{Line: 2, Column: 5}},
		{"crlf", "a.txt", []byte("one\r\ntwo three\r\n"), "one two three", "three", Position{Line: 2, Column: 5}},
		{"lone cr", "a.txt", []byte("one\rtwo three\r"), "one two three", "three", Position{Line: 2, Column: 5}},
		{"blank line ends a block", "a.txt", []byte("one\r\n\r\ntwo"), "one\ntwo", "two", Position{Line: 3, Column: 1}},
		{"indent", "a.txt", []byte("  \tone"), "one", "one", Position{Line: 1, Column: 4}},
		{"utf-8 bom", "a.txt", []byte("\xEF\xBB\xBFZoë here"), "Zoë here", "here", Position{Line: 1, Column: 5}},
		{"utf-16le bom", "a.txt", []byte("\xFF\xFEZ\x00o\x00\xEB\x00\r\x00\n\x00x\x00"), "Zoë x", "x", Position{Line: 2, Column: 1}},
		{"utf-16be bom", "a.txt", []byte("\xFE\xFF\x00Z\x00o\x00\xEB\x00 \x00x"), "Zoë x", "x", Position{Line: 1, Column: 5}},
		{"windows-1252", "a.txt", []byte("caf\xE9 \x93quoted\x94 end"), "café “quoted” end", "end", Position{Line: 1, Column: 15}},
		{"html meta charset", "a.html", []byte("<meta charset=\"iso-8859-2\"><p>\xa3\xf3d\xbc here</p>"), "Łódź here", "here", Position{Line: 1, Column: 36}},
		{"html without charset", "a.html", []byte("<p>caf\xe9 here</p>"), "café here", "here", Position{Line: 1, Column: 9}},
		{"multibyte columns", "a.md", []byte("日本語 text"), "日本語 text", "text", Position{Line: 1, Column: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.file, tt.data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.text {
				t.Errorf("text = %q, want %q", doc.Text, tt.text)
			}
			if got := find(t, doc, tt.phrase); got != tt.want {
				t.Errorf("position of %q = %+v, want %+v", tt.phrase, got, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		text     string
		headings []Heading
	}{
		{"atx with closing hashes", "# Title ##\nbody", "Title\nbody", []Heading{{1, "Title", 0}}},
		{"atx needs a space", "#hashtag", "#hashtag", nil},
		{"setext", "Big\n===\n\nSmall\n---\ntext", "Big\nSmall\ntext", []Heading{{1, "Big", 0}, {2, "Small", 4}}},
		{"thematic break is not a heading", "a\n\n---\nb", "a\nb", nil},
		{"rule after a list item is not a heading", "- item\n---\nb", "item\nb", nil},
		{"front matter skipped", "---\ntitle: x\n---\nbody", "body", nil},
		{"unclosed front matter kept", "---\nbody", "body", nil},
		{"toml front matter", "+++\na = 1\n+++\nbody", "body", nil},
		{"emphasis and code dropped", "a **b** _c_ `d` snake_case 2 * 3", "a b c d snake_case 2 * 3", nil},
		{"links keep their text", "see [the policy](http://x/y) and ![logo](l.png)", "see the policy and logo", nil},
		{"reference link", "see [the policy][1]", "see the policy", nil},
		{"autolink", "mail <a@b.org>", "mail a@b.org", nil},
		{"inline html dropped", "a <br/> b", "a b", nil},
		{"list items are blocks", "- one\n- two\n  more", "one\ntwo more", nil},
		{"task list", "- [x] done", "done", nil},
		{"ordered list", "1. one\n2) two", "one\ntwo", nil},
		{"quote", "> quoted\n> text", "quoted text", nil},
		{"fenced code lines are blocks", "```go\nx := 1\ny\n```\nafter", "x := 1\ny\nafter", nil},
		{"html comment skipped", "<!-- note\nmore -->\ntext", "text", nil},
		{"table", "| a | b |\n|---|---|\n| c | d |", "a b\nc d", nil},
		{"escape", `\*not emphasis\*`, "*not emphasis*", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(tt.src), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.text {
				t.Errorf("text = %q, want %q", doc.Text, tt.text)
			}
			if diff := cmp.Diff(tt.headings, doc.Headings); diff != "" {
				t.Errorf("headings (-want +got):\n%s", diff)
			}
			checkSegments(t, doc)
		})
	}
}

func TestMarkdownColumns(t *testing.T) {
	src := "# Head\n\nSome **bold** [link](u) text\n> - quoted item here\n| x | cell here |"
	doc, err := Parse("x.md", []byte(src), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for phrase, want := range map[string]Position{
		"Head":      {Line: 1, Column: 3},
		"bold":      {Line: 3, Column: 8},
		"link":      {Line: 3, Column: 16},
		"text":      {Line: 3, Column: 25},
		"quoted":    {Line: 4, Column: 5},
		"cell here": {Line: 5, Column: 7},
	} {
		if got := find(t, doc, phrase); got != want {
			t.Errorf("%q at %+v, want %+v", phrase, got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		text     string
		headings []Heading
	}{
		{"ignored elements", "<p>a<script>b</script><style>c</style><noscript>d</noscript><template><p>e</p></template>f</p>", "af", nil},
		{"entities", "<p>fish &amp; chips&nbsp;&#8212; &eacute;&#xE9; &bogus; & x</p>", "fish & chips — éé &bogus; & x", nil},
		{"blocks", "<div>a</div><div>b<br>c</div><ul><li>d<li>e</ul>", "a\nb\nc\nd\ne", nil},
		{"inline elements join", "<p>a <b>bold</b> <a href=x>link</a>.</p>", "a bold link.", nil},
		{"headings", "<h1>One</h1><p>x</p><h3>Three <em>it</em></h3>", "One\nx\nThree it", []Heading{{1, "One", 0}, {3, "Three it", 6}}},
		{"white space collapses at line breaks", "<p>\n   one\n   two\n</p>", "one two", nil},
		{"comments", "<p>a<!-- b -->c</p>", "ac", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.html", []byte(tt.src), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.text {
				t.Errorf("text = %q, want %q", doc.Text, tt.text)
			}
			if diff := cmp.Diff(tt.headings, doc.Headings); diff != "" {
				t.Errorf("headings (-want +got):\n%s", diff)
			}
			checkSegments(t, doc)
		})
	}
}

func TestHTMLColumns(t *testing.T) {
	src := "<html>\r\n<body><p>caf&eacute; then <b>bold</b>\r\n  next line</p>\r<p>after lone CR</p>"
	doc, err := Parse("x.html", []byte(src), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for phrase, want := range map[string]Position{
		"café":  {Line: 2, Column: 10},
		"then":  {Line: 2, Column: 22},
		"bold":  {Line: 2, Column: 30},
		"next":  {Line: 3, Column: 3},
		"after": {Line: 4, Column: 4},
	} {
		if got := find(t, doc, phrase); got != want {
			t.Errorf("%q at %+v, want %+v", phrase, got, want)
		}
	}
}

// TestHTMLOneLongLine reads a large page that is all on one line; it must
// stay linear (a quadratic position lookup would not finish).
func TestHTMLOneLongLine(t *testing.T) {
	var b bytes.Buffer
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString("<p>some policy text &amp; more</p>")
	}
	b.WriteString("<p>the end</p>")
	doc, err := Parse("big.html", b.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := find(t, doc, "the end"), (Position{Line: 1, Column: b.Len() - len("the end</p>") + 1}); got != want {
		t.Errorf("position %+v, want %+v", got, want)
	}
}

// makeZip builds an archive from name/content pairs.
func makeZip(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		f, err := w.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(files[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wdoc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`

func TestDOCX(t *testing.T) {
	styles := `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>`
	body := wdoc +
		`<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>German heading</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Custom"/></w:pPr><w:r><w:t>Outline two</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Split </w:t></w:r><w:r><w:t>run</w:t><w:tab/><w:t>tabbed</w:t></w:r>` +
		`<mc:AlternateContent><mc:Choice><w:r><w:t> choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		`<w:p/><w:p><w:r><w:delText>deleted</w:delText><w:t>kept</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t></w:r></w:p></w:body></w:document>`
	doc, err := Parse("x.docx", makeZip(t, "word/document.xml", body, "word/styles.xml", styles), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "German heading\nOutline two\nSplit run tabbed choice\nkept\ne-mail"; doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
	if diff := cmp.Diff([]Heading{{1, "German heading", 0}, {2, "Outline two", 15}}, doc.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	if got, want := find(t, doc, "tabbed"), (Position{Line: 3, Column: 11}); got != want {
		t.Errorf("tabbed at %+v, want %+v", got, want)
	}
	if got, want := find(t, doc, "kept"), (Position{Line: 5, Column: 1}); got != want {
		t.Errorf("kept at %+v, want %+v (empty paragraphs count)", got, want)
	}
}

func TestODT(t *testing.T) {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles><style:style style:name="P1" style:parent-style-name="Title"/></office:automatic-styles>
<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="x"/></text:sequence-decls>
<text:p text:style-name="P1">The title</text:p>
<text:h text:outline-level="2">Sub <text:span>heading</text:span></text:h>
<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d<office:annotation><text:p>comment</text:p></office:annotation> end<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document-content>`
	doc, err := Parse("x.odt", makeZip(t, "content.xml", content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "The title\nSub heading\na   b c d end\nnote"; doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
	if diff := cmp.Diff([]Heading{{1, "The title", 0}, {2, "Sub heading", 10}}, doc.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	if got, want := find(t, doc, "end"), (Position{Line: 3, Column: 11}); got != want {
		t.Errorf("end at %+v, want %+v", got, want)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, file string
		lim        Limits
		msg, hint  string
		// limit is the typed cause of a document refused at a limit,
		// which carries the limit: the command line words the advice.
		limit error
	}{
		{"truncated pdf", "truncated.pdf", Limits{}, "cannot read PDF: it is truncated or corrupt", "", nil},
		{"encrypted pdf", "encrypted.pdf", Limits{}, "cannot read PDF: it is encrypted", "remove the password", nil},
		{"scanned pdf", "scanned.pdf", Limits{}, "it has no text layer", "it has no text layer; run OCR (e.g. ocrmypdf) first", nil},
		{"pdf timeout", "policy.pdf", Limits{PDFTimeout: time.Nanosecond}, "reading it took longer than the limit of 1ns", "", &TimeoutError{Limit: time.Nanosecond}},
		{"zip bomb", "bomb.docx", Limits{}, "refusing a likely zip bomb", "", &UnzipLimitError{}},
		{"over max unzipped", "policy.docx", Limits{MaxUnzipped: 1000}, "unpacks to more than the limit of 1000 B", "", &UnzipLimitError{Limit: 1000}},
		{"odt over max unzipped", "policy.odt", Limits{MaxUnzipped: 100}, "unpacks to more than the limit of 100 B", "", &UnzipLimitError{Limit: 100}},
		{"corrupt docx", "corrupt.docx", Limits{}, "not a valid zip archive", "", nil},
		{"docx without document.xml", "nodoc.docx", Limits{}, "word/document.xml is missing", "", nil},
		{"odt without content.xml", "nocontent.odt", Limits{}, "content.xml is missing", "", nil},
		{"over max file size", "policy.pdf", Limits{MaxFileSize: 1024}, "KiB, over the limit of 1 KiB", "", &TooLargeError{Limit: 1024}},
		{"missing file", "nothing-here.md", Limits{}, "cannot read: no such file or directory", "", nil},
		{"unsupported", "make-fixtures.sh", Limits{}, `unsupported document type ".sh"`, ".docx", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			_, err := Read(path, tt.lim)
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v (%T) is not a *diag.Error", err, err)
			}
			if de.File != path {
				t.Errorf("error names file %q, want %q", de.File, path)
			}
			if !strings.Contains(de.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", de.Msg, tt.msg)
			}
			if !strings.Contains(de.Hint, tt.hint) || tt.hint == "" && de.Hint != "" {
				t.Errorf("hint %q, want %q", de.Hint, tt.hint)
			}
			if strings.Contains(de.Hint, "--max") || strings.Contains(de.Hint, "--pdf") {
				t.Errorf("hint %q names a flag: the command line words the advice", de.Hint)
			}
			switch want := tt.limit.(type) {
			case nil:
				if de.Err != nil {
					t.Errorf("typed cause %#v, want none", de.Err)
				}
			case *TooLargeError:
				var got *TooLargeError
				if !errors.As(err, &got) || got.Limit != want.Limit || got.Path != path || got.Size <= got.Limit {
					t.Errorf("cause %#v, want a TooLargeError over %d", de.Err, want.Limit)
				}
			case *UnzipLimitError:
				var got *UnzipLimitError
				if !errors.As(err, &got) || got.Limit != want.Limit {
					t.Errorf("cause %#v, want an UnzipLimitError at %d", de.Err, want.Limit)
				}
			case *TimeoutError:
				var got *TimeoutError
				if !errors.As(err, &got) || got.Limit != want.Limit {
					t.Errorf("cause %#v, want a TimeoutError at %v", de.Err, want.Limit)
				}
			}
		})
	}
}

func TestBinaryAsText(t *testing.T) {
	for _, name := range []string{"x.txt", "x.md", "x.html"} {
		_, err := Parse(name, []byte("PK\x03\x04\x00\x00binary"), Limits{})
		if err == nil || !strings.Contains(err.Error(), "looks like a binary file") {
			t.Errorf("%s: error %v, want a binary-file error", name, err)
		}
	}
}

func TestBadXML(t *testing.T) {
	_, err := Parse("x.docx", makeZip(t, "word/document.xml", wdoc+"<w:p><w:t>unclosed"), Limits{})
	if err == nil || !strings.Contains(err.Error(), "word/document.xml is not well-formed XML near line 1") {
		t.Errorf("error %v", err)
	}
}

func TestOverSizeNotRead(t *testing.T) {
	// A sparse 10 GiB file: reading it would take minutes and all the
	// memory, so only a Read that stats first passes quickly.
	path := filepath.Join(t.TempDir(), "big.md")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(10 << 30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	_, err = Read(path, Limits{})
	if err == nil || !strings.Contains(err.Error(), "file is 10 GiB, over the limit of 32 MiB") {
		t.Errorf("error %v, want the size limit", err)
	}
}

func TestLimits(t *testing.T) {
	d := DefaultLimits()
	if d != (Limits{MaxFileSize: 32 << 20, MaxUnzipped: 64 << 20, PDFTimeout: 10 * time.Second, PDFMemory: 256 << 20}) {
		t.Errorf("DefaultLimits() = %+v", d)
	}
	if got := (Limits{MaxFileSize: 5}).withDefaults(); got != (Limits{MaxFileSize: 5, MaxUnzipped: d.MaxUnzipped, PDFTimeout: d.PDFTimeout, PDFMemory: d.PDFMemory}) {
		t.Errorf("withDefaults = %+v", got)
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1 KiB", 1536: "1.5 KiB", 32 << 20: "32 MiB", 5 << 30: "5 GiB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]string{
		"a.md": "md", "A.MARKDOWN": "md", "a.txt": "txt", "a.htm": "html", "a.HTML": "html",
		"a.docx": "docx", "a.odt": "odt", "a.pdf": "pdf", "a.doc": "", "Makefile": "", "a.md.bak": "",
	} {
		if got := FormatOf(path); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
		}
		if Supported(path) != (want != "") {
			t.Errorf("Supported(%q) = %v", path, !(want != ""))
		}
	}
}

// TestZipLyingSize: an archive whose directory claims a part is tiny is
// still bounded by what is actually read.
func TestZipLyingSize(t *testing.T) {
	body := wdoc + "<w:p><w:r><w:t>" + strings.Repeat("x", 5000) + "</w:t></w:r></w:p></w:body></w:document>"
	data := makeZip(t, "word/document.xml", body)
	// Rewrite the uncompressed size in the central directory to 100 bytes.
	i := bytes.Index(data, []byte("PK\x01\x02"))
	if i < 0 {
		t.Fatal("no central directory")
	}
	copy(data[i+24:i+28], []byte{100, 0, 0, 0})
	_, err := Parse("x.docx", data, Limits{MaxUnzipped: 1000})
	if err == nil || !strings.Contains(err.Error(), "cannot read DOCX: word/document.xml is corrupt") {
		t.Errorf("error %v, want one about word/document.xml", err)
	}
}

// TestPDFAfterTimeout: a PDF stopped by the time limit leaves the engine
// usable for the next one.
func TestPDFAfterTimeout(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		_, err := Parse("a.pdf", data, Limits{PDFTimeout: time.Duration(i+1) * 100 * time.Microsecond})
		var to *TimeoutError
		if err != nil && !errors.As(err, &to) && !strings.Contains(err.Error(), "took longer") {
			t.Fatalf("error %v, want success or a timeout", err)
		}
	}
	doc, err := Parse("b.pdf", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 2 {
		t.Errorf("pages = %d, want 2", doc.Pages)
	}
}

func TestReadNotAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes.md")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir, Limits{}); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("error %v, want a directory error", err)
	}
}

// Comments addressed to svcaudit are kept with the line they start on, in
// Markdown (not inside code) and HTML (not inside scripts); other comments
// are not kept.
func TestDirectives(t *testing.T) {
	md := "# T\n\n<!-- svcaudit-disable a -- one line -->\n\n<!-- a plain comment -->\n<!--\n svcaudit-enable a\n-->\n```\n<!-- svcaudit-disable b -- an example -->\n```\n"
	doc, err := Parse("x.md", []byte(md), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{{Line: 3, Text: "svcaudit-disable a -- one line"}, {Line: 6, Text: "svcaudit-enable a"}}
	if !reflect.DeepEqual(doc.Directives, want) {
		t.Errorf("Markdown directives = %+v, want %+v", doc.Directives, want)
	}
	html := "<html><body>\n<p>x</p><!-- svcaudit-disable a -- why -->\n<script>/* <!-- svcaudit-disable b -- no --> */</script>\n<!-- other -->\n</body></html>"
	doc, err = Parse("x.html", []byte(html), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want = []Comment{{Line: 2, Text: "svcaudit-disable a -- why"}}
	if !reflect.DeepEqual(doc.Directives, want) {
		t.Errorf("HTML directives = %+v, want %+v", doc.Directives, want)
	}
}

// A Word comment or an ODT annotation addressed to svcaudit is a directive
// covering the paragraphs it is anchored to; its text is not prose, and
// other comments are not kept.
func TestOfficeDirectives(t *testing.T) {
	body := wdoc + `<w:p><w:r><w:t>One</w:t></w:r></w:p>` +
		`<w:commentRangeStart w:id="7"/><w:p><w:r><w:t>Two</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Three</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>` +
		`<w:p><w:commentRangeStart w:id="8"/><w:r><w:t>Four</w:t></w:r><w:commentRangeEnd w:id="8"/></w:p></w:body></w:document>`
	comments := `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:comment w:id="7" w:author="A"><w:p><w:r><w:t>svcaudit-disable no-reply --</w:t></w:r></w:p><w:p><w:r><w:t>statutory wording</w:t></w:r></w:p></w:comment>` +
		`<w:comment w:id="8" w:author="B"><w:p><w:r><w:t>Please reword this.</w:t></w:r></w:p></w:comment></w:comments>`
	doc, err := Parse("x.docx", makeZip(t, "word/document.xml", body, "word/comments.xml", comments), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{{Line: 2, EndLine: 3, Text: "svcaudit-disable no-reply -- statutory wording"}}
	if !reflect.DeepEqual(doc.Directives, want) {
		t.Errorf("DOCX directives = %+v, want %+v", doc.Directives, want)
	}
	if doc.Text != "One\nTwo\nThree\nFour" {
		t.Errorf("DOCX text = %q", doc.Text)
	}

	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:body><office:text>
<text:p>One</text:p>
<text:p><office:annotation office:name="n1"><dc:creator>A svcaudit-author</dc:creator><text:p>svcaudit-disable-file personal</text:p><text:p>-- a mail merge</text:p></office:annotation>Two</text:p>
<text:p>Three<office:annotation-end office:name="n1"/></text:p>
<text:p>Four<office:annotation><text:p>svcaudit-disable no-reply -- here only</text:p></office:annotation></text:p>
<text:p>Five<office:annotation><text:p>just a remark</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>`
	doc, err = Parse("x.odt", makeZip(t, "content.xml", content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want = []Comment{{Line: 2, EndLine: 3, Text: "svcaudit-disable-file personal -- a mail merge"}, {Line: 4, EndLine: 4, Text: "svcaudit-disable no-reply -- here only"}}
	if !reflect.DeepEqual(doc.Directives, want) {
		t.Errorf("ODT directives = %+v, want %+v", doc.Directives, want)
	}
	if doc.Text != "One\nTwo\nThree\nFour\nFive" {
		t.Errorf("ODT text = %q", doc.Text)
	}
}
