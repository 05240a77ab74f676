package cli

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/svcaudit/svcaudit/internal/config"
)

// The flag tests below build each command with a run function that only
// keeps its options: nothing is read, listed or written.

func TestListFlags(t *testing.T) {
	var got *ListOptions
	out := &bytes.Buffer{}
	cmd := NewCmdList(Test(nil, out, out), &GlobalOptions{}, func(o *ListOptions) error { got = o; return nil })
	parse(t, cmd, "--dir", "a", "--dir", "b c", "--format", "json")
	if !slices.Equal(got.Dirs, []string{"a", "b c"}) || got.Format != "json" {
		t.Errorf("dirs %q, format %q", got.Dirs, got.Format)
	}
	if out.Len() > 0 {
		t.Errorf("the command ran: %s", out)
	}
	parse(t, NewCmdList(quietIO(), &GlobalOptions{}, func(o *ListOptions) error { got = o; return nil }))
	if got.Format != "text" || got.Dirs != nil {
		t.Errorf("defaults: format %q, dirs %q", got.Format, got.Dirs)
	}
	parse(t, NewCmdList(quietIO(), &GlobalOptions{}, func(o *ListOptions) error { got = o; return nil }), "--format", "table")
	if got.Format != "text" {
		t.Errorf("--format table (the old name) reads as %q, want text", got.Format)
	}
}

func TestShowFlags(t *testing.T) {
	t.Chdir(t.TempDir())
	var got *ShowOptions
	cmd := NewCmdShow(quietIO(), &GlobalOptions{}, func(o *ShowOptions) error { got = o; return nil })
	parse(t, cmd, "keeps-promises", "--format", "md", "-o", "form.md", "--force")
	if got.Checklist != "keeps-promises" || got.Format != "md" || got.Output != "form.md" || !got.Force {
		t.Errorf("options %+v", got)
	}
	if _, err := os.Stat("form.md"); err == nil {
		t.Error("the command ran: form.md written")
	}
}

func TestValidateFlags(t *testing.T) {
	var got *ValidateOptions
	cmd := NewCmdValidate(quietIO(), &GlobalOptions{}, func(o *ValidateOptions) error { got = o; return nil })
	parse(t, cmd, "a.yaml", "b.yaml", "--format", "json")
	if !slices.Equal(got.Files, []string{"a.yaml", "b.yaml"}) || got.Format != "json" {
		t.Errorf("files %q, format %q", got.Files, got.Format)
	}
}

func TestSchemaFlags(t *testing.T) {
	var got *SchemaOptions
	out := &bytes.Buffer{}
	cmd := NewCmdSchema(Test(nil, out, out), &GlobalOptions{}, func(o *SchemaOptions) error { got = o; return nil })
	parse(t, cmd, "result")
	if got.Name != "result" || out.Len() > 0 {
		t.Errorf("name %q, output %q", got.Name, out)
	}
}

func TestExplainFlags(t *testing.T) {
	var got *ExplainOptions
	cmd := NewCmdExplain(quietIO(), &GlobalOptions{}, func(o *ExplainOptions) error { got = o; return nil })
	parse(t, cmd, "r.json", "keeps-promises/timescales", "-f", "md", "-c", "keeps-promises")
	if got.Result != "r.json" || got.Part != "keeps-promises/timescales" || got.Format != "md" || got.Checklist != "keeps-promises" {
		t.Errorf("options %+v", got)
	}
}

func TestActionsFlags(t *testing.T) {
	var got *ActionsOptions
	cmd := NewCmdActions(quietIO(), &GlobalOptions{}, func(o *ActionsOptions) error { got = o; return nil })
	parse(t, cmd, "actions.yaml", "--overdue", "--subject", "Housing*", "--status", "all", "--fail-overdue",
		"--as-of", "2026-03-31", "--format", "csv")
	switch {
	case got.File != "actions.yaml" || !got.Overdue || got.Subject != "Housing*" || got.Status != "all":
		t.Errorf("file %q, overdue %v, subject %q, status %q", got.File, got.Overdue, got.Subject, got.Status)
	case !got.FailOverdue || got.Format != "csv":
		t.Errorf("fail-overdue %v, format %q", got.FailOverdue, got.Format)
	case got.Today.Format("2006-01-02") != "2026-03-31":
		t.Errorf("--as-of read as %v", got.Today)
	}
	cmd = NewCmdActions(quietIO(), &GlobalOptions{}, func(o *ActionsOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"actions.yaml", "--as-of", "31/03/2026"})
	if err := cmd.Execute(); err == nil {
		t.Error("a bad --as-of was accepted")
	}
}

func TestInitFlags(t *testing.T) {
	t.Chdir(t.TempDir())
	var ck *InitChecklistOptions
	parse(t, NewCmdInitChecklist(quietIO(), &GlobalOptions{}, func(o *InitChecklistOptions) error { ck = o; return nil }), "-o", "repairs.yaml", "--force")
	if ck.Output != "repairs.yaml" || !ck.Force {
		t.Errorf("init checklist: %+v", ck)
	}
	var an *InitAnswersOptions
	parse(t, NewCmdInitAnswers(quietIO(), &GlobalOptions{Quiet: true}, func(o *InitAnswersOptions) error { an = o; return nil }),
		"keeps-promises", "-o", "a.yaml")
	if an.Checklist != "keeps-promises" || an.Output != "a.yaml" || an.Force || !an.Quiet {
		t.Errorf("init answers: %+v", an)
	}
	var co *InitConfigOptions
	parse(t, NewCmdInitConfig(quietIO(), &GlobalOptions{}, func(o *InitConfigOptions) error { co = o; return nil }))
	if co.Output != config.Name || co.Force {
		t.Errorf("init config: %+v", co)
	}
	if entries, _ := os.ReadDir("."); len(entries) > 0 {
		t.Errorf("a command ran: %d files written", len(entries))
	}
}
