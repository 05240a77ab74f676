package cases

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The fields of a case log row, by their default column names.
const (
	FieldReference    = "reference"
	FieldStage        = "stage"
	FieldReceived     = "received"
	FieldAcknowledged = "acknowledged"
	FieldResponded    = "responded"
	FieldExtension    = "extension days"
	FieldCategory     = "category"
	FieldHandler      = "handler"
)

// Fields lists every field, the required ones first.
var Fields = []string{FieldReference, FieldStage, FieldReceived, FieldAcknowledged, FieldResponded,
	FieldExtension, FieldCategory, FieldHandler}

// required are the fields a log must have a column for.
var required = Fields[:5]

// columnTitle is how messages name a field's default column.
var columnTitle = map[string]string{
	FieldReference: "Reference", FieldStage: "Stage", FieldReceived: "Received",
	FieldAcknowledged: "Acknowledged", FieldResponded: "Responded",
	FieldExtension: "Extension days", FieldCategory: "Category", FieldHandler: "Handler",
}

// Row is one usable case of a log.
type Row struct {
	// Line is the row's line (CSV) or row number (XLSX), from 1.
	Line      int
	Reference string
	Stage     int
	// Received is always set; Acknowledged and Responded are NoDay while
	// the case is open.
	Received, Acknowledged, Responded Day
	// Extension is the extension agreed, in working days (0: none).
	Extension int
	Category  string
	Handler   string
}

// Reasons a row is excluded from the measures.
const (
	ReasonDate      = "unreadable date"
	ReasonStage     = "stage not 1 or 2"
	ReasonOrder     = "dates out of order"
	ReasonDuplicate = "duplicate reference"
	ReasonMissing   = "missing reference or received date"
	ReasonExtension = "unreadable extension days"
	ReasonRow       = "unreadable row"
)

// Problem is a row left out of the measures, and why.
type Problem struct {
	File   string
	Line   int
	Column string // the column's name as the log writes it
	Reason string // one of the Reason constants
	Msg    string
}

func (p Problem) String() string {
	col := ""
	if p.Column != "" {
		col = fmt.Sprintf(" column %q:", p.Column)
	}
	return fmt.Sprintf("%s:%d:%s %s (row left out: %s)", p.File, p.Line, col, p.Msg, p.Reason)
}

// ReadOptions say how to read a log.
type ReadOptions struct {
	// Columns maps a field (one of Fields; spaces, hyphens, underscores and
	// case do not matter) to the name of the log's column for it.
	Columns map[string]string
}

// Stats count a log's rows.
type Stats struct {
	// Rows is the number of data rows (blank lines aside); Used of them
	// were passed on, Excluded were not.
	Rows, Used int
	Excluded   map[string]int
	// HasCategory is set when the log has a Category column.
	HasCategory bool
}

// Read streams the case log at path (CSV, TSV or other delimited text, or
// the first sheet of an XLSX workbook) and calls use for each usable row
// and problem for each row it leaves out. The Row passed to use is reused:
// copy what you keep. Read returns a *diag.Error (exit 2) when the log
// cannot be read, lacks a required column, or has no usable row.
func Read(path string, opt ReadOptions, use func(*Row), problem func(Problem)) (Stats, error) {
	var src source
	var err error
	if isXLSX(path) {
		src, err = openXLSX(path)
	} else {
		src, err = openCSV(path)
	}
	if err != nil {
		return Stats{}, err
	}
	defer src.Close()
	st := Stats{Excluded: map[string]int{}}
	header, _, err := src.Next()
	if err == io.EOF {
		return st, &diag.Error{Pos: diag.Pos{File: path}, Msg: "the case log is empty"}
	}
	if err != nil {
		return st, err
	}
	cols, err := mapColumns(path, header, opt.Columns)
	if err != nil {
		return st, err
	}
	st.HasCategory = cols[FieldCategory] >= 0
	names := make([]string, len(header))
	copy(names, header)
	p := &parser{file: path, cols: cols, names: names, date1904: src.date1904(), seen: newRefSet(), isXLSX: isXLSX(path)}
	for i, f := range Fields {
		p.idx[i] = cols[f]
	}
	for {
		rec, line, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *rowError
			if errors.As(err, &pe) {
				st.Rows++
				st.Excluded[ReasonRow]++
				problem(Problem{File: path, Line: pe.line, Reason: ReasonRow, Msg: pe.msg})
				if pe.fatal {
					break
				}
				continue
			}
			return st, err
		}
		if blank(rec) {
			continue
		}
		st.Rows++
		if pr, ok := p.row(rec, line); !ok {
			st.Excluded[pr.Reason]++
			problem(pr)
			continue
		}
		st.Used++
		use(&p.r)
	}
	if st.Used == 0 {
		msg := "the case log has no usable row"
		if st.Rows > 0 {
			msg = fmt.Sprintf("the case log has no usable row: all %d were left out (%s)", st.Rows, ExcludedText(st.Excluded))
		}
		return st, &diag.Error{Pos: diag.Pos{File: path}, Msg: msg}
	}
	return st, nil
}

