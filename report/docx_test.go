package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"
)

// docxCell is a table cell read back from word/document.xml.
type docxCell struct {
	Text string
	Fill string
	Bold bool
}

type docxRead struct {
	files  map[string][]byte
	tables [][][]docxCell
	paras  []string
	sect   struct{ W, H, Top, Left, Right, Bottom string }
	header [][]bool // per table, per row: repeated header
}

// readDOCX unzips a DOCX and parses its document part: each table's rows
// and cells (text, fill, bold), the text of paragraphs outside tables, and
// the page size and margins.
func readDOCX(t *testing.T, data []byte) *docxRead {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := &docxRead{files: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out.files[f.Name] = b
	}
	doc, ok := out.files["word/document.xml"]
	if !ok {
		t.Fatal("no word/document.xml")
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var (
		depth   int // table nesting
		row     []docxCell
		rows    [][]docxCell
		hdrs    []bool
		cur     *docxCell
		para    strings.Builder
		inText  bool
		rowHead bool
		bold    bool
	)
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "tbl":
				depth++
				rows, hdrs = nil, nil
			case "tr":
				row, rowHead = nil, false
			case "tblHeader":
				rowHead = true
			case "tc":
				cur = &docxCell{}
			case "shd":
				if cur != nil {
					cur.Fill = attr(x, "fill")
				}
			case "b":
				bold = true
			case "r":
				bold = false
			case "t":
				inText = true
			case "pgSz":
				out.sect.W, out.sect.H = attr(x, "w"), attr(x, "h")
			case "pgMar":
				out.sect.Top, out.sect.Left, out.sect.Right, out.sect.Bottom = attr(x, "top"), attr(x, "left"), attr(x, "right"), attr(x, "bottom")
			}
		case xml.CharData:
			if !inText {
				continue
			}
			if cur != nil {
				cur.Text += string(x)
				if bold {
					cur.Bold = true
				}
			} else {
				para.Write(x)
			}
		case xml.EndElement:
			switch x.Name.Local {
			case "t":
				inText = false
			case "p":
				if cur != nil && cur.Text != "" {
					cur.Text += "\n"
				}
				if depth == 0 && para.Len() > 0 {
					out.paras = append(out.paras, para.String())
					para.Reset()
				}
			case "tc":
				cur.Text = strings.TrimSuffix(cur.Text, "\n")
				row = append(row, *cur)
				cur = nil
			case "tr":
				rows = append(rows, row)
				hdrs = append(hdrs, rowHead)
			case "tbl":
				depth--
				out.tables = append(out.tables, rows)
				out.header = append(out.header, hdrs)
			}
		}
	}
	return out
}

// find returns the table whose first cell of some row is first.
func (d *docxRead) rowOf(first string) (table int, row []docxCell) {
	for ti, tb := range d.tables {
		for _, r := range tb {
			if len(r) > 0 && strings.HasPrefix(r[0].Text, first) {
				return ti, r
			}
		}
	}
	return -1, nil
}

