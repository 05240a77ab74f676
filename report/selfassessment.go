package report

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/safe"
	"html/template"
	"io"
	"os"
	"strings"
	"time"

	_ "embed"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"github.com/svcaudit/svcaudit/result"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

// SelfAssessmentFormats lists the formats SelfAssessment writes.
var SelfAssessmentFormats = []string{"md", "html", "xlsx", "docx"}

// SelfAssessmentOptions say how to write a self-assessment form.
type SelfAssessmentOptions struct {
	// Format is one of SelfAssessmentFormats; empty means "md".
	Format string
	// Organisation, Period, CompletedBy and Date head the form. By
	// default the organisation is the Result's subject, the person who
	// completed it its auditor, and the date its date.
	Organisation, Period, CompletedBy, Date string
	// Requirements are the organisation's own wording of requirements, by
	// ref (or item id); the form shows the checklist's paraphrase for the
	// rest.
	Requirements map[string]string
	// Actions is the corrective-action register: an open action for a
	// provision not met is shown in its commentary with its due date.
	Actions []Action
	// Today decides which actions are overdue (zero: none are).
	Today time.Time
}

// assessment is the form, built once and written in any format.
type assessment struct {
	Title, Code, Organisation, Period, CompletedBy, Date string
	Outcome                                              string
	// Mixed is set when some provisions are musts and others shoulds:
	// then the musts are marked; allMust when every one is a must.
	Mixed, allMust bool
	Summary        []count
	Sections       []assessSection
}

type count struct {
	Label string
	N     int
}

type assessSection struct {
	Title string
	Rows  []assessRow
}

// assessRow is one provision.
type assessRow struct {
	Provision   string
	Requirement string
	Comply      string
	Must        bool
	Evidence    []string
	Commentary  []string
}

// complyRAG is the RAG colour of the Comply answers that carry one, for the
// formats that fill the cell (xlsx, docx).
var complyRAG = map[string]string{complyYes: "green", complyPartly: "amber", complyNo: "red"}

// The answers of the Comply column.
const (
	complyYes      = "Yes"
	complyPartly   = "Partly"
	complyNo       = "No"
	complyNA       = "N/A"
	complyWaived   = "Waived"
	complyNotAsked = "Not assessed"
)

// SelfAssessment writes the self-assessment form of one Result to w: a
// header (the code, the organisation, the period, who completed it and
// when), a summary of provisions met and not met, then, section by
// section, one row per provision with its requirement, whether it is met
// (Yes, Partly, No, N/A), the evidence and the commentary.
func SelfAssessment(w io.Writer, r *result.Result, opts SelfAssessmentOptions) error {
	if r == nil {
		return fmt.Errorf("no result to write a self-assessment of")
	}
	if opts.Format == "" {
		opts.Format = "md"
	}
	rs := cleanResults([]*result.Result{r})
	// The options are text from the command line and a requirements
	// file: data, as a Result's text is.
	opts.Organisation, opts.Period, opts.CompletedBy, opts.Date = cleanText(opts.Organisation), cleanText(opts.Period), cleanText(opts.CompletedBy), cleanText(opts.Date)
	if len(opts.Requirements) > 0 {
		reqs := make(map[string]string, len(opts.Requirements))
		for k, v := range opts.Requirements {
			reqs[k] = cleanLines(v)
		}
		opts.Requirements = reqs
	}
	opts.Actions = cleanActions(opts.Actions)
	a := buildAssessment(rs[0], opts)
	switch opts.Format {
	case "md":
		return assessmentMarkdown(safe.Guard(w), a)
	case "html":
		return assessmentHTML(safe.GuardHTML(w), a)
	case "xlsx":
		return assessmentXLSX(w, a)
	case "docx":
		return assessmentDOCX(w, a)
	}
	return fmt.Errorf("unknown self-assessment format %q (want %s)", opts.Format, strings.Join(SelfAssessmentFormats, ", "))
}

