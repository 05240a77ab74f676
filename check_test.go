package svcaudit

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

const demoChecklist = `id: demo
title: Demo checklist
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    evidence:
      any: ['within \d+ (working )?days']
`

// corpus writes n documents under docs in a new working folder, with
// demo.yaml beside them.
func corpus(t *testing.T, n int) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile("demo.yaml", []byte(demoChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		sub := filepath.Join("docs", fmt.Sprintf("d%02d", i%10))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, fmt.Sprintf("doc%05d.md", i))
		if err := os.WriteFile(p, []byte("# Charter\n\nWe reply within 5 working days.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func demo() CheckOptions {
	return CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}}
}

// A document whose reading panics is reported as that document's error; the
// others are still checked.
func TestCheckPanicIsPerDocument(t *testing.T) {
	corpus(t, 10)
	read := readDocument
	t.Cleanup(func() { readDocument = read })
	readDocument = func(path string, lim document.Limits) (*document.Document, error) {
		if strings.HasSuffix(path, "doc00003.md") {
			panic("boom")
		}
		return read(path, lim)
	}
	run, err := Check(context.Background(), demo())
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Errors) != 1 || !strings.HasSuffix(run.Errors[0].File, "doc00003.md") || run.Errors[0].Message != "internal error, please report it: boom" {
		t.Errorf("errors: %+v", run.Errors)
	}
	if run.Judged != 9 || len(run.Results) != 9 || !run.Passed() {
		t.Errorf("judged %d, held %d, passed %v; want 9, 9, true", run.Judged, len(run.Results), run.Passed())
	}
}

