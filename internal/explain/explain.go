package explain

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// Options tune an explanation.
type Options struct {
	// Format is "text" (the default) or "md".
	Format string
	// Bands are the checklist's grade bands, highest first. A Result
	// records only the grade reached; with the bands the explanation lists
	// them all.
	Bands []checklist.Band
}

// Write explains r to w. With part empty it explains the whole Result;
// otherwise part names an item (full or unambiguous short id) or a section
// (id), and only that is explained. An unknown part is an error with a
// did-you-mean hint.
func Write(w io.Writer, r *result.Result, part string, opts Options) error {
	d, err := build(r, part, opts)
	if err != nil {
		return err
	}
	w = safe.Guard(w) // no line begins with "::", a CI runner's command
	switch opts.Format {
	case "", "text":
		return d.text(w)
	case "md", "markdown":
		return d.markdown(w)
	}
	return fmt.Errorf("unknown format %q: use text or md", opts.Format)
}

func build(r *result.Result, part string, opts Options) (*doc, error) {
	d := &doc{}
	if part == "" {
		overview(d, r, opts)
		for i := range r.Sections {
			section(d, r, &r.Sections[i])
		}
		return d, nil
	}
	for i := range r.Sections {
		if r.Sections[i].ID == part {
			section(d, r, &r.Sections[i])
			return d, nil
		}
	}
	it, err := findItem(r, part)
	if err != nil {
		return nil, err
	}
	d.h(1, "How %s was scored", it.ID)
	d.p("%s, audited against %s.", subjectName(r), checklistName(r))
	item(d, r, it, 0)
	if s := sectionOf(r, it); s != nil && it.Score != nil {
		d.p("It counts in section %s, which earned %s of %s possible points (%s); this item earned %s of them.",
			sectionName(s), num(s.Earned), num(s.Possible), pct(s.Score), num(points(it)))
	}
	return d, nil
}

func findItem(r *result.Result, part string) (*result.Item, error) {
	var found *result.Item
	n := 0
	var ids []string
	for i := range r.Items {
		it := &r.Items[i]
		ids = append(ids, it.ID, shortID(it.ID))
		if it.ID == part {
			return it, nil
		}
		if shortID(it.ID) == part {
			found = it
			n++
		}
	}
	if n == 0 {
		// An item's ref, alone or after its checklist's id.
		for i := range r.Items {
			it := &r.Items[i]
			if it.Ref != "" && (it.Ref == part || r.Checklist.ID+"/"+it.Ref == part) {
				found = it
				n++
			}
		}
	}
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	if n == 1 {
		return found, nil
	}
	if n > 1 {
		return nil, &diag.Error{Msg: fmt.Sprintf("%q names %d items: give the full id", part, n), Hint: "the full id is CHECKLIST/ITEM, e.g. " + found.ID}
	}
	e := &diag.Error{Msg: fmt.Sprintf("no item or section %q in the result", part)}
	if s := diag.Suggest(part, ids); s != "" {
		e.WithHint("did you mean %q?", s)
	}
	return nil, e
}