func buildAssessment(r *result.Result, opts SelfAssessmentOptions) *assessment {
	a := &assessment{Code: r.Checklist.Title, Organisation: r.Subject, CompletedBy: r.Auditor, Date: r.Date, Period: opts.Period}
	if a.Code == "" {
		a.Code = r.Checklist.ID
	}
	if opts.Organisation != "" {
		a.Organisation = opts.Organisation
	}
	if opts.CompletedBy != "" {
		a.CompletedBy = opts.CompletedBy
	}
	if opts.Date != "" {
		a.Date = opts.Date
	}
	a.Title = "Self-assessment against the " + a.Code
	acts := openActions(cleanActions(opts.Actions), r.Subject, opts.Today)

	tally := map[string]int{}
	mustsNotMet := 0
	index := map[string]int{}
	for _, s := range r.Sections {
		index[s.ID] = len(a.Sections)
		a.Sections = append(a.Sections, assessSection{Title: s.Title})
	}
	for i := range r.Items {
		it := &r.Items[i]
		row := assessRow{Provision: it.Ref, Requirement: it.Question, Must: it.Critical}
		if row.Provision == "" {
			row.Provision = shortName(it.ID)
		}
		if req, ok := opts.Requirements[it.Ref]; ok && it.Ref != "" {
			row.Requirement = req
		} else if req, ok := opts.Requirements[shortName(it.ID)]; ok {
			row.Requirement = req
		} else if req, ok := opts.Requirements[it.ID]; ok {
			row.Requirement = req
		}
		row.Comply = comply(it.Outcome)
		tally[row.Comply]++
		if it.Outcome == result.Fail && it.Critical {
			mustsNotMet++
		}
		row.Evidence, row.Commentary = evidenceAndCommentary(it, acts)
		si, ok := index[it.Section]
		if !ok {
			si = len(a.Sections)
			index[it.Section] = si
			a.Sections = append(a.Sections, assessSection{Title: it.Section})
		}
		a.Sections[si].Rows = append(a.Sections[si].Rows, row)
	}
	// Sections with no provision (a check that left out manual items)
	// are not shown.
	kept := a.Sections[:0]
	for _, s := range a.Sections {
		if len(s.Rows) > 0 {
			kept = append(kept, s)
		}
	}
	a.Sections = kept
	musts := 0
	for _, it := range r.Items {
		if it.Critical {
			musts++
		}
	}
	a.Mixed = musts > 0 && musts < len(r.Items)
	a.allMust = musts > 0 && musts == len(r.Items)
	if !a.Mixed {
		for si := range a.Sections {
			for ri := range a.Sections[si].Rows {
				a.Sections[si].Rows[ri].Must = false
			}
		}
	}
	a.Summary = []count{{"Provisions assessed", len(r.Items)}, {"Met (Yes)", tally[complyYes]}, {"Partly met", tally[complyPartly]},
		{"Not met (No)", tally[complyNo]}, {"Of which musts", mustsNotMet}, {"Not applicable", tally[complyNA]},
		{"Waived", tally[complyWaived]}, {"Not assessed", tally[complyNotAsked]}}
	switch {
	case mustsNotMet > 0:
		a.Outcome = fmt.Sprintf("Does not comply: %s not met", plural(mustsNotMet, "mandatory provision", "mandatory provisions"))
	case tally[complyNotAsked] > 0:
		a.Outcome = fmt.Sprintf("Incomplete: %s not assessed", plural(tally[complyNotAsked], "provision", "provisions"))
	case tally[complyNo]+tally[complyPartly] > 0:
		a.Outcome = fmt.Sprintf("Every mandatory provision met; %s not fully met", plural(tally[complyNo]+tally[complyPartly], "provision", "provisions"))
	default:
		a.Outcome = "Complies with every provision assessed"
	}
	return a
}

func shortName(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}

func comply(o result.Outcome) string {
	switch o {
	case result.Pass:
		return complyYes
	case result.Partial:
		return complyPartly
	case result.Fail:
		return complyNo
	case result.NA:
		return complyNA
	case result.Waived:
		return complyWaived
	}
	return complyNotAsked
}