// Results come in the order of the files, whatever order the workers
// finish in: here the first document is held back until others are done.
func TestCheckOrderWhateverTheWorkers(t *testing.T) {
	corpus(t, 8)
	read := readDocument
	t.Cleanup(func() { readDocument = read })
	release := make(chan struct{})
	readDocument = func(path string, lim document.Limits) (*document.Document, error) {
		if strings.HasSuffix(path, "doc00000.md") {
			<-release
		}
		return read(path, lim)
	}
	var once sync.Once
	o := demo()
	o.Jobs = 2
	o.OnProgress = func(done, total int) {
		if done >= 3 {
			once.Do(func() { close(release) })
		}
	}
	var subjects []string
	o.OnResults = func(rs []*result.Result) {
		for _, r := range rs {
			subjects = append(subjects, r.Subject)
		}
	}
	run, err := Check(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(subjects) != 8 || !sort.StringsAreSorted(subjects) || !strings.HasSuffix(subjects[0], "doc00000.md") {
		t.Errorf("documents out of order: %v", subjects)
	}
	if len(run.Results) != 0 || run.Judged != 8 {
		t.Errorf("OnResults took them: want none held and 8 judged, got %d held, %d judged", len(run.Results), run.Judged)
	}
}

// Only with KeepPasses do the Results keep the findings that support a
// pass; the verdict is the same.
func TestCheckKeepPasses(t *testing.T) {
	corpus(t, 1)
	for _, keep := range []bool{true, false} {
		o := demo()
		o.KeepPasses = keep
		run, err := Check(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if len(run.Results) != 1 || !run.Results[0].Passed || len(run.Results[0].Items) != 1 {
			t.Fatalf("keep %v: want one passing Result of 1 item, got %+v", keep, run.Results)
		}
		infos := 0
		for _, f := range run.Results[0].Items[0].Findings {
			if f.Severity == "info" {
				infos++
			}
		}
		if keep != (infos > 0) {
			t.Errorf("keep %v: %d info findings", keep, infos)
		}
	}
}

// A cancelled run stops its workers and lists what it did not check.
func TestCheckCancelled(t *testing.T) {
	corpus(t, 40)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := demo()
	o.Jobs = 1
	o.OnProgress = func(done, total int) {
		if done == 5 {
			cancel()
		}
	}
	run, err := Check(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Interrupted || run.Passed() || run.Judged < 5 || run.Judged+len(run.NotChecked) != 40 {
		t.Errorf("interrupted %v, judged %d, not checked %d", run.Interrupted, run.Judged, len(run.NotChecked))
	}
}

// Together judges every document as one subject, one Result a checklist.
func TestCheckTogether(t *testing.T) {
	corpus(t, 3)
	o := demo()
	o.Together, o.Subject = true, "Repairs"
	run, err := Check(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Results) != 1 || run.Results[0].Subject != "Repairs" || len(run.Results[0].Documents) != 3 {
		t.Fatalf("results: %+v", run.Results)
	}
	if tool := run.Results[0].Tool; tool == nil || tool.Name != "svcaudit" || tool.Version != Version {
		t.Errorf("tool stamp %+v", tool)
	}
}

// The pipeline's errors are typed, for a caller to explain.
func TestCheckErrors(t *testing.T) {
	corpus(t, 1)
	if err := os.WriteFile("manual.yaml", []byte("id: manual\ntitle: Manual\nitems:\n  - id: q\n    question: Asked?\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	var noAuto *NoAutomatedItemsError
	_, err := Check(context.Background(), CheckOptions{Paths: []string{"docs"}, Checklists: []string{"manual.yaml"}})
	if !errors.As(err, &noAuto) || noAuto.Checklist != "manual" || noAuto.Ref != "manual.yaml" {
		t.Errorf("a manual checklist: got %v", err)
	}
	var missing *MissingPathsError
	_, err = Check(context.Background(), CheckOptions{Paths: []string{"nope.md", "docs"}, Checklists: []string{"demo.yaml"}})
	if !errors.As(err, &missing) || len(missing.Paths) != 1 || missing.Paths[0] != "nope.md" {
		t.Errorf("a missing path: got %v", err)
	}
	var noDocs *NoDocumentsError
	_, err = Check(context.Background(), CheckOptions{Paths: []string{"empty"}, Checklists: []string{"demo.yaml"}})
	if !errors.As(err, &noDocs) || err.Error() != "no documents to check in empty" {
		t.Errorf("an empty folder: got %v", err)
	}
	var glob *GlobError
	_, err = Check(context.Background(), CheckOptions{Paths: []string{"docs"}, Exclude: []string{"[x"}, Checklists: []string{"demo.yaml"}})
	if !errors.As(err, &glob) {
		t.Errorf("a bad glob: got %v", err)
	}
}

// A Word comment "svcaudit-disable ITEM -- REASON" anchored to the
// paragraph of a problem waives the item in a check of the DOCX, and the
// same problem outside the comment's range still fails it.
func TestCheckSuppressionDOCX(t *testing.T) {
	t.Chdir(t.TempDir())
	docx := func(name, anchored string) {
		body := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>Your repair is booked.</w:t></w:r></w:p>` + anchored + `</w:body></w:document>`
		comments := `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:comment w:id="1"><w:p><w:r><w:t>svcaudit-disable real-humans/no-reply -- the portal is the only channel</w:t></w:r></w:p></w:comment></w:comments>`
		var buf strings.Builder
		zw := zip.NewWriter(&buf)
		for n, s := range map[string]string{"word/document.xml": body, "word/comments.xml": comments} {
			w, err := zw.Create(n)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(s))
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(buf.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const noReply = `<w:p><w:r><w:t>Please do not reply to this email.</w:t></w:r></w:p>`
	docx("covered.docx", `<w:commentRangeStart w:id="1"/>`+noReply+`<w:commentRangeEnd w:id="1"/>`)
	docx("outside.docx", `<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>Hello.</w:t></w:r><w:commentRangeEnd w:id="1"/></w:p>`+noReply)
	run, err := Check(context.Background(), CheckOptions{Paths: []string{"covered.docx", "outside.docx"}, Checklists: []string{"real-humans"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Errors) > 0 {
		t.Fatalf("errors: %+v", run.Errors)
	}
	outcome := map[string]*result.Item{}
	for _, r := range run.Results {
		for i := range r.Items {
			if r.Items[i].ID == "real-humans/no-reply" {
				outcome[r.Subject] = &r.Items[i]
			}
		}
	}
	if it := outcome["covered.docx"]; it == nil || it.Outcome != result.Waived || it.Waiver == nil || !it.Waiver.Inline || it.Waiver.Line != 2 {
		t.Errorf("covered.docx: no-reply = %+v", it)
	}
	if it := outcome["outside.docx"]; it == nil || it.Outcome != result.Fail {
		t.Errorf("outside.docx: no-reply = %+v", it)
	}
}
