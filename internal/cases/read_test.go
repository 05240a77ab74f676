package cases

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

func write(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type got struct {
	rows     []Row
	problems []string
}

func readAll(t testing.TB, path string, opt ReadOptions) (got, Stats, error) {
	var g got
	st, err := Read(path, opt, func(r *Row) { g.rows = append(g.rows, *r) }, func(p Problem) {
		g.problems = append(g.problems, strings.TrimPrefix(p.String(), filepath.Dir(path)+"/"))
	})
	return g, st, err
}

func TestReadDelimiters(t *testing.T) {
	want := []Row{{Line: 2, Reference: "A-1", Stage: 1, Received: DayOf(2024, 4, 2), Acknowledged: DayOf(2024, 4, 3),
		Responded: DayOf(2024, 4, 12), Extension: 0, Category: "Repairs, damp", Handler: "J. Smith"}}
	for name, text := range map[string]string{
		"comma":     "Reference,Stage,Received,Acknowledged,Responded,Category,Handler\nA-1,1,02/04/2024,2024-04-03,12/04/2024,\"Repairs, damp\",J. Smith\n",
		"semicolon": "reference;STAGE;received;acknowledged;responded;category;handler\nA-1;1;02/04/2024;2024-04-03;12/04/2024;Repairs, damp;J. Smith\n",
		"tab":       "Reference\tStage\tReceived\tAcknowledged\tResponded\tCategory\tHandler\r\nA-1\t1\t02/04/2024\t2024-04-03\t12/04/2024\tRepairs, damp\tJ. Smith\r\n",
		"bar":       "Reference|Stage|Received|Acknowledged|Responded|Category|Handler\nA-1|1|2/4/2024|2024-04-03 09:15|12/04/2024 16:00:00|Repairs, damp|J. Smith\n",
		"bom":       "\ufeffReference,Stage,Received,Acknowledged,Responded,Category,Handler\nA-1,1,02/04/2024,2024-04-03,12/04/2024,\"Repairs, damp\",J. Smith\n",
		"spelling":  "REFERENCE,stage,Received ,Acknow-ledged,Res_ponded,Category,Handler\nA-1,1,02/04/2024,2024-04-03,12/04/2024,\"Repairs, damp\",J. Smith\n",
	} {
		t.Run(name, func(t *testing.T) {
			g, st, err := readAll(t, write(t, "log.csv", []byte(text)), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, g.rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if st.Rows != 1 || st.Used != 1 || !st.HasCategory {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestReadUTF16(t *testing.T) {
	text := "Reference\tStage\tReceived\tAcknowledged\tResponded\r\nRéf-1\t2\t02/04/2024\t03/04/2024\t\r\n"
	enc, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := readAll(t, write(t, "log.txt", []byte(enc)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.rows) != 1 || g.rows[0].Reference != "Réf-1" || g.rows[0].Stage != 2 || g.rows[0].Responded != NoDay {
		t.Errorf("rows %+v", g.rows)
	}
}

func TestReadColumnsFromConfig(t *testing.T) {
	text := "Case ID,Level,Date logged,Ack date,Closed,Extension (days)\nX,1,2024-04-02,2024-04-03,2024-04-04,5\n"
	opt := ReadOptions{Columns: map[string]string{"reference": "Case ID", "stage": "level", "received": "date_logged",
		"acknowledged": "Ack date", "responded": "Closed", "extension_days": "Extension (days)"}}
	g, _, err := readAll(t, write(t, "log.csv", []byte(text)), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.rows) != 1 || g.rows[0].Extension != 5 || g.rows[0].Reference != "X" {
		t.Errorf("rows %+v", g.rows)
	}
}

func TestReadProblems(t *testing.T) {
	text := "Reference,Stage,Received,Acknowledged,Responded,Extension days\n" +
		"A,1,02/04/2024,03/04/2024,12/04/2024,\n" + // line 2: fine
		"B,3,02/04/2024,03/04/2024,12/04/2024,\n" + // stage
		"C,1,04/31/2024,03/04/2024,12/04/2024,\n" + // US order: no month 31
		"D,1,12/04/2024,13/04/2024,02/04/2024,\n" + // response before receipt
		"A,1,02/04/2024,03/04/2024,12/04/2024,\n" + // duplicate of line 2
		"A,2,02/04/2024,03/04/2024,12/04/2024,\n" + // stage 2 of A: fine
		",1,02/04/2024,,,\n" + // no reference
		"E,1,02/04/2024,,,ten\n" + // extension
		"\"F\nG\",1,02/04/2024,,,\n" + // quoted reference over two lines: fine
		"H,1,2024-04-02,01/04/2024,,\n" // acknowledged before receipt
	g, st, err := readAll(t, write(t, "log.csv", []byte(text)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`log.csv:3: column "Stage": stage "3" is not 1 or 2 (the Codes have two stages) (row left out: stage not 1 or 2)`,
		`log.csv:4: column "Received": "04/31/2024" is not a date (no day 4 in month 31 of 2024) (row left out: unreadable date)`,
		`log.csv:5: column "Responded": responded 2024-04-02 before it was received 2024-04-12 (row left out: dates out of order)`,
		`log.csv:6: column "Reference": reference "A" at stage 1 is already on line 2 (row left out: duplicate reference)`,
		`log.csv:8: column "Reference": no reference (row left out: missing reference or received date)`,
		`log.csv:9: column "Extension days": extension "ten" is not a whole number of working days (row left out: unreadable extension days)`,
		`log.csv:12: column "Acknowledged": acknowledged 2024-04-01 before it was received 2024-04-02 (row left out: dates out of order)`,
	}
	if diff := cmp.Diff(want, g.problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if st.Rows != 10 || st.Used != 3 || st.Excluded[ReasonOrder] != 2 {
		t.Errorf("stats %+v", st)
	}
	if g.rows[2].Reference != "F\nG" || g.rows[2].Line != 10 {
		t.Errorf("quoted row %+v", g.rows[2])
	}
}

func TestReadFatal(t *testing.T) {
	for name, tc := range map[string]struct{ text, want string }{
		"missing columns": {"Ref,Stage,Date received,Acknowledged\nA,1,02/04/2024,\n",
			`log.csv:1: the case log has no "Reference", "Received" or "Responded" column; its columns are "Ref", "Stage", "Date received", "Acknowledged"`},
		"no usable row": {"Reference,Stage,Received,Acknowledged,Responded\nA,9,02/04/2024,,\n",
			`log.csv: the case log has no usable row: all 1 were left out (1 stage not 1 or 2)`},
		"empty":       {"", `log.csv: the case log is empty`},
		"header only": {"Reference,Stage,Received,Acknowledged,Responded\n", `log.csv: the case log has no usable row`},
	} {
		t.Run(name, func(t *testing.T) {
			p := write(t, "log.csv", []byte(tc.text))
			_, _, err := readAll(t, p, ReadOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.TrimPrefix(err.Error(), filepath.Dir(p)+"/"); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestMissingColumnHint(t *testing.T) {
	p := write(t, "log.csv", []byte("Ref,Stage,Date received,Acknowledged,Responded\n"))
	_, _, err := readAll(t, p, ReadOptions{})
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(de.Hint, `"Ref" for reference`) || !strings.Contains(de.Hint, `"Date received" for received`) {
		t.Errorf("hint %q", de.Hint)
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"Reference", "Stage", "Received", "Acknowledged", "Responded", "Category"},
		{"X-1", 1, nil, nil, "12/04/2024", "Repairs"},
		{"X-2", "2", "2024-04-02", nil, nil, nil},
		{"X-3", 1, "not a date", nil, nil, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy: the serial must be read, not the US text
	f.SetCellValue(sh, "C2", DayOf(2024, 4, 2).Time())
	f.SetCellValue(sh, "D2", DayOf(2024, 4, 3).Time())
	f.SetCellStyle(sh, "C2", "D2", style)
	p := filepath.Join(t.TempDir(), "log.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	g, st, err := readAll(t, p, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.rows) != 2 || g.rows[0].Received != DayOf(2024, 4, 2) || g.rows[0].Acknowledged != DayOf(2024, 4, 3) ||
		g.rows[0].Responded != DayOf(2024, 4, 12) || g.rows[1].Stage != 2 || g.rows[0].Line != 2 {
		t.Errorf("rows %+v", g.rows)
	}
	if len(g.problems) != 1 || !strings.HasPrefix(g.problems[0], `log.xlsx:4: column "Received"`) || st.Rows != 3 {
		t.Errorf("problems %q, stats %+v", g.problems, st)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-04-02": "2024-04-02", "02/04/2024": "2024-04-02", "2/4/2024": "2024-04-02",
		"29/02/2024": "2024-02-29", "2024-04-02T10:00:00Z": "2024-04-02", " 01/12/2025 ": "2025-12-01",
	} {
		d, err := ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"29/02/2023", "2024-13-01", "13/13/2024", "04/31/2024", "2024/04/02", "April 2", "02-04-2024", "02/04/24", "1899-01-01", "2024-04-02 soon"} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", in, d)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("Reference,Stage,Received,Acknowledged,Responded\nA,1,02/04/2024,03/04/2024,12/04/2024\n"))
	f.Add([]byte("\ufeffReference;Stage;Received;Acknowledged;Responded;Extension days\n\"A\"\"\";2;2024-04-02;;;3\n"))
	f.Add([]byte("\xff\xfeR\x00e\x00f\x00"))
	f.Add([]byte("Reference,Stage,Received,Acknowledged,Responded\n\"A,1,02/04/2024,,\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "log.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cal, _ := NewCalendar(EnglandWales)
		e := NewEngine(nil, Options{Calendar: cal, AsOf: DayOf(2025, 1, 1)})
		st, err := Read(p, ReadOptions{}, e.Add, func(Problem) {})
		if err == nil && st.Used+sum(st.Excluded) != st.Rows {
			t.Errorf("rows %d, used %d, excluded %v: a row went missing", st.Rows, st.Used, st.Excluded)
		}
		e.Measures(nil)
	})
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