// evidenceAndCommentary is what the form says of an item: for documents,
// where each piece of evidence is (document, heading, page or line) and the
// sentence it quotes; for the assessor, their references; and as
// commentary, the assessor's note, and for a provision not met the
// findings' explanation and the open actions that answer it.
func evidenceAndCommentary(it *result.Item, acts []openAction) (evidence, commentary []string) {
	evidence = append(evidence, it.Evidence...)
	failing := it.Outcome == result.Fail || it.Outcome == result.Partial
	for _, f := range it.Findings {
		if f.Line == 0 {
			// A finding about the documents as a whole: its message is
			// the explanation.
			if failing || f.Severity == "error" {
				commentary = appendOnce(commentary, f.Message)
			}
			continue
		}
		if f.Severity == "info" || failing {
			evidence = appendOnce(evidence, place(f))
		}
		if f.Severity == "error" && failing {
			commentary = appendOnce(commentary, f.Message)
		}
	}
	if it.Note != "" {
		commentary = append([]string{it.Note}, commentary...)
	}
	if it.Automated != nil {
		commentary = append(commentary, "The assessor's answer overrides the documents, which said "+string(*it.Automated)+".")
	}
	if it.Waiver != nil {
		d := it.Waiver.Describe()
		commentary = append(commentary, strings.ToUpper(d[:1])+d[1:])
	}
	if it.Condition != "" {
		commentary = append(commentary, "Not applicable: "+it.Condition+".")
	}
	if failing {
		for _, act := range acts {
			if actionAnswers(act, it) {
				commentary = append(commentary, actionText(act, it))
			}
		}
	}
	return evidence, commentary
}

// actionText is an open action as the commentary names it: its id, what
// it is unless that only repeats the provision's question (an action
// raised by run), its owner when it has one, and when it is due.
func actionText(act openAction, it *result.Item) string {
	s := "Action " + act.ID
	if d := strings.TrimSpace(act.Description); d != "" && d != it.Question {
		s += ": " + d
	}
	when := []string{"due " + act.DueText()}
	if act.Owner != "" {
		when = append([]string{act.Owner}, when...)
	}
	return s + " (" + strings.Join(when, ", ") + ")"
}

// actionAnswers reports whether an action names the item: by full id, by
// short id, or by ref.
func actionAnswers(a openAction, it *result.Item) bool {
	switch {
	case a.Item == it.ID:
		return true
	case !strings.Contains(a.Item, "/") && (a.Item == shortName(it.ID) || (it.Ref != "" && a.Item == it.Ref)):
		return true
	case it.Ref != "" && strings.HasSuffix(a.Item, "/"+it.Ref) && strings.HasPrefix(it.ID, strings.TrimSuffix(a.Item, it.Ref)):
		return true
	}
	return false
}

// place is a piece of evidence: "policy.pdf, “Stage 1”, page 3, line 12:
// “We will acknowledge…”".
func place(f result.Finding) string {
	parts := []string{}
	if f.File != "" {
		parts = append(parts, f.File)
	}
	if f.Heading != "" {
		parts = append(parts, "“"+f.Heading+"”")
	}
	switch {
	case f.Page > 0 && f.Line > 0:
		parts = append(parts, fmt.Sprintf("page %d, line %d", f.Page, f.Line))
	case f.Page > 0:
		parts = append(parts, fmt.Sprintf("page %d", f.Page))
	case f.Line > 0:
		parts = append(parts, fmt.Sprintf("line %d", f.Line))
	}
	quote := f.Sentence
	if quote == "" {
		quote = f.Snippet
	}
	s := strings.Join(parts, ", ")
	if quote != "" {
		s += ": “" + quote + "”"
	}
	return s
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (a *assessment) header() [][2]string {
	h := [][2]string{{"Code", a.Code}, {"Organisation", a.Organisation}}
	period := a.Period
	if period == "" {
		period = "not stated"
	}
	h = append(h, [2]string{"Period", period})
	by := a.CompletedBy
	if by == "" {
		by = "not stated"
	}
	h = append(h, [2]string{"Completed by", by})
	if a.Date != "" {
		h = append(h, [2]string{"Date", a.Date})
	}
	switch {
	case a.Mixed:
		h = append(h, [2]string{"Requirements", "provisions marked (must) are mandatory; the others are advice"})
	case len(a.Sections) > 0 && a.allMust:
		h = append(h, [2]string{"Requirements", "every provision is mandatory"})
	}
	h = append(h, [2]string{"Outcome", a.Outcome})
	return h
}

// The form's columns, as the codes' own self-assessment forms have them.
var assessColumns = []string{"Provision", "Requirement", "Comply", "Evidence", "Commentary"}

func (row assessRow) requirement() string {
	if row.Must {
		return row.Requirement + " (must)"
	}
	return row.Requirement
}

func assessmentMarkdown(out io.Writer, a *assessment) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# %s\n\n| | |\n|---|---|\n", md(a.Title))
	for _, kv := range a.header() {
		fmt.Fprintf(w, "| %s | %s |\n", kv[0], md(kv[1]))
	}
	fmt.Fprintf(w, "\n## Summary\n\n| Provisions | Number |\n|---|---:|\n")
	for _, c := range a.Summary {
		fmt.Fprintf(w, "| %s | %d |\n", c.Label, c.N)
	}
	for _, s := range a.Sections {
		fmt.Fprintf(w, "\n## %s\n\n| %s |\n|---|---|---|---|---|\n", md(s.Title), strings.Join(assessColumns, " | "))
		for _, row := range s.Rows {
			comply := row.Comply
			if row.Comply == complyNo || row.Comply == complyPartly {
				comply = "**" + comply + "**"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", md(row.Provision), md(row.requirement()), comply,
				mdLines(row.Evidence), mdLines(row.Commentary))
		}
	}
	return w.Flush()
}