func overview(d *doc, r *result.Result, opts Options) {
	d.h(1, "How %s scored %s", subjectName(r), pctv(r.Score))
	by := ""
	if r.Auditor != "" {
		by = " by " + r.Auditor
	}
	on := ""
	if r.Date != "" {
		on = " on " + r.Date
	}
	d.p("Audited against %s%s%s.", checklistName(r), by, on)
	verdict := "The audit passed."
	if !r.Passed {
		verdict = "The audit did not pass."
		var why []string
		if len(r.CriticalFailures) > 0 {
			why = append(why, plural(len(r.CriticalFailures), "critical item", "critical items")+" failed")
		}
		if r.Threshold != nil && r.Score < *r.Threshold {
			why = append(why, fmt.Sprintf("the score is below the pass mark of %s", pctv(*r.Threshold)))
		}
		for _, g := range r.Gates {
			if !g.Passed {
				why = append(why, fmt.Sprintf("the gating rule %q was broken", g.Rule))
			}
		}
		if len(why) > 0 {
			verdict = "The audit did not pass: " + strings.Join(why, "; ") + "."
		}
	}
	grade := ""
	if r.Grade.Label != "" {
		grade = fmt.Sprintf(", grade %s", gradeName(r.Grade))
	}
	d.p("Overall score %s%s. %s", pctv(r.Score), grade, verdict)

	d.h(2, "How the overall score is worked out")
	scoring(d, r)
	if r.Threshold != nil {
		diff := score.Round(r.Score - *r.Threshold)
		switch {
		case diff >= 0:
			d.p("The pass mark is %s: the score is %s above it.", pctv(*r.Threshold), plural1(diff, "point"))
		default:
			d.p("The pass mark is %s: the score is %s below it.", pctv(*r.Threshold), plural1(-diff, "point"))
		}
	}

	d.h(2, "Grade")
	bands(d, r, opts.Bands)

	d.h(2, "Gating rules")
	if len(r.Gates) == 0 {
		d.p("The checklist sets no gating rules: the grade and pass mark alone decide.")
	} else {
		d.p("The audit passes only when every gating rule holds, whatever the score.")
		for _, g := range r.Gates {
			if g.Passed {
				d.li(0, "%s: held.", g.Rule)
			} else if g.Detail != "" {
				d.li(0, "%s: broken. %s.", g.Rule, strings.TrimSuffix(g.Detail, "."))
			} else {
				d.li(0, "%s: broken.", g.Rule)
			}
		}
	}
	if len(r.CriticalFailures) > 0 {
		d.h(2, "Critical failures")
		d.p("A critical item that fails caps the grade, whatever the score. These failed:")
		for _, id := range r.CriticalFailures {
			q := ""
			for _, it := range r.Items {
				if it.ID == id {
					q = ": " + it.Question
				}
			}
			d.li(0, "%s%s", id, q)
		}
	}
	if len(r.Notices) > 0 {
		d.h(2, "Notices")
		for _, n := range r.Notices {
			d.li(0, "%s", n)
		}
	}
}

func scoring(d *doc, r *result.Result) {
	d.p("Each applicable item earns points: its weight times the share its answer is worth (for example yes 100%%, partly 50%%, no 0%%). Items that are not applicable, waived or left out do not count either way: they are taken out of the points possible.")
	if !score.Weighted(r.Sections) {
		var earned, possible float64
		for _, s := range r.Sections {
			earned += s.Earned
			possible += s.Possible
		}
		d.p("The sections carry no weights of their own, so every item's points count alike: the overall score is all the points earned divided by all the points possible.")
		for _, s := range r.Sections {
			d.li(0, "%s: %s of %s points", sectionName(&s), num(s.Earned), num(s.Possible))
		}
		if got, ok := score.Overall(r.Sections); ok {
			d.p("In all: %s / %s = %s.", num(earned), num(possible), pctv(got))
			check(d, r, got)
		} else {
			d.p("No item was applicable, so there are no points to score.")
		}
		return
	}
	d.p("The sections carry weights, so the overall score is the weighted average of the section scores: each section's score times its weight, added up, divided by the total weight of the sections that have a score.")
	var sum, wsum float64
	var terms, ws []string
	for _, s := range r.Sections {
		w := score.SectionWeight(s)
		if s.Score == nil {
			d.li(0, "%s: no applicable items, left out", sectionName(&s))
			continue
		}
		// the exact section score (earned/possible) keeps the sum true to
		// the recorded score; the figures shown are rounded
		exact, ok := score.SectionPercent(s.Earned, s.Possible)
		if !ok {
			exact = *s.Score
		}
		d.li(0, "%s: %s × weight %s = %s", sectionName(&s), pct(s.Score), num(w), num(exact*w))
		sum += exact * w
		wsum += w
		terms = append(terms, num(exact*w))
		ws = append(ws, num(w))
	}
	got, ok := score.Overall(r.Sections)
	if !ok {
		d.p("No section had an applicable item, so there is no score.")
		return
	}
	d.p("In all: (%s) / (%s) = %s / %s = %s.", strings.Join(terms, " + "), strings.Join(ws, " + "), num(sum), num(wsum), pctv(got))
	check(d, r, got)
}

