package document

import (
	"reflect"
	"strings"
	"testing"
)

func sentenceTexts(d *Document) []string {
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.SentenceText(s))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"abbreviations.txt", "Call Mr. Jones on ext. 214, e.g. on Monday. No. 5 is shut. The rate is 2.5 per cent. J. Smith will reply.",
			[]string{"Call Mr. Jones on ext. 214, e.g. on Monday.", "No. 5 is shut.", "The rate is 2.5 per cent.", "J. Smith will reply."}},
		{"quotes.txt", `She said "we are sorry." Then we fixed it! Did it work? Yes… it did.`,
			[]string{`She said "we are sorry."`, "Then we fixed it!", "Did it work?", "Yes… it did."}},
		{"lowercase.txt", "We reply within 5 days. then nothing.", []string{"We reply within 5 days. then nothing."}},
		{"bullets.txt", "We promise to:\n- answer the phone\n- call you back\n• reply in writing\n1. visit you\n",
			[]string{"We promise to:", "answer the phone", "call you back", "• reply in writing", "visit you"}},
		{"bullets.md", "# Our promises\n\nWe promise to:\n\n- answer the phone\n- call you back\n",
			[]string{"Our promises", "We promise to:", "answer the phone", "call you back"}},
		{"table.md", "| Measure | 2024/25 |\n|---|---|\n| Answered on time | 87% |\n",
			[]string{"Measure", "2024/25", "Answered on time", "87%"}},
		{"list.html", "<h2>Contact</h2><ul><li>Call us</li><li>Write to us</li></ul><p>We are open. Come in.</p>",
			[]string{"Contact", "Call us", "Write to us", "We are open.", "Come in."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.name, []byte(tt.src), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := sentenceTexts(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSentenceAt(t *testing.T) {
	d, err := Parse("a.txt", []byte("We are sorry. We will fix it."), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := d.SentenceAt(17)
	if !ok || d.SentenceText(s) != "We will fix it." {
		t.Fatalf("SentenceAt(17) = %q, %v", d.SentenceText(s), ok)
	}
	if _, ok := d.SentenceAt(13); ok {
		t.Error("the space between sentences is in a sentence")
	}
	if i := d.SentenceIndex(0); i != 0 {
		t.Errorf("SentenceIndex(0) = %d", i)
	}
	if !(d.Sentences[0].Heading == false) {
		t.Error("a paragraph marked a heading")
	}
}

func TestHeadingUnit(t *testing.T) {
	d, err := Parse("a.md", []byte("## Sorry. We got it wrong\n\nText here."), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) != 2 || !d.Sentences[0].Heading || d.SentenceText(d.Sentences[0]) != "Sorry. We got it wrong" {
		t.Fatalf("heading unit: %+v %q", d.Sentences, sentenceTexts(d))
	}
}

func TestLineStartsText(t *testing.T) {
	src := "Dear Sir / Madam\nThank you for\nyour letter.\n"
	d, err := Parse("a.txt", []byte(src), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// Lines are joined into one paragraph, but each line's start is kept.
	for _, w := range []string{"Dear", "Thank", "your letter"} {
		i := indexOf(d.Text, w)
		if i < 0 || !d.AtLineStart(i) {
			t.Errorf("%q (at %d) is not at a line start in %q (%v)", w, i, d.Text, d.LineStarts)
		}
	}
	if d.AtLineStart(1) {
		t.Error("offset 1 is a line start")
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestClauses(t *testing.T) {
	s := "We will call you back; if we cannot, we will write, but only once: 9:30 at the latest"
	var got []string
	for _, c := range Clauses(s) {
		got = append(got, s[c.Start:c.End])
	}
	want := []string{"We will call you back", "if we cannot, we will write", "but only once", "9:30 at the latest"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. A. said: e.g. 2.5! Why?\n- item\n| a | b |")
	f.Add("…\"'”.")
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range []string{"f.txt", "f.md", "f.html"} {
			d, err := Parse(name, []byte(src), Limits{})
			if err != nil {
				continue
			}
			last := 0
			for _, s := range d.Sentences {
				if s.Start < last || s.End <= s.Start || s.End > len(d.Text) {
					t.Fatalf("%s: bad sentence %+v in %q", name, s, d.Text)
				}
				last = s.End
			}
			for _, r := range d.Rows {
				if r.Start < 0 || r.End > len(d.Text) || r.Start >= r.End {
					t.Fatalf("%s: bad row %+v in %q", name, r, d.Text)
				}
			}
			for _, c := range Clauses(d.Text) {
				if c.Start < 0 || c.End > len(d.Text) || c.End <= c.Start {
					t.Fatalf("bad clause %+v", c)
				}
			}
		}
	})
}

func TestRows(t *testing.T) {
	for name, src := range map[string]string{
		"t.md":     "Intro.\n\n| Measure | 2024/25 |\n|---|---|\n| Answered on time | 87% |\n| Upheld | 40% |\n\nAfter.",
		"t.html":   "<p>Intro.</p><table><tr><th>Measure</th><th>2024/25</th></tr><tr><td>Answered on time</td><td>87%</td></tr><tr><td>Upheld</td><td>40%</td></tr></table><p>After.</p>",
		"end.html": "<table><tr><th>Measure</th><th>2024/25</th></tr><tr><td>Answered on time</td><td>87%</td></tr><tr><td>Upheld</td><td>40%</td></tr></table>",
	} {
		t.Run(name, func(t *testing.T) {
			d, err := Parse(name, []byte(src), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Rows) != 3 {
				t.Fatalf("%d rows, want 3: %+v in %q", len(d.Rows), d.Rows, d.Text)
			}
			off := strings.Index(d.Text, "87%")
			r, ok := d.RowAt(off)
			if !ok || r.Header || !strings.Contains(d.Text[r.Start:r.End], "Answered on time") {
				t.Fatalf("RowAt(87%%) = %+v %v", r, ok)
			}
			h, ok := d.HeaderOf(r)
			if !ok || !strings.Contains(d.Text[h.Start:h.End], "2024/25") {
				t.Fatalf("HeaderOf = %+v %v", h, ok)
			}
			for _, r := range d.Rows {
				if r.End > len(d.Text) || r.Start >= r.End || strings.HasSuffix(d.Text[r.Start:r.End], "\n") {
					t.Errorf("bad row %+v in %q", r, d.Text)
				}
			}
			if i := strings.Index(d.Text, "After"); i < 0 {
				return
			}
			if _, ok := d.RowAt(strings.Index(d.Text, "After")); ok {
				t.Error("a paragraph after the table is in a row")
			}
		})
	}
}

// TestTextBlocks checks how plain text is cut into blocks: wrapped lines
// join, a file with one paragraph a line (as word processors save it)
// keeps each line a block, and a one-line block without closing
// punctuation before more text is a heading (the first at level 1).
func TestTextBlocks(t *testing.T) {
	tests := []struct {
		name, src string
		units     []string
		headings  []Heading
	}{
		{"wrapped lines join", "If we let you down we will\nsay sorry and\nput things right.\n",
			[]string{"If we let you down we will say sorry and put things right."}, nil},
		{"one paragraph a line", "Our promise\nWe answer calls within five rings.\nWe reply to letters within 5 days.\n",
			[]string{"Our promise", "We answer calls within five rings.", "We reply to letters within 5 days."},
			[]Heading{{Level: 1, Text: "Our promise", Off: 0}}},
		{"headings between paragraphs", "Complaints policy\n\nHow to complain\n\nWrite to us.\n\nDear Sir\n\nThanks.\n",
			[]string{"Complaints policy", "How to complain", "Write to us.", "Dear Sir", "Thanks."},
			[]Heading{{Level: 1, Text: "Complaints policy", Off: 0}, {Level: 2, Text: "How to complain", Off: 18}}},
		{"columns are rows of their own", "Calls are answered\nquickly.\nStandard   Result\nCalls      84%\nthat was all.\n",
			[]string{"Calls are answered quickly.", "Standard   Result", "Calls      84%", "that was all."}, nil},
		{"a last line is no heading", "Yours sincerely,\n\nThe Repairs Team\n", []string{"Yours sincerely,", "The Repairs Team"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("a.txt", []byte(tt.src), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := sentenceTexts(d); strings.Join(got, "|") != strings.Join(tt.units, "|") {
				t.Errorf("units %q, want %q", got, tt.units)
			}
			if len(d.Headings) != len(tt.headings) {
				t.Fatalf("headings %+v, want %+v", d.Headings, tt.headings)
			}
			for i, h := range tt.headings {
				if d.Headings[i] != h {
					t.Errorf("heading %d %+v, want %+v", i, d.Headings[i], h)
				}
			}
		})
	}
}

// TestMaxSentence: a run of text that never ends its sentence is cut into
// units of at most MaxSentence bytes, at spaces, covering every word, so
// that the rules that read sentences work within a bounded window.
func TestMaxSentence(t *testing.T) {
	unit := "within 10 working days of 5 days or 20 weeks from receipt and "
	text := strings.Repeat(unit, 10000/len(unit)+1)
	doc, err := Parse("run-on.md", []byte(text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) < len(doc.Text)/MaxSentence {
		t.Fatalf("%d units for %d bytes, want at least %d", len(doc.Sentences), len(doc.Text), len(doc.Text)/MaxSentence)
	}
	words := 0
	for i, s := range doc.Sentences {
		if s.Len() > MaxSentence {
			t.Errorf("unit %d is %d bytes, over %d", i, s.Len(), MaxSentence)
		}
		st := doc.SentenceText(s)
		if strings.HasPrefix(st, " ") || strings.HasSuffix(st, " ") {
			t.Errorf("unit %d has space at an end: %q…", i, st[:20])
		}
		if i > 0 && doc.Text[doc.Sentences[i-1].End] != ' ' {
			t.Errorf("unit %d was cut inside a word", i)
		}
		words += len(strings.Fields(st))
	}
	if want := len(strings.Fields(doc.Text)); words != want {
		t.Errorf("units hold %d words, the text %d", words, want)
	}
	// an ordinary sentence is one unit, however long within the bound
	long := strings.Repeat("we will ", 200) + "reply."
	doc, err = Parse("long.md", []byte(long), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 1 {
		t.Errorf("a %d-byte sentence became %d units", len(long), len(doc.Sentences))
	}
}
