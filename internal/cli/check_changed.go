package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/internal/gitchange"
	"github.com/svcaudit/svcaudit/internal/safe"
)

// changedDefault is what a bare --changed sets: compare with the merge
// base of HEAD and the default branch. It is also the name the flag's
// help shows (--changed[=REF]).
const changedDefault = "REF"

// changedFlag is --changed[=REF]: check only the documents changed since
// a git commit.
type changedFlag struct {
	set bool
	ref string // "" for the merge base with the default branch
}

func (c *changedFlag) String() string { return c.ref }

func (c *changedFlag) Set(v string) error {
	c.set = true
	c.ref = v
	if v == changedDefault {
		c.ref = ""
	}
	return nil
}

// Type is empty so that the help reads --changed[=REF], not
// --changed string[=REF].
func (c *changedFlag) Type() string { return "" }

func addChangedFlag(f *pflag.FlagSet, c *changedFlag) {
	f.Var(c, "changed", "check only the documents changed since the git commit REF (bare: since the merge base of HEAD and the default branch), untracked ones included")
	f.Lookup("changed").NoOptDefVal = changedDefault
}

// selectChanged limits the check to the documents changed since the
// flag's ref, in the git working tree of the working folder.
func (o *CheckOptions) selectChanged(ctx context.Context, c *changedFlag) error {
	if !c.set {
		return nil
	}
	for _, p := range o.Paths {
		if p == svcaudit.StdinPath {
			return &UsageError{Msg: "--changed cannot judge standard input (-), which git does not know", Hint: "leave out - or --changed"}
		}
	}
	ch, err := gitchange.Since(ctx, ".", c.ref)
	if err != nil {
		return changedError(err)
	}
	if o.verbose != nil {
		fmt.Fprintf(o.verbose, "svcaudit: --changed: comparing with %s (%s): %d files changed or untracked\n",
			short(ch.Base), safe.Line(ch.Why), len(ch.Files))
	}
	o.changed = ch
	o.Select = ch.Has
	return nil
}

// changedError gives the errors of --changed the command line's advice.
func changedError(err error) error {
	var notRepo *gitchange.NotRepoError
	var ref *gitchange.RefError
	switch {
	case errors.As(err, &notRepo):
		return &UsageError{Msg: safe.Line(notRepo.Error()), Hint: "run svcaudit check in the repository's working tree, or leave out --changed"}
	case errors.As(err, &ref):
		return &UsageError{Msg: safe.Line(ref.Error()), Hint: ref.Hint}
	case errors.Is(err, gitchange.ErrNoGit):
		return &UsageError{Msg: err.Error(), Hint: "install git, or leave out --changed"}
	}
	return &UsageError{Msg: "--changed: " + safe.Line(err.Error())}
}

// sayUnchanged tells, unless quiet, that --changed left nothing to
// check, and how many documents it left out.
func (o *CheckOptions) sayUnchanged(w io.Writer, documents, unselected int) {
	if o.changed == nil {
		return
	}
	if documents == 0 {
		fmt.Fprintf(w, "svcaudit: no document changed since %s (%s): nothing to check\n", short(o.changed.Base), safe.Line(o.changed.Why))
	} else if o.verbose != nil {
		fmt.Fprintf(o.verbose, "svcaudit: --changed: %d of %d documents changed\n", documents, documents+unselected)
	}
}

// short is a commit hash as git abbreviates it by default.
func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// changedHint is checkError(err), with, for a path that does not exist
// after a bare --changed, the hint that a ref is written --changed=REF:
// `--changed main` reads main as a path.
func (o *CheckOptions) changedHint(err error) error {
	cerr := checkError(err)
	var u *UsageError
	var missing *svcaudit.MissingPathsError
	if o.changed == nil || !o.changed.Default || !errors.As(cerr, &u) || u.Hint != "" ||
		!errors.As(err, &missing) || len(missing.Paths) == 0 {
		return cerr
	}
	u.Hint = fmt.Sprintf("to compare with a ref, write it after an equals sign: --changed=%s", missing.Paths[0])
	return u
}
