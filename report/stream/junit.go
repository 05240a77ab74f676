package stream

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
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
	XMLName    xml.Name        `xml:"testsuite"`
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
	j := newJUnitWriter(w)
	for _, r := range rep.Results {
		j.result(r)
	}
	return j.finish(rep)
}

// junitWriter writes the JUnit document one Result at a time. The totals
// on <testsuites> are known only at the end, so each <testsuite> is
// encoded as its Result comes into a spool — a temporary file, or memory
// if none can be made — and finish writes the header with the totals and
// copies the spool after it. Memory holds one suite at a time.
type junitWriter struct {
	w      io.Writer
	spool  io.ReadWriter
	closer io.Closer // the spool file, if any
	file   *os.File  // the spool file while it still has a name to remove
	bw     *bufio.Writer
	enc    *xml.Encoder
	doc    junitSuites // the totals; Suites stays empty
	n      int         // suites in the spool
	err    error
}

func newJUnitWriter(w io.Writer) *junitWriter {
	j := &junitWriter{w: w, doc: junitSuites{Name: "svcaudit"}}
	if f, err := os.CreateTemp("", "svcaudit-junit-*.xml"); err == nil {
		j.file = f
		if os.Remove(f.Name()) == nil {
			j.file = nil // unlinked: gone when closed
		}
		j.spool = f
		j.closer = f
	} else {
		j.spool = &bytes.Buffer{}
	}
	j.bw = bufio.NewWriter(j.spool)
	j.enc = xml.NewEncoder(j.bw)
	// The suites sit one level inside <testsuites>.
	j.enc.Indent("  ", "  ")
	return j
}

func (j *junitWriter) result(r *result.Result) {
	s := junitSuite{Name: xname(r.Subject) + " (" + xname(r.Checklist.ID) + ")"}
	props := []junitProp{{"checklist", xname(r.Checklist.ID)}, {"score", strconv.FormatFloat(r.Score, 'f', 1, 64)}, {"grade", x(r.Grade.Label)}, {"passed", strconv.FormatBool(r.Passed)}}
	if r.Threshold != nil {
		props = append(props, junitProp{"threshold", strconv.FormatFloat(*r.Threshold, 'f', -1, 64)})
	}
	s.Properties = &junitProps{props}
	file := ""
	if len(r.Documents) <= 1 {
		file = xname(r.Subject)
	}
	for i := range r.Items {
		it := &r.Items[i]
		tc := junitTestCase{Name: xname(named(it)), Classname: xname(r.Subject), File: file}
		switch {
		case failing(it) && len(shown(problems(r, it))) == 0:
			tc.Skipped = &junitSkipped{Message: "every finding is in the baseline of accepted findings"}
			s.Skipped++
		case failing(it):
			ps := shown(problems(r, it))
			lines := make([]string, len(ps))
			for j, f := range ps {
				lines[j] = x(where(f)) + ": " + x(message(f))
			}
			tc.Failure = &junitProblem{Message: x(message(ps[0])), Type: string(it.Outcome), Text: strings.Join(lines, "\n")}
			s.Failures++
		case it.Outcome == result.Waived && it.Waiver != nil:
			tc.Skipped = &junitSkipped{Message: x(it.Waiver.Describe())}
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
	overall := junitTestCase{Name: xname(r.Checklist.ID) + " overall", Classname: xname(r.Subject), File: file}
	if !r.Passed && !accepted(r) {
		overall.Failure = &junitProblem{Message: x("scored " + score(r.Score) + ": " + reason(r)), Type: "score"}
		s.Failures++
	}
	s.Cases = append(s.Cases, overall)
	s.Tests = len(s.Cases)
	j.add(s)
}

// add encodes s into the spool and counts it.
func (j *junitWriter) add(s junitSuite) {
	if j.err != nil {
		return
	}
	j.doc.Tests += s.Tests
	j.doc.Failures += s.Failures
	j.doc.Errors += s.Errors
	j.doc.Skipped += s.Skipped
	j.n++
	j.err = j.enc.Encode(s)
}

func (j *junitWriter) finish(rep *Report) (err error) {
	defer func() {
		if j.closer != nil {
			j.closer.Close()
		}
		if j.file != nil {
			os.Remove(j.file.Name())
		}
	}()
	if len(rep.Errors)+len(rep.NotChecked) > 0 {
		s := junitSuite{Name: "could not be checked"}
		for _, e := range rep.Errors {
			s.Cases = append(s.Cases, junitTestCase{Name: xname(e.File), Classname: "svcaudit", File: xname(e.File),
				Error: &junitProblem{Message: x(e.Message), Type: "unreadable", Text: x(where(errFinding(e)) + ": " + e.Message)}})
			s.Errors++
		}
		for _, f := range rep.NotChecked {
			s.Cases = append(s.Cases, junitTestCase{Name: xname(f), Classname: "svcaudit", File: xname(f), Skipped: &junitSkipped{Message: NotCheckedMessage}})
			s.Skipped++
		}
		s.Tests = len(s.Cases)
		j.add(s)
	}
	if j.err != nil {
		return j.err
	}
	if err := j.enc.Flush(); err != nil {
		return err
	}
	if err := j.bw.Flush(); err != nil {
		return err
	}
	// The start tag of <testsuites> with its totals, as encoding/xml
	// writes it.
	var head bytes.Buffer
	head.WriteString(xml.Header)
	if err := xml.NewEncoder(&head).Encode(j.doc); err != nil {
		return err
	}
	end := "</testsuites>"
	tag := bytes.TrimSuffix(head.Bytes(), []byte(end))
	if _, err := j.w.Write(tag); err != nil {
		return err
	}
	if j.n > 0 {
		if _, err := io.WriteString(j.w, "\n"); err != nil {
			return err
		}
		if f, ok := j.spool.(*os.File); ok {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
		}
		if _, err := io.Copy(j.w, j.spool); err != nil {
			return err
		}
		end = "\n" + end
	}
	_, err = io.WriteString(j.w, end+"\n")
	return err
}

// x makes a message safe for XML 1.0: clean drops control characters
// (which XML cannot carry even escaped) and escape sequences; encoding/xml
// escapes the rest, so "]]>" and "<" are harmless.
func x(s string) string { return clean(s) }

// xname makes a name (a file, a subject, an item id) safe for XML 1.0 by
// writing its control characters as escapes (safe.Escaped), so that two
// files whose names differ only in them never become one test case.
func xname(s string) string { return safe.Escaped(s) }
