package cli

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// parse runs cmd on args with its run function replaced, and fails the
// test on a parse error.
func parse(t *testing.T, cmd *cobra.Command, args ...string) {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

func quietIO() *IOStreams { return Test(nil, &bytes.Buffer{}, &bytes.Buffer{}) }

func TestCheckFlags(t *testing.T) {
	t.Chdir(t.TempDir())
	var got *CheckOptions
	cmd := NewCmdCheck(quietIO(), &GlobalOptions{}, func(o *CheckOptions) error { got = o; return nil })
	parse(t, cmd, "-c", "a", "-c", "b.yaml", "--fail-under", "70", "-f", "sarif", "-o", "out.sarif",
		"--together", "--subject", "Repairs", "--max-file-size", "1MiB", "--exclude", "old/**", "-j", "3",
		"--as-of", "2026-01-31", "docs", "letters")
	switch {
	case !slices.Equal(got.Checklists, []string{"a", "b.yaml"}):
		t.Errorf("checklists %v", got.Checklists)
	case got.FailUnder == nil || *got.FailUnder != 70 || !got.FailUnderAll:
		t.Errorf("fail-under %v (all %v)", got.FailUnder, got.FailUnderAll)
	case got.Format != "sarif" || got.Output != "out.sarif":
		t.Errorf("format %q, output %q", got.Format, got.Output)
	case !got.Together || got.Subject != "Repairs":
		t.Errorf("together %v, subject %q", got.Together, got.Subject)
	case got.Limits.MaxFileSize != 1<<20 || got.Limits.PDFTimeout != 10*time.Second:
		t.Errorf("limits %+v", got.Limits)
	case !slices.Equal(got.Exclude, []string{"old/**"}) || got.Jobs != 3:
		t.Errorf("exclude %v, jobs %d", got.Exclude, got.Jobs)
	case !slices.Equal(got.Paths, []string{"docs", "letters"}):
		t.Errorf("paths %v", got.Paths)
	case got.Now().Format("2006-01-02") != "2026-01-31":
		t.Errorf("as-of: now is %v", got.Now())
	}
}

// .svcaudit.yaml fills what the flags leave, and a flag beats it.
func TestCheckFlagsOverConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	conf := "checklists: [real-humans]\nfail-under: 60\nformat: junit\npaths: [policies]\n"
	if err := os.WriteFile(".svcaudit.yaml", []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	var got *CheckOptions
	cmd := NewCmdCheck(quietIO(), &GlobalOptions{}, func(o *CheckOptions) error { got = o; return nil })
	parse(t, cmd, "--format", "github")
	if !slices.Equal(got.Checklists, []string{"real-humans"}) || got.FailUnder == nil || *got.FailUnder != 60 || got.FailUnderAll {
		t.Errorf("from the config: checklists %v, fail-under %v (all %v)", got.Checklists, got.FailUnder, got.FailUnderAll)
	}
	if got.Format != "github" || !slices.Equal(got.Paths, []string{"policies"}) {
		t.Errorf("format %q (the flag's), paths %v", got.Format, got.Paths)
	}
}

func TestRunFlags(t *testing.T) {
	t.Chdir(t.TempDir())
	var got *RunOptions
	cmd := NewCmdRun(quietIO(), &GlobalOptions{}, func(o *RunOptions) error { got = o; return nil })
	parse(t, cmd, "-c", "keeps-promises", "-a", "a.yaml", "--docs", "p.md", "--docs", "docs/*.md", "--fail-under", "50",
		"--unanswered", "skip", "--subject", "Parks", "--format", "md", "--waivers", "w.yaml", "--warn-expiry", "7")
	switch {
	case got.Checklist != "keeps-promises" || got.Answers != "a.yaml":
		t.Errorf("checklist %q, answers %q", got.Checklist, got.Answers)
	case !slices.Equal(got.Docs, []string{"p.md", "docs/*.md"}):
		t.Errorf("docs %v", got.Docs)
	case !got.failUnderSet || got.FailUnder != 50 || got.Unanswered != "skip":
		t.Errorf("fail-under %v (set %v), unanswered %q", got.FailUnder, got.failUnderSet, got.Unanswered)
	case got.Subject != "Parks" || got.Format != "md" || got.Waivers != "w.yaml" || got.WarnExpiry != 7:
		t.Errorf("subject %q, format %q, waivers %q, warn %d", got.Subject, got.Format, got.Waivers, got.WarnExpiry)
	}
}

func TestReportFlags(t *testing.T) {
	var got *ReportOptions
	cmd := NewCmdReport(quietIO(), &GlobalOptions{}, func(o *ReportOptions) error { got = o; return nil })
	parse(t, cmd, "a.json", "b.json", "--baseline", "q1.json", "--format", "html", "-o", "board.html", "--sort", "score", "--merge")
	if !slices.Equal(got.Inputs, []string{"a.json", "b.json"}) || !slices.Equal(got.Baseline, []string{"q1.json"}) ||
		got.Format != "html" || got.Output != "board.html" || got.Sort != "score" || !got.Merge {
		t.Errorf("options %+v", got)
	}
}
