package lint

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/result"
)

// JUnit XML as CI servers read it (the Jenkins/Ant schema): a testsuite per
// document and checklist, a testcase per automated item, plus one for the
// document's overall verdict.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties *junitProps     `xml:"properties,omitempty"`
	Cases      []junitTestCase `xml:"testcase"`
}

type junitProps struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

func renderJUnit(w io.Writer, rep *Report) error {
	doc := junitSuites{Name: "svcaudit"}
	for _, r := range rep.Results {
		s := junitSuite{Name: x(r.Subject) + " (" + x(r.Checklist.ID) + ")"}
		props := []junitProp{{"checklist", x(r.Checklist.ID)}, {"score", strconv.FormatFloat(r.Score, 'f', 1, 64)}, {"grade", x(r.Grade.Label)}, {"passed", strconv.FormatBool(r.Passed)}}
		if r.Threshold != nil {
			props = append(props, junitProp{"threshold", strconv.FormatFloat(*r.Threshold, 'f', -1, 64)})
		}
		s.Properties = &junitProps{props}
		file := ""
		if len(r.Documents) <= 1 {
			file = x(r.Subject)
		}
		for i := range r.Items {
			it := &r.Items[i]
			tc := junitTestCase{Name: x(it.ID), Classname: x(r.Subject), File: file}
			switch {
			case failing(it):
				ps := problems(r, it)
				lines := make([]string, len(ps))
				for j, f := range ps {
					lines[j] = x(where(f)) + ": " + x(message(f))
				}
				tc.Failure = &junitProblem{Message: x(message(ps[0])), Type: string(it.Outcome), Text: strings.Join(lines, "\n")}
				s.Failures++
			case it.Outcome == result.Waived && it.Waiver != nil:
				tc.Skipped = &junitSkipped{Message: x("waived by " + it.Waiver.Owner + " until " + it.Waiver.Expires + ": " + it.Waiver.Reason)}
				s.Skipped++
			case it.Outcome != result.Pass:
				msg := string(it.Outcome)
				if it.Condition != "" {
					msg += ": " + it.Condition
				}
				tc.Skipped = &junitSkipped{Message: x(msg)}
				s.Skipped++
			}
			s.Cases = append(s.Cases, tc)
		}
		overall := junitTestCase{Name: x(r.Checklist.ID) + " overall", Classname: x(r.Subject), File: file}
		if !r.Passed {
			overall.Failure = &junitProblem{Message: x("scored " + score(r.Score) + ": " + reason(r)), Type: "score"}
			s.Failures++
		}
		s.Cases = append(s.Cases, overall)
		s.Tests = len(s.Cases)
		doc.add(s)
	}
	if len(rep.Errors)+len(rep.NotChecked) > 0 {
		s := junitSuite{Name: "could not be checked"}
		for _, e := range rep.Errors {
			s.Cases = append(s.Cases, junitTestCase{Name: x(e.File), Classname: "svcaudit", File: x(e.File),
				Error: &junitProblem{Message: x(e.Message), Type: "unreadable", Text: x(where(errFinding(e)) + ": " + e.Message)}})
			s.Errors++
		}
		for _, f := range rep.NotChecked {
			s.Cases = append(s.Cases, junitTestCase{Name: x(f), Classname: "svcaudit", File: x(f), Skipped: &junitSkipped{Message: NotCheckedMessage}})
			s.Skipped++
		}
		s.Tests = len(s.Cases)
		doc.add(s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func (d *junitSuites) add(s junitSuite) {
	d.Suites = append(d.Suites, s)
	d.Tests += s.Tests
	d.Failures += s.Failures
	d.Errors += s.Errors
	d.Skipped += s.Skipped
}

// x makes text safe for XML 1.0: clean drops control characters (which XML
// cannot carry even escaped) and escape sequences; encoding/xml escapes the
// rest, so "]]>" and "<" are harmless.
func x(s string) string { return clean(s) }
