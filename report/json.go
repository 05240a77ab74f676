package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/svcaudit/svcaudit/internal/safe"
)

// renderJSON writes the comparison as data: subjects, rows of cells, the
// overall row, each audit's failures, waivers, changes and open actions, and
// the trends. The bytes are those of encoding the view whole with an
// indenting json.Encoder (HTML left unescaped), but it is written a field
// at a time, and the audits one at a time as they are worked out: a
// report of 10,000 audits never holds its JSON, compact and indented, nor
// all its audits.
func renderJSON(out io.Writer, v *view) error {
	// DEL and C1 controls go out as escapes (safe.JSONWriter)
	w := bufio.NewWriterSize(safe.JSONWriter(out), 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes x as it stands at depth in the whole document.
	value := func(x any, depth int) error {
		buf.Reset()
		enc.SetIndent(indentOf(depth), "  ")
		if err := enc.Encode(x); err != nil {
			return err
		}
		_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	first := true
	field := func(name string, x any) error {
		if !first {
			w.WriteString(",")
		}
		first = false
		w.WriteString("\n  ")
		if err := value(name, 1); err != nil {
			return err
		}
		w.WriteString(": ")
		return value(x, 1)
	}
	w.WriteString("{")
	fields := []struct {
		name string
		x    any
		omit bool
	}{
		{"kind", v.Kind, false},
		{"title", v.Title, false},
		{"period", v.Period, v.Period == ""},
		{"produced", v.Produced, v.Produced == ""},
		{"summary", v.Summary, !v.Summary},
		{"checklist", v.Checklist, false},
		{"by", v.By, false},
		{"sort", v.Sort, v.Sort == ""},
		{"subjects", v.Subjects, false},
		{"rows", v.Rows, false},
		{"overall", v.Overall, false},
	}
	for _, f := range fields {
		if f.omit {
			continue
		}
		if err := field(f.name, f.x); err != nil {
			return err
		}
	}
	// "audits": one element at a time
	w.WriteString(",\n  \"audits\": [")
	n := 0
	for a := range v.EachAudit() {
		if n > 0 {
			w.WriteString(",")
		}
		n++
		w.WriteString("\n    ")
		if err := value(a, 2); err != nil {
			return err
		}
	}
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
	if len(v.Trends) > 0 {
		if err := field("trends", v.Trends); err != nil {
			return err
		}
	}
	if err := field("bands", v.Bands); err != nil {
		return err
	}
	w.WriteString("\n}\n")
	return w.Flush()
}

// indentOf is the prefix of the lines of a value at depth.
func indentOf(depth int) string {
	b := make([]byte, 2*depth)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}
