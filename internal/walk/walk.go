package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

// Options filter what is found inside folders and globs. Files named
// explicitly are always taken.
type Options struct {
	// Include, when set, keeps only files that match one of these globs;
	// Exclude drops files and prunes folders that match one. A glob
	// without a "/" matches a name at any depth; one with a "/" matches the
	// path relative to the folder given (or the path as shown).
	Include []string
	Exclude []string
	// Supported says whether a file found in a folder is a document to
	// check; nil means document.Supported, the formats svcaudit reads.
	Supported func(path string) bool
}

// Result is what Expand found.
type Result struct {
	// Files are the documents to check, sorted and without duplicates.
	Files []string
	// Errors are problems met while walking: unreadable folders, broken
	// links, link loops. The run goes on without them.
	Errors []result.FileError
	// Missing are paths and globs given that name nothing.
	Missing []string
}

// maxDepth bounds the nesting of folders searched, a guard where loops
// cannot be told by device and inode.
const maxDepth = 256

// vcsDirs are never searched unless named.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// Expand turns paths into files. Each path is a file, a folder (searched
// recursively, following symbolic links, for supported documents), or a
// glob ("docs/*.md", "policies/**/*.html").
func Expand(paths []string, opt Options) (*Result, error) {
	for _, g := range append(append([]string(nil), opt.Include...), opt.Exclude...) {
		if !doublestar.ValidatePattern(filepath.ToSlash(g)) {
			return nil, fmt.Errorf("bad glob %q", g)
		}
	}
	if opt.Supported == nil {
		opt.Supported = document.Supported
	}
	w := &walker{opt: opt, seen: map[string]bool{}, visited: map[fileID]bool{}}
	for _, p := range paths {
		w.path(p)
	}
	sort.Strings(w.res.Files)
	sort.SliceStable(w.res.Errors, func(i, j int) bool { return w.res.Errors[i].File < w.res.Errors[j].File })
	return &w.res, nil
}

type walker struct {
	opt     Options
	res     Result
	seen    map[string]bool
	visited map[fileID]bool
}

func (w *walker) path(p string) {
	fi, err := os.Stat(p)
	if err != nil && hasMeta(p) {
		w.glob(p)
		return
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, lerr := os.Lstat(p); lerr == nil {
				w.fail(p, "broken symbolic link")
				return
			}
			w.res.Missing = append(w.res.Missing, p)
			return
		}
		w.fail(p, errText(err))
		return
	}
	if fi.IsDir() {
		w.dir(p, p, nil, 0)
		return
	}
	if !fi.Mode().IsRegular() {
		// A pipe or device could block a reader for ever.
		w.fail(p, "not a regular file")
		return
	}
	w.add(filepath.Clean(p))
}

func (w *walker) glob(pattern string) {
	if !doublestar.ValidatePattern(filepath.ToSlash(pattern)) {
		w.fail(pattern, "bad glob")
		return
	}
	matches, err := doublestar.FilepathGlob(pattern, doublestar.WithFailOnIOErrors())
	if err != nil {
		// Fall back to a glob that skips what it cannot read, and say so.
		w.fail(pattern, errText(err))
		matches, _ = doublestar.FilepathGlob(pattern)
	}
	if len(matches) == 0 {
		w.res.Missing = append(w.res.Missing, pattern)
		return
	}
	for _, m := range matches {
		fi, err := os.Stat(m)
		if err != nil {
			w.fail(m, errText(err))
			continue
		}
		if fi.IsDir() {
			w.dir(m, m, nil, 0)
			continue
		}
		if w.opt.Supported(m) && !inVCS(m) && w.keep(m, globRoot(pattern)) {
			w.add(m)
		}
	}
}

// dir searches folder d; root is the path given, ancestors the folders
// entered on the way (to spot links that lead back to one of them).
func (w *walker) dir(d, root string, ancestors []fileID, depth int) {
	if depth > maxDepth {
		w.fail(d, fmt.Sprintf("folders nested more than %d deep: not searched further (a symbolic link loop?)", maxDepth))
		return
	}
	fi, err := os.Stat(d)
	if err != nil {
		w.fail(d, errText(err))
		return
	}
	if id, ok := idOf(fi); ok {
		for _, a := range ancestors {
			if a == id {
				w.fail(d, "symbolic link loop: leads back to a folder that contains it")
				return
			}
		}
		if w.visited[id] {
			return // reached again by another link: its files are already in
		}
		w.visited[id] = true
		ancestors = append(ancestors, id)
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		w.fail(d, errText(err))
	}
	for _, e := range entries {
		p := filepath.Join(d, e.Name())
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				if w.keep(p, root) && (w.opt.Supported(p) || errors.Is(err, fs.ErrNotExist)) {
					msg := errText(err)
					if errors.Is(err, fs.ErrNotExist) {
						msg = "broken symbolic link"
					}
					w.fail(p, msg)
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if vcsDirs[e.Name()] || w.excluded(p, root) {
				continue
			}
			w.dir(p, root, ancestors, depth+1)
		case mode.IsRegular():
			if w.opt.Supported(p) && w.keep(p, root) {
				w.add(p)
			}
		}
	}
}

// keep applies Include and Exclude to a file found under root.
func (w *walker) keep(p, root string) bool {
	if w.excluded(p, root) {
		return false
	}
	if len(w.opt.Include) == 0 {
		return true
	}
	return matchAny(w.opt.Include, p, root)
}

func (w *walker) excluded(p, root string) bool {
	return len(w.opt.Exclude) > 0 && matchAny(w.opt.Exclude, p, root)
}

func matchAny(globs []string, p, root string) bool {
	full := filepath.ToSlash(filepath.Clean(p))
	rel := full
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		rel = filepath.ToSlash(r)
	}
	parts := strings.Split(rel, "/")
	for _, g := range globs {
		g = filepath.ToSlash(g)
		g = strings.TrimPrefix(g, "./")
		g = strings.TrimSuffix(g, "/")
		if !strings.Contains(g, "/") {
			for _, part := range parts {
				if ok, _ := doublestar.Match(g, part); ok {
					return true
				}
			}
			continue
		}
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(g, full); ok {
			return true
		}
	}
	return false
}

func (w *walker) add(p string) {
	if !w.seen[p] {
		w.seen[p] = true
		w.res.Files = append(w.res.Files, p)
	}
}

func (w *walker) fail(p, msg string) {
	w.res.Errors = append(w.res.Errors, result.FileError{File: p, Message: msg})
}

// globRoot is the part of a glob before its first wildcard, the folder its
// matches are relative to.
func globRoot(pattern string) string {
	base, _ := doublestar.SplitPattern(filepath.ToSlash(pattern))
	return filepath.FromSlash(base)
}

func inVCS(p string) bool {
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		if vcsDirs[part] {
			return true
		}
	}
	return false
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[{") }

// errText is an OS error's reason without the path, which the FileError
// already names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	}
	return err.Error()
}
