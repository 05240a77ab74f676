// Package suppress reads the inline suppressions written in a document and
// applies them to the findings of a check.
//
// A suppression is an HTML comment, in Markdown or HTML, that names the
// items it silences and says why:
//
//	<!-- svcaudit-disable real-humans/contact -- the number is on the cover letter -->
//	…
//	<!-- svcaudit-enable real-humans/contact -->
//
// silences the findings of those items on the lines from the disable to the
// enable (or to the end of the document when there is none), and
//
//	<!-- svcaudit-disable-file plain-language -- a legal notice, kept verbatim -->
//
// silences them in the whole document, including a failure that has no
// place (evidence not found). In DOCX and ODT the suppression is a comment
// (an annotation) whose text is the directive: svcaudit-disable covers the
// paragraphs the comment is anchored to, no enable needed. Items are named as a waiver names them: full
// id, short id, checklist/ref or a checklist's id for all its items,
// several separated by commas or spaces. A reason is required.
//
// An item whose every problem is silenced is waived, as a waiver in the
// waivers file waives it: it does not count in the score, and every report
// shows the reason and the place of the suppression. When only some of its
// problems are silenced, the rest still fail it and a notice says how many
// were silenced.
package suppress

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/waiver"
	"github.com/svcaudit/svcaudit/result"
)

// The directives.
const (
	disable     = "svcaudit-disable"
	disableFile = "svcaudit-disable-file"
	enable      = "svcaudit-enable"
)

// Region is one suppression of a document: the items it names, the lines
// it covers (From to To, inclusive; the whole file when File is set) and
// why.
type Region struct {
	Items  []string
	From   int
	To     int
	File   bool
	Reason string
	// Line is where the suppression is written.
	Line int
}

// Doc is a document's suppressions.
type Doc struct {
	Path    string
	Regions []Region
}