func mdLines(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = md(s)
	}
	return strings.Join(out, "<br>")
}

//go:embed selfassessment.tmpl
var assessmentTemplate string

var assessmentPage = template.Must(template.New("self-assessment").Parse(assessmentTemplate))

func assessmentHTML(w io.Writer, a *assessment) error {
	var buf bytes.Buffer
	if err := assessmentPage.Execute(&buf, struct {
		*assessment
		Header  [][2]string
		Columns []string
	}{a, a.header(), assessColumns}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func assessmentXLSX(w io.Writer, a *assessment) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	const name = "Self-assessment"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sh := &sheet{}
	sh.sw, sh.err = f.NewStreamWriter(name)
	if sh.err == nil {
		for i, width := range []float64{12, 60, 12, 70, 60} {
			if sh.err = sh.sw.SetColWidth(i+1, i+1, width); sh.err != nil {
				break
			}
		}
	}
	sh.add(styled(st.bold, a.Title))
	for _, kv := range a.header() {
		sh.add(styled(st.bold, kv[0]), kv[1])
	}
	sh.add()
	for _, c := range a.Summary {
		sh.add(styled(st.bold, c.Label), c.N)
	}
	complyStyle := map[string]int{}
	for answer, rag := range complyRAG {
		complyStyle[answer] = st.rag[rag]
	}
	for _, s := range a.Sections {
		sh.add()
		sh.add(styled(st.bold, s.Title))
		hdr := make([]any, len(assessColumns))
		for i, c := range assessColumns {
			hdr[i] = styled(st.header, c)
		}
		sh.add(hdr...)
		for _, row := range s.Rows {
			var cst any = row.Comply
			if id, ok := complyStyle[row.Comply]; ok {
				cst = styled(id, row.Comply)
			}
			sh.add(row.Provision, styled(st.wrap, row.requirement()), cst,
				styled(st.wrap, strings.Join(row.Evidence, "\n")), styled(st.wrap, strings.Join(row.Commentary, "\n")))
		}
	}
	if err := sh.flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// LoadRequirements reads an organisation's own wording of the
// requirements, by ref (or item id):
//
//	requirements:
//	  "6.2": Complaints are acknowledged and logged within five working days of receipt.
//
// (a mapping at the top of the file does as well). Every problem is
// reported at once, at file:line:col.
func LoadRequirements(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read requirements: %w", err)
	}
	return ParseRequirements(path, data)
}

// ParseRequirements is LoadRequirements over data read from file.
func ParseRequirements(file string, data []byte) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlnode.SyntaxLine(err)
		return nil, diag.Errorf(diag.Pos{File: file, Line: line}, "invalid YAML: %s", msg)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, diag.Errorf(diag.Pos{File: file}, "empty file: list the requirements by provision (\"6.2\": ...)")
	}
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line, Column: n.Column} }
	m := doc.Content[0]
	if m.Kind == yaml.MappingNode && len(m.Content) == 2 && m.Content[0].Value == "requirements" {
		m = m.Content[1]
	}
	if m.Kind != yaml.MappingNode {
		return nil, diag.Errorf(pos(m), "requirements must be a mapping of provision to wording (\"6.2\": ...)")
	}
	out := map[string]string{}
	var errs diag.List
	first := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "":
			errs.Addf(pos(k), "a provision must be text, such as \"6.2\"")
		case v.Kind != yaml.ScalarNode || v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
			errs.Addf(pos(v), "the requirement of %s must be text", k.Value)
		case first[k.Value] > 0:
			errs.Addf(pos(k), "provision %s is given twice (first at line %d)", k.Value, first[k.Value])
		default:
			first[k.Value] = k.Line
			out[k.Value] = strings.TrimSpace(v.Value)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return out, nil
}
