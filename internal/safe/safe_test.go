package safe

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	cases := map[string]string{
		"plain":              "plain",
		"\x1b[31mred\x1b[0m": "red",
		"\x1b]8;;https://evil.example\x07click\x1b]8;;\x07": "click",
		"\x1b]52;c;aGVsbG8=\x07copied":                      "copied",
		"\x1b]0;title\x1b\\after":                           "after",
		"\x1b[2J\x1b[Hcleared":                              "cleared",
		"\u009b31mc1":                                       "c1",
		"invoice\u202efdp.exe":                              "invoicefdp.exe",
		"nul\x00byte":                                       "nulbyte",
		"fake\roverwrite":                                   "fakeoverwrite",
		"two\nlines\tand tab":                               "two\nlines\tand tab",
		"bad\xffutf8":                                       "bad\ufffdutf8",
		"sep\u2028par\u2029":                                "seppar",
	}
	for in, want := range cases {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLine(t *testing.T) {
	cases := map[string]string{
		"a\nb":                 "a b",
		"a\r\nb":               "a  b",
		"a\rb":                 "a b",
		"a\tb\u2028c":          "a b c",
		"Poor\n::warning::x":   "Poor ::warning::x",
		"\x1b[1mbold\x1b[0m\n": "bold ",
	}
	for in, want := range cases {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(Line(in), "\n\r") {
			t.Errorf("Line(%q) keeps a line break", in)
		}
	}
}

// TestMarkdownCellBackslashPipe: a backslash before a pipe in the text
// must not become an escaped backslash followed by a cell-ending pipe.
func TestMarkdownCellBackslashPipe(t *testing.T) {
	for _, in := range []string{`a\|b`, `a\\|b`, `\`, `x|y`, "a\nb|c", `\\\|`} {
		row := "| " + MarkdownCell(in) + " | end |"
		if n := cells(row); n != 2 {
			t.Errorf("MarkdownCell(%q): row %q has %d cells, want 2", in, row, n)
		}
	}
	if got := MarkdownCell("<script>&"); got != "&lt;script&gt;&amp;" {
		t.Errorf("MarkdownCell html = %q", got)
	}
}

// cells counts the cells of a GFM table row as GitHub does: a pipe ends a
// cell unless an odd run of backslashes stands before it.
func cells(row string) int {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	n, bs := 0, 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			bs++
			continue
		case '|':
			if bs%2 == 0 {
				n++
			}
		}
		bs = 0
	}
	return n
}

func TestMarkdown(t *testing.T) {
	got := Markdown("<img src=x onerror=alert(1)> *b* [l](u) `c` # h ::x")
	for _, bad := range []string{"<img", "*b*", "[l](u)", "`c`"} {
		if strings.Contains(got, bad) {
			t.Errorf("Markdown left %q in %q", bad, got)
		}
	}
}

func TestCSVCell(t *testing.T) {
	guarded := []string{"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=cmd|' /C calc'!A0", " =1", "\uff1d1+1"}
	for _, in := range guarded {
		if got := CSVCell(in); !strings.HasPrefix(got, "'") {
			t.Errorf("CSVCell(%q) = %q: no guard", in, got)
		}
	}
	for _, in := range []string{"", "plain", "a=b", "1"} {
		if got := CSVCell(in); got != in {
			t.Errorf("CSVCell(%q) = %q, want it unchanged", in, got)
		}
	}
}

// TestEscapedInjective: names that differ only in control characters, or
// in a backslash that looks like an escape, never print the same.
func TestEscapedInjective(t *testing.T) {
	names := []string{"a\x1bb.md", `a\x1bb.md`, "ab.md", "a\nb.md", `a\nb.md`, "a\u202eb.md", "a\xffb.md", `a\xffb.md`, `a\\b.md`}
	seen := map[string]string{}
	for _, n := range names {
		e := Escaped(n)
		if Text(e) != e || strings.ContainsAny(e, "\n\t") {
			t.Errorf("Escaped(%q) = %q is not clean", n, e)
		}
		if prev, ok := seen[e]; ok {
			t.Errorf("Escaped(%q) = Escaped(%q) = %q", n, prev, e)
		}
		seen[e] = n
	}
	if Escaped("docs/plain.md") != "docs/plain.md" {
		t.Error("a plain name changed")
	}
}

func TestGuard(t *testing.T) {
	var b bytes.Buffer
	g := Guard(&b)
	// written in pieces, split between the two colons
	fmt.Fprint(g, "ok line\n:")
	fmt.Fprint(g, ":add-mask::x.md\n  ::stop-commands::T\nmid ::x\n\t:one\n")
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			t.Errorf("line begins with a workflow command: %q", l)
		}
	}
	want := "ok line\n\\::add-mask::x.md\n  \\::stop-commands::T\nmid ::x\n\t\\:one\n"
	if b.String() != want {
		t.Errorf("guarded = %q, want %q", b.String(), want)
	}
	if Guard(g) != g {
		t.Error("Guard of a Guard wraps twice")
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"a\nb", "\x1b]8;;u\x07x", "::x", "\u202e", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := Line(s)
		if strings.ContainsAny(l, "\n\r\x1b") || Text(l) != l {
			t.Fatalf("Line(%q) = %q is not one clean line", s, l)
		}
		c := MarkdownCell(s)
		if n := cells("| " + c + " |"); n != 1 {
			t.Fatalf("MarkdownCell(%q) = %q: %d cells", s, c, n)
		}
		if e := Escaped(s); Text(e) != e {
			t.Fatalf("Escaped(%q) = %q is not clean", s, e)
		}
	})
}

func TestEscapeJSON(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"plain é"}`:             `{"a":"plain é"}`,
		"{\"a\":\"x\x7fy\"}":          `{"a":"x\u007fy"}`,
		"{\"a\":\"\u009b2J \u0085\"}": `{"a":"\u009b2J \u0085"}`,
		"\"\u00c2\u00a0\"":            "\"\u00c2\u00a0\"", // Â and NBSP: not controls
	} {
		if got := string(EscapeJSON([]byte(in))); got != want {
			t.Errorf("EscapeJSON(%q) = %q, want %q", in, got, want)
		}
	}
	// Split across writes, a C1 control is still escaped.
	var b strings.Builder
	w := JSONWriter(&b)
	s := "\"a\u009bb\""
	i := strings.IndexByte(s, 0xc2) + 1
	w.Write([]byte(s[:i]))
	w.Write([]byte(s[i:]))
	if b.String() != `"a\u009bb"` {
		t.Errorf("JSONWriter = %q", b.String())
	}
}

// GuardCSV quotes a first field that begins with a colon, which a CSV
// reader reads back as it was; a quoted cell's line that begins with one
// gets a backslash.
func TestGuardCSV(t *testing.T) {
	var b strings.Builder
	w := csv.NewWriter(GuardCSV(&b))
	rows := [][]string{{"::add-mask::x.md", "a"}, {"ok", "::b"}, {"multi\n::warning::x", "c"}, {" :x", "d"}}
	w.WriteAll(rows)
	for i, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), ":") {
			t.Errorf("line %d begins with a colon: %q", i+1, line)
		}
	}
	got, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"::add-mask::x.md", "a"}, {"ok", "::b"}, {"multi\n\\::warning::x", "c"}, {" :x", "d"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}
	var h strings.Builder
	GuardHTML(&h).Write([]byte("<p>\n  ::add-mask::x</p>\n<style>:root{}</style>\n"))
	if h.String() != "<p>\n  &#58;:add-mask::x</p>\n<style>:root{}</style>\n" {
		t.Errorf("GuardHTML = %q", h.String())
	}
}