// Parse reads the suppressions of a document from its directives. A
// directive without items or without a reason, or one svcaudit does not
// know, is an error at its line: a suppression that silently did nothing
// (or everything) would mislead whoever reads the report.
func Parse(doc *document.Document) (Doc, diag.List) {
	d := Doc{Path: doc.Path}
	var errs diag.List
	open := map[string]int{} // item → index of its open region
	for _, c := range doc.Directives {
		if !strings.HasPrefix(c.Text, "svcaudit-") {
			continue
		}
		pos := diag.Pos{File: doc.Path, Line: c.Line}
		word, rest := c.Text, ""
		if i := strings.IndexFunc(c.Text, unicode.IsSpace); i >= 0 {
			word, rest = c.Text[:i], c.Text[i:]
		}
		items, reason, hasReason := strings.Cut(rest, "--")
		reason = strings.Join(strings.Fields(reason), " ")
		names := strings.FieldsFunc(items, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		switch word {
		case disable, disableFile:
			if len(names) == 0 {
				errs.Addf(pos, "%s names no item", word).
					WithHint("write <!-- %s ITEM -- REASON -->", word)
				continue
			}
			if !hasReason || reason == "" {
				errs.Addf(pos, "%s %s gives no reason", word, strings.Join(names, ", ")).
					WithHint("say why after \"--\": <!-- %s %s -- REASON -->", word, strings.Join(names, " "))
				continue
			}
			r := Region{Items: names, From: c.Line, To: math.MaxInt, File: word == disableFile, Reason: reason, Line: c.Line}
			if c.EndLine > 0 {
				// A comment anchored to a range (DOCX, ODT) covers it.
				r.To = c.EndLine
			}
			d.Regions = append(d.Regions, r)
			if !r.File && c.EndLine == 0 {
				for _, n := range names {
					if _, ok := open[n]; !ok {
						open[n] = len(d.Regions) - 1
					}
				}
			}
		case enable:
			if len(names) == 0 {
				// Every open suppression, in a fixed order: the regions
				// split off below, and the notices, come out the same in
				// every run.
				for n := range open {
					names = append(names, n)
				}
				sort.Strings(names)
			}
			for _, n := range names {
				i, ok := open[n]
				if !ok {
					errs.Addf(pos, "%s %s: no %s of it is open above", enable, n, disable)
					continue
				}
				delete(open, n)
				r := &d.Regions[i]
				if len(r.Items) == 1 {
					r.To = c.Line
					continue
				}
				// The enable closes only some of the items the disable
				// named: the others stay open in a region of their own.
				r.Items = remove(r.Items, n)
				d.Regions = append(d.Regions, Region{Items: []string{n}, From: r.From, To: c.Line, Reason: r.Reason, Line: r.Line})
			}
		default:
			errs.Addf(pos, "unknown directive %q", word).
				WithHint("svcaudit knows %s, %s and %s", disable, enable, disableFile)
		}
	}
	return d, errs
}

func remove(list []string, s string) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Check reports the items the suppressions name that none of cls has, each
// at its suppression's line with the nearest item id: a typo would
// otherwise silence nothing.
func (d Doc) Check(cls []*checklist.Checklist) diag.List {
	var ids []string
	for _, cl := range cls {
		ids = append(ids, cl.ID)
		for _, it := range cl.Items() {
			ids = append(ids, it.FullID)
			if it.Ref != "" {
				ids = append(ids, it.Checklist+"/"+it.Ref)
			}
		}
	}
	var errs diag.List
	said := map[string]bool{}
	for _, r := range d.Regions {
		for _, n := range r.Items {
			if said[n] {
				continue
			}
			if ok, suggest := waiver.Known(n, ids); !ok {
				said[n] = true
				e := errs.Addf(diag.Pos{File: d.Path, Line: r.Line}, "the suppression names %s, which no checklist judging this document has", n)
				if suggest != "" {
					e.WithHint("did you mean %q?", suggest)
				}
			}
		}
	}
	return errs
}

// names reports whether the region names the item (or its checklist).
func (r Region) names(it *checklist.Item) bool {
	for _, n := range r.Items {
		if n == it.Checklist || waiver.Names(n, it) {
			return true
		}
	}
	return false
}

// covers reports whether the region silences a problem on line.
func (r Region) covers(line int) bool {
	return r.File || (line > 0 && line >= r.From && line <= r.To)
}

// Apply silences the problems of cl's items in auto that the suppressions
// of docs cover, and returns the items it waived (every problem silenced)
// with the suppression that waived each, and notices of what it did: the
// problems silenced of items still failing, and the suppressions that
// silenced nothing in cl although they name its items.
func Apply(docs []Doc, cl *checklist.Checklist, auto map[string]rule.Outcome) (waived map[string]result.Waiver, notices []string) {
	byPath := map[string]*Doc{}
	some := false
	for i := range docs {
		byPath[clean(docs[i].Path)] = &docs[i]
		some = some || len(docs[i].Regions) > 0
	}
	if !some {
		return nil, nil
	}
	type key struct {
		doc    *Doc
		region int
	}
	used := map[key]bool{}
	named := map[key]bool{}
	for _, it := range cl.Items() {
		o, ok := auto[it.FullID]
		for i := range docs {
			for j, r := range docs[i].Regions {
				if r.names(it) {
					named[key{&docs[i], j}] = true
				}
			}
		}
		if !ok || (o.Passed && !o.Partial) {
			continue
		}
		// regionFor finds the suppression covering a problem.
		regionFor := func(f result.Finding) (key, bool) {
			if f.File != "" {
				if d := byPath[clean(f.File)]; d != nil {
					for j, r := range d.Regions {
						if r.names(it) && r.covers(f.Line) {
							return key{d, j}, true
						}
					}
					return key{}, false
				}
			}
			// A problem of no one document (evidence not found in any):
			// a suppression of the whole file covers it.
			for i := range docs {
				for j, r := range docs[i].Regions {
					if r.File && r.names(it) && (f.File == "" || len(docs) == 1) {
						return key{&docs[i], j}, true
					}
				}
			}
			return key{}, false
		}
		var kept []result.Finding
		var by []key
		problems := 0
		for _, f := range o.Findings {
			if f.Severity == "info" {
				kept = append(kept, f)
				continue
			}
			problems++
			if k, ok := regionFor(f); ok {
				by = append(by, k)
				used[k] = true
				continue
			}
			kept = append(kept, f)
		}
		if problems == 0 {
			// Failed with nothing to point at: only a suppression of the
			// whole file silences it.
			if k, ok := regionFor(result.Finding{}); ok {
				by = append(by, k)
				used[k] = true
				problems = 1
			}
		}
		if len(by) == 0 {
			continue
		}
		first := by[0]
		r := first.doc.Regions[first.region]
		if len(by) == problems {
			if waived == nil {
				waived = map[string]result.Waiver{}
			}
			waived[it.FullID] = result.Waiver{Inline: true, Reason: r.Reason, File: first.doc.Path, Line: r.Line}
			continue
		}
		o.Findings = kept
		auto[it.FullID] = o
		notices = append(notices, fmt.Sprintf("%d of %d problems of %s silenced by the suppression at %s:%d (%s); the rest still fail it",
			len(by), problems, it.FullID, first.doc.Path, r.Line, r.Reason))
	}
	for i := range docs {
		for j, r := range docs[i].Regions {
			k := key{&docs[i], j}
			if named[k] && !used[k] {
				notices = append(notices, fmt.Sprintf("the suppression of %s at %s:%d silenced nothing: remove it, or check the lines it covers",
					strings.Join(r.Items, ", "), docs[i].Path, r.Line))
			}
		}
	}
	return waived, notices
}

func clean(p string) string {
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
}
