package config

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

func TestParseFull(t *testing.T) {
	src := `checklists: [keeps-promises, lists/local.yaml]
paths:
  - docs
  - "policies/**/*.md"
include: "*.md"
exclude: [drafts, "**/old/**"]
fail-under: 62.5
format: sarif
together: true
subject: Housing repairs
max-file-size: 8MiB
max-unzipped: 1GB
pdf-timeout: 3s
waivers: waivers.yaml
warn-expiry: 30
fail-on-expired: true
`
	c, err := Parse("repo/.svcaudit.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f, n := 62.5, 30
	want := &Config{
		File: "repo/.svcaudit.yaml", Dir: "repo",
		Checklists: []string{"keeps-promises", "lists/local.yaml"},
		Paths:      []string{"docs", "policies/**/*.md"},
		Include:    []string{"*.md"},
		Exclude:    []string{"drafts", "**/old/**"},
		FailUnder:  &f, Format: "sarif", Together: true, Subject: "Housing repairs",
		MaxFileSize: 8 << 20, MaxUnzipped: 1e9, PDFTimeout: 3 * time.Second,
		WaiversFile: "waivers.yaml", WarnExpiry: &n, FailOnExpired: true,
	}
	if diff := cmp.Diff(want, c, cmpopts.IgnoreFields(Config{}, "Waivers")); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if c.Waivers == nil || c.Waivers.Line != 14 {
		t.Errorf("waivers node = %+v, want the scalar at line 14", c.Waivers)
	}
	if got := c.Path("lists/local.yaml"); got != filepath.Join("repo", "lists/local.yaml") {
		t.Errorf("Path = %q", got)
	}
}

func TestParseInlineWaivers(t *testing.T) {
	src := "waivers:\n  - item: keeps-promises/timescales\n    owner: A\n"
	c, err := Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Waivers == nil || c.Waivers.Kind != yaml.SequenceNode || c.WaiversFile != "" {
		t.Fatalf("want the inline list kept as a node, got %+v", c)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n", "~\n"} {
		c, err := Parse("c.yaml", []byte(src))
		if err != nil || c == nil || c.Paths != nil {
			t.Errorf("Parse(%q) = %+v, %v; want an empty config", src, c, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "line:col: message" and optional hint after " | "
	}{
		{"unknown key", "checklist: [a]\n", []string{`1:1: unknown key "checklist" | did you mean "checklists"?`}},
		{"far unknown key", "zzzzzzzzzz: 1\n", []string{`1:1: unknown key "zzzzzzzzzz" | known keys: cases, checklists, checks, exclude, fail-on-expired, fail-under, format, include, max-file-size, max-unzipped, paths, pdf-memory, pdf-timeout, subject, together, waivers, warn-expiry`}},
		{"fail-on-expired", "fail-on-expired: sometimes\n", []string{`1:18: fail-on-expired must be true or false, not "sometimes"`}},
		{"bad format", "format: sarf\n", []string{`1:9: format must be one of text, json, junit, sarif, github, codequality, not "sarf" | did you mean "sarif"?`}},
		{"fail-under range", "fail-under: 120\n", []string{`1:13: fail-under must be a percentage from 0 to 100, not "120"`}},
		{"fail-under text", "fail-under: high\n", []string{`1:13: fail-under must be a percentage from 0 to 100, not "high"`}},
		{"together", "together: yes please\n", []string{`1:11: together must be true or false, not "yes please"`}},
		{"size unit", "max-file-size: 3 parsecs\n", []string{`1:16: max-file-size: size "3 parsecs": unknown unit "parsecs" (use B, KiB, MiB, GiB, KB, MB or GB), e.g. 32MiB`}},
		{"timeout", "pdf-timeout: soon\n", []string{`1:14: pdf-timeout must be a positive duration such as 10s, not "soon"`}},
		{"warn", "warn-expiry: -3\n", []string{`1:14: warn-expiry must be a whole number of days, not "-3"`}},
		{"paths mapping", "paths: {a: b}\n", []string{`1:8: paths must be a string or a list of strings`}},
		{"paths entry", "paths: [a, [b]]\n", []string{`1:12: paths: each entry must be a non-empty string`}},
		{"bad glob", "exclude: ['a[b']\n", []string{`1:11: exclude: bad glob "a[b": unbalanced brackets or braces, or a bad escape`}},
		{"waivers", "waivers: {a: 1}\n", []string{`1:10: waivers must be the path of a waivers file or a list of waivers`}},
		{"duplicate", "format: json\nformat: text\n", []string{`2:1: duplicate key "format" (first set at line 1)`}},
		{"not a mapping", "- a\n- b\n", []string{"1:1: config must be a mapping of settings, e.g. `checklists: [keeps-promises]`"}},
		{"syntax", "paths: [a\nformat: x\n", []string{`2:0: did not find expected ',' or ']' (in the block that starts here)`}},
		{"tabs", "paths:\n\t- a\n", []string{`2:0: found character that cannot start any token`}},
		{"unknown checklist", "checklists: [keeps-promise]\n", []string{`1:14: unknown checklist "keeps-promise" | did you mean "keeps-promises"?`}},
		{"checks not a list", "checks: {paths: a}\n", []string{`1:9: checks must be a list of entries, each with paths and checklists`}},
		{"checks entry not a mapping", "checks: [a]\n", []string{`1:10: checks: each entry must be a mapping with paths and checklists, e.g. {paths: ["letters/**"], checklists: [real-humans]}`}},
		{"checks empty paths", "checks:\n  - paths: []\n    checklists: [real-humans]\n", []string{`2:12: checks: paths must name at least one file, folder or glob`}},
		{"checks empty path", "checks:\n  - paths: ['']\n    checklists: [real-humans]\n", []string{`2:13: checks: paths: each entry must be a non-empty string`}},
		{"checks missing keys", "checks:\n  - fail-under: 70\n", []string{`2:5: checks: entry has no paths`, `2:5: checks: entry has no checklists`}},
		{"checks unknown checklist", "checks:\n  - paths: [letters]\n    checklists: [real-humans, personal-corespondence]\n", []string{
			`3:31: unknown checklist "personal-corespondence" | did you mean "personal-correspondence"?`}},
		{"checks far checklist", "checks:\n  - paths: [letters]\n    checklists: zzzzzzzz\n", []string{
			`3:17: unknown checklist "zzzzzzzz" | 'svcaudit list' shows the built-in checklists; a file must end in .yaml or contain a /`}},
		{"checks bad fail-under", "checks:\n  - paths: [a]\n    checklists: [real-humans]\n    fail-under: 101\n", []string{
			`4:17: checks: fail-under must be a percentage from 0 to 100, not "101"`}},
		{"checks unknown key", "checks:\n  - path: [a]\n    checklists: [real-humans]\n", []string{
			`2:5: checks: unknown key "path" | did you mean "paths"?`, `2:5: checks: entry has no paths`}},
		{"checks bad glob", "checks:\n  - paths: ['a[b']\n    checklists: [real-humans]\n", []string{
			`2:13: checks: paths: bad glob "a[b": unbalanced brackets or braces, or a bad escape`}},
		{"every problem", "format: x\nfail-under: -1\n", []string{
			`1:9: format must be one of text, json, junit, sarif, github, codequality, not "x"`,
			`2:13: fail-under must be a percentage from 0 to 100, not "-1"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var got []string
			for _, e := range diag.Flatten(err) {
				if e.File != "c.yaml" {
					t.Errorf("error %q does not name the file", e)
				}
				s := itoa(e.Line) + ":" + itoa(e.Column) + ": " + e.Msg
				if e.Hint != "" {
					s += " | " + e.Hint
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseChecks(t *testing.T) {
	src := `checklists: [keeps-promises]
fail-under: 60
checks:
  - paths: ["letters/**"]
    checklists: [real-humans, personal-correspondence]
    fail-under: 70
  - paths: ["policies/**/*.md", "charter.*"]
    checklists: [service-charter, lists/local.yaml]
`
	c, err := Parse("repo/.svcaudit.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	seventy := 70.0
	want := []Check{
		{Paths: []string{"letters/**"}, Checklists: []string{"real-humans", "personal-correspondence"}, FailUnder: &seventy,
			Pos: diag.Pos{File: "repo/.svcaudit.yaml", Line: 4, Column: 5}},
		{Paths: []string{"policies/**/*.md", "charter.*"}, Checklists: []string{"service-charter", "lists/local.yaml"},
			Pos: diag.Pos{File: "repo/.svcaudit.yaml", Line: 7, Column: 5}},
	}
	if diff := cmp.Diff(want, c.Checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
}

func TestChecksFor(t *testing.T) {
	c, err := Parse(filepath.Join("repo", Name), []byte(`checks:
  - paths: ["letters"]
    checklists: [real-humans]
  - paths: ["policies/**/*.md", "charter.*", "./web/"]
    checklists: [service-charter]
  - paths: ["**/*-template.md"]
    checklists: [personal-correspondence]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want []string // the first checklist of each matching entry
	}{
		{"repo/letters/a.md", []string{"real-humans"}},
		{"repo/letters/deep/b.txt", []string{"real-humans"}},
		{"repo/letters/reply-template.md", []string{"real-humans", "personal-correspondence"}},
		{"repo/lettersx/a.md", nil},
		{"repo/policies/a/b/c.md", []string{"service-charter"}},
		{"repo/policies/c.txt", nil},
		{"repo/charter.pdf", []string{"service-charter"}},
		{"repo/sub/charter.pdf", nil},
		{"repo/web/index.html", []string{"service-charter"}},
		{"repo/./letters/../letters/a.md", []string{"real-humans"}},
		{"elsewhere/letters/a.md", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got []string
			for _, ck := range c.ChecksFor(filepath.FromSlash(tt.path)) {
				got = append(got, ck.Checklists[0])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ChecksFor (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\npaths: *c\n"
	_, err := Parse("c.yaml", []byte(src))
	if err == nil {
		t.Fatal("want an error")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "a", "b")
	must(t, os.MkdirAll(deep, 0o755))
	must(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	// A config above the repository must not be found from inside it.
	must(t, os.WriteFile(filepath.Join(root, Name), []byte("format: json\n"), 0o644))

	got, err := Find(deep)
	if err != nil || got != "" {
		t.Fatalf("Find without a config in the repo = %q, %v; want none", got, err)
	}
	want := filepath.Join(repo, "a", Name)
	must(t, os.WriteFile(want, []byte("format: json\n"), 0o644))
	got, err = Find(deep)
	if err != nil || got != want {
		t.Fatalf("Find = %q, %v; want %q", got, err, want)
	}
	must(t, os.WriteFile(filepath.Join(deep, Name), nil, 0o644))
	if got, _ := Find(deep); got != filepath.Join(deep, Name) {
		t.Fatalf("Find = %q; want the nearest", got)
	}
}

func TestTemplateParses(t *testing.T) {
	c, err := Parse("t.yaml", Template())
	if err != nil {
		t.Fatalf("the template does not parse: %v", err)
	}
	if c.FailUnder == nil || *c.FailUnder != 60 || len(c.Paths) != 1 {
		t.Errorf("template = %+v", c)
	}
	// The commented checks: example is valid once uncommented.
	var lines []string
	in := false
	for _, l := range strings.Split(string(Template()), "\n") {
		if l == "# checks:" {
			in = true
		}
		if in && !strings.HasPrefix(l, "#") {
			break
		}
		if in {
			lines = append(lines, strings.TrimPrefix(l, "# "))
		}
	}
	c, err = Parse("t.yaml", []byte(strings.Join(lines, "\n")))
	if err != nil || len(c.Checks) != 2 || *c.Checks[0].FailUnder != 70 {
		t.Errorf("the template's checks: example = %+v, %v", c, err)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"32MiB", 32 << 20, false},
		{"32 MiB", 32 << 20, false},
		{"32mib", 32 << 20, false},
		{"1.5KiB", 1536, false},
		{"2K", 2048, false},
		{"500KB", 500000, false},
		{"1GB", 1e9, false},
		{"1G", 1 << 30, false},
		{"1024", 1024, false},
		{"10B", 10, false},
		{"", 0, true},
		{"MiB", 0, true},
		{"1.3B", 0, true},
		{"-1MiB", 0, true},
		{"1..2MiB", 0, true},
		{"99999999999GiB", 0, true},
		{"3 parsecs", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
	for n, want := range map[int64]string{32 << 20: "32MiB", 1 << 30: "1GiB", 1536: "1536B", 3072: "3KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("checklists: [a]\npaths: [docs]\nfail-under: 60\n"))
	f.Add(Template())
	f.Add([]byte("waivers:\n  - item: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse("f.yaml", data)
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