// check notes when the Result's recorded score differs from the figures
// shown, which are rounded, so the reader is never left puzzling.
func check(d *doc, r *result.Result, got float64) {
	if math.Abs(score.Round(got)-r.Score) >= 0.05 {
		d.p("The Result records %s; the figures above are rounded, or the scoring used settings this explanation cannot see (such as unanswered items counted as zero).", pctv(r.Score))
	}
}

func bands(d *doc, r *result.Result, bs []checklist.Band) {
	if len(bs) == 0 {
		if r.Grade.Label == "" {
			d.p("The Result records no grade.")
			return
		}
		d.p("A score of %s falls in the band %s.", pctv(r.Score), gradeName(r.Grade))
		if len(r.CriticalFailures) > 0 {
			d.p("A critical item failed, which caps the grade whatever the score.")
		}
		return
	}
	sorted := append([]checklist.Band(nil), bs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Min > sorted[j].Min })
	d.p("The grade bands, highest first:")
	for i, b := range sorted {
		span := fmt.Sprintf("%s and above", pctv(b.Min))
		if i > 0 {
			span = fmt.Sprintf("from %s to under %s", pctv(b.Min), pctv(sorted[i-1].Min))
		}
		mark := ""
		if b.Label == r.Grade.Label {
			mark = " (this audit)"
		}
		rag := ""
		if b.RAG != "" {
			rag = fmt.Sprintf(" (%s)", b.RAG)
		}
		d.li(0, "%s%s: %s%s", b.Label, rag, span, mark)
	}
	natural := checklist.Grade(sorted, r.Score)
	if natural.Label != r.Grade.Label && len(r.CriticalFailures) > 0 {
		d.p("The score alone falls in %s, but a critical item failed, which caps the grade at %s.", natural.Label, gradeName(r.Grade))
	}
}

func section(d *doc, r *result.Result, s *result.Section) {
	d.h(2, "Section %s: %s", sectionName(s), pct(s.Score))
	if s.Score == nil {
		d.p("No item of this section was applicable, so it has no score and does not count.")
	} else {
		grade := ""
		if s.Grade != nil && s.Grade.Label != "" {
			grade = fmt.Sprintf(", grade %s", gradeName(*s.Grade))
		}
		d.p("Its items earned %s of %s possible points: %s / %s = %s%s.", num(s.Earned), num(s.Possible), num(s.Earned), num(s.Possible), pct(s.Score), grade)
	}
	if s.Weight > 0 {
		d.p("It counts with weight %s in the overall score.", num(s.Weight))
	}
	for i := range r.Items {
		if r.Items[i].Section == s.ID {
			item(d, r, &r.Items[i], 0)
		}
	}
}

func item(d *doc, r *result.Result, it *result.Item, depth int) {
	crit := ""
	if it.Critical {
		crit = " (critical)"
	}
	id := it.ID
	if it.Ref != "" {
		id += " (" + it.Ref + ")"
	}
	d.li(depth, "%s%s: %s", id, crit, it.Question)
	for _, line := range itemLines(r, it) {
		d.li(depth+1, "%s", line)
	}
	for _, f := range it.Findings {
		d.li(depth+2, "%s", finding(f))
	}
}

