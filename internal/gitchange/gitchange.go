// Package gitchange finds the files of a git working tree that changed
// since a commit, for `svcaudit check --changed`.
//
// It runs the git command rather than reading the repository itself:
// git is what knows the working tree — the index's stat cache, every
// ignore file (.gitignore, .git/info/exclude, core.excludesFile), rename
// detection — and it is what a CI job has already run to check the
// repository out.
package gitchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Changes are the files changed since Base, a commit.
type Changes struct {
	// Root is the top folder of the working tree, as git gives it (with
	// symbolic links resolved).
	Root string
	// Base is the commit compared with (a full hash); Ref is what was
	// asked for, and Why says how Base was chosen, for --verbose: "the
	// merge base of HEAD and origin/main".
	Base, Ref, Why string
	// Default says no ref was given: Base is the merge base with the
	// default branch, Ref.
	Default bool
	// Files are the files, absolute, that differ from Base in the working
	// tree (staged or not; a renamed file under its new name) or that are
	// untracked and not ignored. Deleted files are not among them.
	Files map[string]bool

	dirs map[string]string // folders and their real paths, for Has
}

// NotRepoError says that the folder is not in a git working tree.
type NotRepoError struct{ Dir, Detail string }

func (e *NotRepoError) Error() string {
	return fmt.Sprintf("%s is not in a git repository (--changed compares with git history)", e.Dir)
}

// RefError says that a ref names no commit, or that no default branch
// was found.
type RefError struct {
	Ref    string
	Detail string
	Hint   string
}

func (e *RefError) Error() string {
	if e.Ref == "" {
		return e.Detail
	}
	return fmt.Sprintf("--changed %q: %s", e.Ref, e.Detail)
}

// ErrNoGit says that the git command is not installed.
var ErrNoGit = errors.New("--changed needs the git command, which was not found on PATH")

// defaultBranches are tried in turn when no ref is given: the remote's
// default branch, then the usual names.
var defaultBranches = []string{"main", "master", "origin/main", "origin/master"}

// Since returns the files of the working tree holding dir that changed
// since ref; with ref "", since the merge base of HEAD and the default
// branch (origin/HEAD, else main, master, origin/main, origin/master).
func Since(ctx context.Context, dir, ref string) (*Changes, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	g := runner{ctx: ctx, dir: dir}
	top, err := g.run("rev-parse", "--show-toplevel")
	if err != nil {
		abs, _ := filepath.Abs(dir)
		return nil, &NotRepoError{Dir: abs, Detail: err.Error()}
	}
	c := &Changes{Root: filepath.Clean(strings.TrimRight(top, "\n")), Ref: ref, Files: map[string]bool{}}
	g.dir = c.Root // so that paths are relative to the top, whatever git's settings
	if ref != "" {
		if strings.HasPrefix(ref, "-") {
			return nil, &RefError{Ref: ref, Detail: "a ref cannot begin with -"}
		}
		base, err := g.run("rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
		if err != nil {
			return nil, &RefError{Ref: ref, Detail: "no such commit, branch or tag in " + c.Root,
				Hint: "give a branch, tag or commit that git knows (git fetch it first in a shallow clone)"}
		}
		c.Base, c.Why = strings.TrimSpace(base), ref
	} else if err := g.defaultBase(c); err != nil {
		return nil, err
	}

	out, err := g.run("-c", "core.quotePath=false", "diff", "--name-status", "-z", "-M", "--no-relative",
		"--no-ext-diff", "--no-textconv", "--ignore-submodules", c.Base, "--")
	if err != nil {
		return nil, fmt.Errorf("git diff %s: %w", c.Base, err)
	}
	if err := parseNameStatus(out, func(p string) { c.Files[filepath.Join(c.Root, filepath.FromSlash(p))] = true }); err != nil {
		return nil, err
	}
	out, err = g.run("ls-files", "-z", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	for _, p := range strings.Split(out, "\x00") {
		if p != "" {
			c.Files[filepath.Join(c.Root, filepath.FromSlash(p))] = true
		}
	}
	return c, nil
}

// defaultBase sets c.Base to the merge base of HEAD and the default branch.
func (g runner) defaultBase(c *Changes) error {
	branch := ""
	if out, err := g.run("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"); err == nil {
		branch = strings.TrimSpace(out)
	} else {
		for _, b := range defaultBranches {
			if _, err := g.run("rev-parse", "--verify", "--quiet", b+"^{commit}"); err == nil {
				branch = b
				break
			}
		}
	}
	if branch == "" {
		return &RefError{Detail: "--changed: no default branch to compare with (no origin/HEAD, main or master)",
			Hint: "give the ref to compare with: --changed=REF"}
	}
	base, err := g.run("merge-base", "HEAD", branch)
	if err != nil {
		return &RefError{Detail: fmt.Sprintf("--changed: HEAD and %s have no merge base", branch),
			Hint: "a shallow clone may lack the history (git fetch --unshallow), or give the ref to compare with: --changed=REF"}
	}
	c.Base, c.Ref, c.Default = strings.TrimSpace(base), branch, true
	c.Why = "the merge base of HEAD and " + branch
	return nil
}

// parseNameStatus reads `git diff --name-status -z`: a status, then one
// path (two for a rename or copy, the new one last). Deleted files are
// left out.
func parseNameStatus(out string, add func(string)) error {
	f := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	for i := 0; i < len(f); {
		st := f[i]
		if st == "" {
			i++
			continue
		}
		n := 1
		if st[0] == 'R' || st[0] == 'C' {
			n = 2
		}
		if i+n >= len(f) {
			return fmt.Errorf("git diff: unexpected output after status %q", st)
		}
		if st[0] != 'D' {
			add(f[i+n])
		}
		i += n + 1
	}
	return nil
}

type runner struct {
	ctx context.Context
	dir string
}

// run runs git with args in g.dir and returns its standard output; an
// error carries git's own message.
func (g runner) run(args ...string) (string, error) {
	cmd := exec.CommandContext(g.ctx, "git", args...)
	cmd.Dir = g.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return stdout.String(), nil
}

// Has reports whether the file at path (relative to the working folder,
// or absolute) is among the changed files. A path reached through a
// symbolic link to a folder is the file git knows under the link's
// target; a file that is itself a link is the link (git tracks links).
// It is not safe for concurrent use.
func (c *Changes) Has(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if c.Files[abs] {
		return true
	}
	dir := filepath.Dir(abs)
	real, ok := c.dirs[dir]
	if !ok {
		if real, err = filepath.EvalSymlinks(dir); err != nil {
			real = dir
		}
		if c.dirs == nil {
			c.dirs = map[string]string{}
		}
		c.dirs[dir] = real
	}
	return c.Files[filepath.Join(real, filepath.Base(abs))]
}