// ExcludedText says how many rows were left out for each reason, e.g.
// "2 unreadable date, 1 duplicate reference".
func ExcludedText(ex map[string]int) string {
	reasons := make([]string, 0, len(ex))
	for r := range ex {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if ex[reasons[i]] != ex[reasons[j]] {
			return ex[reasons[i]] > ex[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", ex[r], r)
	}
	return strings.Join(parts, ", ")
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// NormalizeColumn is a column name as columns are matched: lower case,
// without spaces, hyphens or underscores.
func NormalizeColumn(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r == ' ' || r == '-' || r == '_' || r == '\u00a0' || r == '\t' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mapColumns finds each field's column in the header: the column named in
// the configuration, or else the default name.
func mapColumns(file string, header []string, conf map[string]string) (map[string]int, error) {
	byName := map[string]int{}
	for i, h := range header {
		n := NormalizeColumn(h)
		if _, dup := byName[n]; !dup && n != "" {
			byName[n] = i
		}
	}
	want := map[string]string{}
	for _, f := range Fields {
		want[f] = NormalizeColumn(f)
	}
	for f, name := range conf {
		nf := ""
		for _, k := range Fields {
			if NormalizeColumn(k) == NormalizeColumn(f) {
				nf = k
			}
		}
		if nf == "" {
			return nil, &diag.Error{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cases columns: unknown field %q", f),
				Hint: "the fields are: " + strings.Join(Fields, ", ")}
		}
		want[nf] = NormalizeColumn(name)
	}
	cols := map[string]int{}
	var missing []string
	for _, f := range Fields {
		i, ok := byName[want[f]]
		if !ok {
			i = -1
			if isRequired(f) {
				missing = append(missing, f)
			}
		}
		cols[f] = i
	}
	if len(missing) == 0 {
		return cols, nil
	}
	var found []string
	for _, h := range header {
		if strings.TrimSpace(h) != "" {
			found = append(found, fmt.Sprintf("%q", strings.TrimSpace(h)))
		}
	}
	var names, hints []string
	for _, f := range missing {
		name := columnTitle[f]
		if c, ok := conf[f]; ok {
			name = c
		}
		names = append(names, fmt.Sprintf("%q", name))
		if near := nearest(want[f], header); near != "" {
			hints = append(hints, fmt.Sprintf("%s for %s", near, f))
		}
	}
	list := names[0]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
	msg := fmt.Sprintf("the case log has no %s column; its columns are %s", list, strings.Join(found, ", "))
	hint := "name the columns in .svcaudit.yaml: cases: {columns: {received: \"Date logged\", ...}}"
	if len(hints) > 0 {
		hint = "nearest names: " + strings.Join(hints, "; ") + "; map them in .svcaudit.yaml: cases: {columns: {received: \"Date logged\", ...}}"
	}
	return nil, &diag.Error{Pos: diag.Pos{File: file, Line: 1}, Msg: msg, Hint: hint}
}

func isRequired(f string) bool {
	for _, r := range required {
		if r == f {
			return true
		}
	}
	return false
}

// nearest is the header closest to want (normalised), quoted, or "" when
// none is close: within a third of the name's length in edits, or one
// containing the other.
func nearest(want string, header []string) string {
	best, bestD := "", 1<<30
	for _, h := range header {
		n := NormalizeColumn(h)
		if n == "" {
			continue
		}
		d := levenshtein(want, n)
		if strings.Contains(n, want) || strings.Contains(want, n) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = h, d
		}
	}
	if best == "" || bestD > max(2, len(want)/3) {
		return ""
	}
	return fmt.Sprintf("%q", strings.TrimSpace(best))
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// parser turns records into Rows.
type parser struct {
	file string
	cols map[string]int
	// idx holds cols by field number (the order of Fields), for speed.
	idx      [8]int
	names    []string
	date1904 bool
	seen     *refSet
	isXLSX   bool
	r        Row
}

// Field numbers: indexes of Fields.
const (
	fReference = iota
	fStage
	fReceived
	fAcknowledged
	fResponded
	fExtension
	fCategory
	fHandler
)

func (p *parser) field(rec []string, f int) string {
	i := p.idx[f]
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func (p *parser) colName(f int) string {
	if i := p.idx[f]; i >= 0 && i < len(p.names) {
		return strings.TrimSpace(p.names[i])
	}
	return columnTitle[Fields[f]]
}

func (p *parser) bad(line int, f int, reason, msg string) (Problem, bool) {
	return Problem{File: p.file, Line: line, Column: p.colName(f), Reason: reason, Msg: msg}, false
}

func (p *parser) date(rec []string, line int, f int) (Day, *Problem) {
	v := p.field(rec, f)
	if p.isXLSX {
		if d, ok, err := serialDate(v, p.date1904); ok {
			if err != nil {
				pr, _ := p.bad(line, f, ReasonDate, err.Error())
				return NoDay, &pr
			}
			return d, nil
		}
	}
	d, err := ParseDate(v)
	if err != nil {
		pr, _ := p.bad(line, f, ReasonDate, err.Error())
		return NoDay, &pr
	}
	return d, nil
}

func isXLSX(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".xlsx" || ext == ".xlsm"
}

// row checks one record; ok is false with the problem that excludes it.
func (p *parser) row(rec []string, line int) (Problem, bool) {
	r := &p.r
	*r = Row{Line: line}
	r.Reference = p.field(rec, fReference)
	if r.Reference == "" {
		return p.bad(line, fReference, ReasonMissing, "no reference")
	}
	sv := p.field(rec, fStage)
	switch strings.ToLower(sv) {
	case "1", "1.0", "stage 1", "one", "stage one":
		r.Stage = 1
	case "2", "2.0", "stage 2", "two", "stage two":
		r.Stage = 2
	default:
		return p.bad(line, fStage, ReasonStage, fmt.Sprintf("stage %q is not 1 or 2 (the Codes have two stages)", sv))
	}
	var pr *Problem
	if r.Received, pr = p.date(rec, line, fReceived); pr != nil {
		return *pr, false
	}
	if r.Received == NoDay {
		return p.bad(line, fReceived, ReasonMissing, "no received date")
	}
	if r.Acknowledged, pr = p.date(rec, line, fAcknowledged); pr != nil {
		return *pr, false
	}
	if r.Responded, pr = p.date(rec, line, fResponded); pr != nil {
		return *pr, false
	}
	switch {
	case r.Acknowledged != NoDay && r.Acknowledged < r.Received:
		return p.bad(line, fAcknowledged, ReasonOrder, fmt.Sprintf("acknowledged %s before it was received %s", r.Acknowledged, r.Received))
	case r.Responded != NoDay && r.Responded < r.Received:
		return p.bad(line, fResponded, ReasonOrder, fmt.Sprintf("responded %s before it was received %s", r.Responded, r.Received))
	case r.Responded != NoDay && r.Acknowledged != NoDay && r.Responded < r.Acknowledged:
		return p.bad(line, fResponded, ReasonOrder, fmt.Sprintf("responded %s before it was acknowledged %s", r.Responded, r.Acknowledged))
	}
	if ev := p.field(rec, fExtension); ev != "" {
		n, err := strconv.Atoi(ev)
		if err != nil {
			if f, ferr := strconv.ParseFloat(ev, 64); ferr == nil && f == float64(int(f)) {
				n, err = int(f), nil
			}
		}
		if err != nil || n < 0 || n > 1000 {
			return p.bad(line, fExtension, ReasonExtension, fmt.Sprintf("extension %q is not a whole number of working days", ev))
		}
		r.Extension = n
	}
	r.Category = p.field(rec, fCategory)
	r.Handler = p.field(rec, fHandler)
	if first, dup := p.seen.add(r.Reference, r.Stage, line); dup {
		return p.bad(line, fReference, ReasonDuplicate, fmt.Sprintf("reference %q at stage %d is already on line %d", r.Reference, r.Stage, first))
	}
	return Problem{}, true
}

// refSet remembers the (reference, stage) pairs seen, compactly: a hash
// of each maps to its line and the reference's place in one byte arena,
// so a million cases cost a few tens of megabytes, and a hash collision is
// told from a true duplicate by comparing the references.
type refSet struct {
	seed  maphash.Seed
	byKey map[uint64]refAt
	arena []byte
	// more holds the rare pairs whose hash another pair already has.
	more map[string]int
}

type refAt struct {
	off, line uint32
	n         uint16
	stage     uint8
}

func newRefSet() *refSet {
	return &refSet{seed: maphash.MakeSeed(), byKey: map[uint64]refAt{}}
}

// add records ref at stage on line; dup is true, with the first line, when
// it was seen before.
func (s *refSet) add(ref string, stage, line int) (first int, dup bool) {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(ref)
	h.WriteByte(byte(stage))
	k := h.Sum64()
	if at, ok := s.byKey[k]; ok {
		if int(at.stage) == stage && string(s.arena[at.off:at.off+uint32(at.n)]) == ref {
			return int(at.line), true
		}
		key := strconv.Itoa(stage) + "\x00" + ref
		if l, ok := s.more[key]; ok {
			return l, true
		}
		if s.more == nil {
			s.more = map[string]int{}
		}
		s.more[key] = line
		return 0, false
	}
	if len(ref) > 0xffff || len(s.arena) > 0xffffffff-len(ref) {
		key := strconv.Itoa(stage) + "\x00" + ref
		if l, ok := s.more[key]; ok {
			return l, true
		}
		if s.more == nil {
			s.more = map[string]int{}
		}
		s.more[key] = line
		return 0, false
	}
	s.byKey[k] = refAt{off: uint32(len(s.arena)), n: uint16(len(ref)), line: uint32(line), stage: uint8(stage)}
	s.arena = append(s.arena, ref...)
	return 0, false
}

// source yields the records of a log with their line numbers.
type source interface {
	Next() ([]string, int, error)
	Close() error
	date1904() bool
}

// rowError is a row the reader could not split into fields; fatal when
// the rest of the file cannot be read either.
type rowError struct {
	line  int
	msg   string
	fatal bool
}

func (e *rowError) Error() string { return e.msg }

type csvSource struct {
	f     *os.File
	r     *csv.Reader
	file  string
	last  int
	fails int
}

// openCSV opens delimited text: a UTF-8 (with or without a byte-order
// mark) or UTF-16 (with one) file, its delimiter guessed from the first
// line.
func openCSV(path string) (source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("case log %s: %w", path, errors.Unwrap(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "the case log is a folder, not a file"}
	}
	br := bufio.NewReaderSize(f, 256<<10)
	var in io.Reader = br
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		in = bufio.NewReaderSize(transform.NewReader(br, dec), 256<<10)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f.Close()
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "the case log is a zip file (a workbook?), not delimited text",
			Hint: "name a workbook .xlsx so that it is read as one"}
	}
	rb, ok := in.(*bufio.Reader)
	if !ok {
		rb = br
	}
	sample, _ := rb.Peek(64 << 10)
	if bytes.IndexByte(sample, 0) >= 0 {
		f.Close()
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "the case log is not text (it has NUL bytes)",
			Hint: "export the log as CSV, or give the .xlsx workbook"}
	}
	cr := csv.NewReader(rb)
	cr.Comma = sniffDelimiter(sample)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvSource{f: f, r: cr, file: path}, nil
}

// sniffDelimiter picks the delimiter of the header line: the most frequent
// of comma, semicolon, tab and bar outside quotes (comma when none).
func sniffDelimiter(sample []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range sample {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		switch c {
		case ',', ';', '\t', '|':
			counts[c]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

func (s *csvSource) Next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err == nil {
		line, _ := s.r.FieldPos(0)
		s.last = line
		return rec, line, nil
	}
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		s.fails++
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrQuote) {
			msg = fmt.Sprintf("a quoted field opened on line %d is never closed", pe.StartLine)
		}
		// Several failures in a row past the end mean the reader is stuck.
		return nil, 0, &rowError{line: pe.StartLine, msg: fmt.Sprintf("column %d: %s", pe.Column, msg), fatal: s.fails > 1000000}
	}
	return nil, 0, fmt.Errorf("case log %s: %w", s.file, err)
}

func (s *csvSource) Close() error   { return s.f.Close() }
func (s *csvSource) date1904() bool { return false }

type xlsxSource struct {
	f     *excelize.File
	file  string
	rows  *excelize.Rows
	n     int
	d1904 bool
}

// openXLSX opens a workbook's first sheet for streaming.
func openXLSX(path string) (source, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "cannot read the workbook: " + err.Error()}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "the workbook has no sheet"}
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: fmt.Sprintf("cannot read sheet %q: %v", sheets[0], err)}
	}
	s := &xlsxSource{f: f, file: path, rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.d1904 = *props.Date1904
	}
	return s, nil
}

func (s *xlsxSource) Next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, &diag.Error{Pos: diag.Pos{File: s.file, Line: s.n + 1}, Msg: "cannot read the sheet: " + err.Error()}
		}
		return nil, 0, io.EOF
	}
	s.n++
	cols, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, s.n, &rowError{line: s.n, msg: err.Error()}
	}
	return cols, s.n, nil
}

func (s *xlsxSource) Close() error {
	s.rows.Close()
	return s.f.Close()
}

func (s *xlsxSource) date1904() bool { return s.d1904 }