func itemLines(r *result.Result, it *result.Item) []string {
	var out []string
	answer := it.AnswerText()
	if answer == "" {
		answer = string(it.Outcome)
	}
	switch {
	case it.Outcome == result.Waived && it.Waiver != nil:
		w := it.Waiver
		where := ""
		if w.File != "" {
			where = fmt.Sprintf(" (%s)", diag.Pos{File: w.File, Line: w.Line})
		}
		said := fmt.Sprintf("Waived by %s until %s: %s%s.", w.Owner, w.Expires, strings.TrimSuffix(w.Reason, "."), where)
		if w.Inline {
			said = fmt.Sprintf("Suppressed in the document%s: %s.", where, strings.TrimSuffix(w.Reason, "."))
		}
		out = append(out, said,
			"A waived item counts as neither pass nor fail: it is left out of the points possible.")
		return out
	case it.Outcome == result.Waived:
		return []string{"Waived: left out of the points possible."}
	case it.Outcome == result.NA && it.Condition != "":
		return []string{fmt.Sprintf("Not asked: %s.", strings.TrimSuffix(it.Condition, ".")), "It counts as not applicable: left out of the points possible."}
	case it.Outcome == result.NA:
		return []string{fmt.Sprintf("Answered %q (not applicable): left out of the points possible.", answer)}
	case it.Outcome == result.Unanswered:
		if it.Score != nil {
			out = append(out, fmt.Sprintf("Not answered: counts as 0 of its %s.", plural1(it.Weight, "point")))
		} else {
			out = append(out, "Not answered: left out of the points possible.")
		}
		return out
	}
	switch it.Source {
	case result.Automated:
		out = append(out, fmt.Sprintf("Answered from the documents: %s.", outcomeWord(it.Outcome)))
	case result.Overridden:
		if it.Automated != nil {
			out = append(out, fmt.Sprintf("The documents gave %s; the assessor overrode this with %q (%s).", outcomeWord(*it.Automated), answer, outcomeWord(it.Outcome)))
		} else {
			out = append(out, fmt.Sprintf("Answered %q by the assessor (%s); no documents were checked for it.", answer, outcomeWord(it.Outcome)))
		}
	default:
		out = append(out, fmt.Sprintf("Answered %q by the assessor (%s).", answer, outcomeWord(it.Outcome)))
	}
	if it.Score != nil {
		out = append(out, fmt.Sprintf("Earns %s of its weight of %s: %s of %s.", pct(it.Score), num(it.Weight), num(points(it)), plural1(it.Weight, "point")))
	}
	if it.Critical && it.Outcome == result.Fail {
		out = append(out, "A critical item that fails caps the grade, whatever the score.")
	}
	if it.Note != "" {
		out = append(out, "Assessor's note: "+it.Note)
	}
	if len(it.Evidence) > 0 {
		out = append(out, "Evidence: "+strings.Join(it.Evidence, ", "))
	}
	if len(it.Findings) > 0 {
		out = append(out, "What the documents showed:")
	}
	return out
}

func finding(f result.Finding) string {
	where := diag.Pos{File: f.File, Line: f.Line, Column: f.Column, Page: f.Page}.String()
	s := f.Message
	if where != "" {
		s = where + ": " + s
	}
	if f.Snippet != "" {
		s += fmt.Sprintf(" (%q)", f.Snippet)
	}
	return s
}

func outcomeWord(o result.Outcome) string {
	switch o {
	case result.Pass:
		return "pass"
	case result.Partial:
		return "partly met"
	case result.Fail:
		return "fail"
	case result.NA:
		return "not applicable"
	}
	return string(o)
}

func points(it *result.Item) float64 {
	if it.Score == nil {
		return 0
	}
	return *it.Score / 100 * it.Weight
}

func sectionOf(r *result.Result, it *result.Item) *result.Section {
	for i := range r.Sections {
		if r.Sections[i].ID == it.Section {
			return &r.Sections[i]
		}
	}
	return nil
}

func subjectName(r *result.Result) string {
	if r.Subject == "" {
		return "The subject"
	}
	return r.Subject
}

func checklistName(r *result.Result) string {
	c := r.Checklist
	name := c.Title
	if name == "" {
		name = c.ID
	} else if c.ID != "" {
		name += " (" + c.ID + ")"
	}
	if c.Version != "" {
		name += " version " + c.Version
	}
	return name
}

func sectionName(s *result.Section) string {
	if s.Title == "" || s.Title == s.ID {
		return s.ID
	}
	return fmt.Sprintf("%s (%s)", s.Title, s.ID)
}

func gradeName(g result.Grade) string {
	if g.RAG == "" {
		return g.Label
	}
	return fmt.Sprintf("%s (%s)", g.Label, g.RAG)
}

func shortID(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		return full[i+1:]
	}
	return full
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// num writes a figure with at most two decimals and no trailing zeros.
func num(x float64) string {
	return strconv.FormatFloat(round(x, 2), 'f', -1, 64)
}

func pctv(x float64) string { return strconv.FormatFloat(score.Round(x), 'f', -1, 64) + "%" }

func pct(x *float64) string {
	if x == nil {
		return "no score"
	}
	return pctv(*x)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func plural1(x float64, unit string) string {
	if x == 1 {
		return "1 " + unit
	}
	return num(x) + " " + unit + "s"
}