func renderDOCXBytes(t *testing.T, rs []string, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts.Format = "docx"
	if err := Render(&buf, load(t, rs...), opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDOCXReadBack(t *testing.T) {
	day := time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)
	data := renderDOCXBytes(t, []string{"housing-2026-q2.json"}, Options{
		Baseline: load(t, "housing-2026-q1.json", "housing-2025-q4.json"), Actions: loadActions(t),
		Period: "Q1 2026-27", Produced: day, Today: day})
	d := readDOCX(t, data)

	if len(d.paras) == 0 || d.paras[0] != "Housing repairs: Service charter audit" {
		t.Errorf("first paragraph %q, want the title", d.paras)
	}
	headline := map[string]docxCell{}
	for _, r := range d.tables[0] {
		if len(r) != 2 {
			t.Fatalf("headline row %v: want label and value", r)
		}
		headline[r[0].Text] = r[1]
	}
	for label, want := range map[string]string{
		"Subject": "Housing repairs", "Checklist": "Service charter audit (service-charter)", "Period": "Q1 2026-27",
		"Audit date": "2026-06-30", "Report produced": "2026-07-03", "Score": "72.2%  (▲ 26.0 since 2026-03-31)",
		"Grade": "Inadequate · Red", "Passed": "no (1 critical failure, 2 gating rules failed)",
	} {
		if got := headline[label].Text; got != want {
			t.Errorf("headline %s = %q, want %q", label, got, want)
		}
	}
	if g := headline["Grade"]; g.Fill != "F6C4C0" || !g.Bold {
		t.Errorf("grade cell fill %q bold %v, want the red fill, bold", g.Fill, g.Bold)
	}

	// The section table: RAG in fill and in words, the change.
	ti, row := d.rowOf("Promises with timescales")
	if row == nil {
		t.Fatal("no section row")
	}
	if got := []string{row[1].Text, row[1].Fill, row[2].Text, row[3].Text}; strings.Join(got, "|") != "70.0 · Amber|FCE3B6|Requires improvement · Amber|▲ 10.0" {
		t.Errorf("section row %v", got)
	}
	if h := d.tables[ti][0]; h[0].Text != "Section" || !d.header[ti][0] || h[0].Fill != docxHeadBg {
		t.Errorf("section table header %v (repeated %v)", h, d.header[ti][0])
	}

	// Changes since the baseline, failures with evidence and actions.
	if _, r := d.rowOf("newly failed"); r == nil || !strings.HasPrefix(r[1].Text, "keeps-promises/review") || r[0].Fill != "F6C4C0" {
		t.Errorf("changes row %v", r)
	}
	_, fail := d.rowOf("complaints/ombudsman")
	if fail == nil {
		t.Fatal("no failure row for complaints/ombudsman")
	}
	if !strings.HasPrefix(fail[1].Text, "critical fail") || fail[1].Fill != "F6C4C0" {
		t.Errorf("failure outcome %+v", fail[1])
	}
	for _, want := range []string{"policies/complaints.pdf, page 3", "<script>alert('x')</script>", "Action A-2:"} {
		if !strings.Contains(fail[2].Text, want) {
			t.Errorf("failure evidence %q lacks %q", fail[2].Text, want)
		}
	}
	if _, r := d.rowOf("humans/phone"); r == nil || r[1].Text != "Head of Customer Services" {
		t.Errorf("waiver row %v", r)
	}

	// Charts: the bars and the trend, as PNG pictures.
	for _, name := range []string{"word/media/image1.png", "word/media/image2.png"} {
		img, err := png.Decode(bytes.NewReader(d.files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 1000 {
			t.Errorf("%s is %d px wide: too coarse to print", name, b.Dx())
		}
	}
	if !strings.Contains(string(d.files["word/_rels/document.xml.rels"]), `Target="media/image2.png"`) {
		t.Error("trend picture not related to the document")
	}

	// A4, 2 cm margins, numbered pages.
	if d.sect.W != "11906" || d.sect.H != "16838" || d.sect.Top != "1134" || d.sect.Left != "1134" {
		t.Errorf("page %+v, want A4 with 2 cm margins", d.sect)
	}
	if f := string(d.files["word/footer1.xml"]); !strings.Contains(f, " PAGE ") || !strings.Contains(f, " NUMPAGES ") || !strings.Contains(f, "Q1 2026-27") {
		t.Errorf("footer %q: want page numbers and the period", f)
	}
	if !strings.Contains(string(d.files["[Content_Types].xml"]), "/word/footer1.xml") {
		t.Error("footer part has no content type")
	}
	if c := string(d.files["docProps/core.xml"]); !strings.Contains(c, "<dc:title>Housing repairs: Service charter audit</dc:title>") || !strings.Contains(c, "2026-07-03") {
		t.Errorf("core properties %q", c)
	}
	if _, ok := d.files["docProps/thumbnail.jpeg"]; ok {
		t.Error("template thumbnail kept")
	}
}

func TestDOCXComparisonAndSummary(t *testing.T) {
	data := renderDOCXBytes(t, []string{"housing-2026-q2.json", "council-tax-2026-q2.json", "libraries-2026-q2.json"},
		Options{Sort: "score", Summary: true})
	d := readDOCX(t, data)
	var summary [][]docxCell
	for _, tb := range d.tables {
		if tb[0][0].Text == "Rank" {
			summary = tb
		}
	}
	if summary == nil {
		t.Fatal("no league table with a Rank column")
	}
	if got := summary[1][0].Text + " " + summary[1][1].Text + " " + summary[1][3].Text; got != "1 Council tax 88.5 · Green" {
		t.Errorf("first place %q", got)
	}
	if summary[1][3].Fill != "C6E7CE" {
		t.Errorf("score fill %q, want green", summary[1][3].Fill)
	}
	_, row := d.rowOf("Overall")
	if len(row) != 4 || row[2].Text != "72.2 · Red" || !row[2].Bold {
		t.Errorf("overall comparison row %+v", row)
	}
	// --summary: counts instead of the item tables, no waivers.
	text := strings.Join(d.paras, "\n")
	if !strings.Contains(text, "1 item failed") && !strings.Contains(text, "items failed") {
		t.Errorf("summary lacks the failure counts:\n%s", text)
	}
	if _, r := d.rowOf("complaints/ombudsman"); r != nil {
		t.Errorf("summary lists item details: %v", r)
	}
	if strings.Contains(text, "Waived items") {
		t.Error("summary lists waived items")
	}
}
