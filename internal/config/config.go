package config

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/input"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Name is the file name Find looks for, and `init config` writes.
const Name = ".svcaudit.yaml"

// AltName is the other name Find accepts. A folder may hold one or the
// other; both is an error (*BothNamesError), never a silent choice.
const AltName = ".svcaudit.yml"

// BothNamesError says that a folder holds both .svcaudit.yaml and
// .svcaudit.yml.
type BothNamesError struct{ Dir string }

func (e *BothNamesError) Error() string {
	return fmt.Sprintf("%s and %s are both in %s: keep one (svcaudit reads either, never both)",
		Name, AltName, e.Dir)
}

// Formats are the output formats `check` writes.
var Formats = []string{"text", "json", "junit", "sarif", "github", "codequality"}

// Config is a parsed .svcaudit.yaml. Unset fields are zero (nil for
// FailUnder), so that the command line can tell "not set" from a value.
// Relative paths are as written; Path resolves them against the file's folder.
type Config struct {
	// File is where the configuration was read from; Dir is its folder.
	File string
	Dir  string

	// Checklists are built-in ids or paths of checklists.
	Checklists []string
	// Checks give some documents their own checklists (and fail-under);
	// a document no entry matches is judged against Checklists.
	Checks []Check
	// Paths are the documents, folders and globs to check.
	Paths []string
	// Include and Exclude are globs that filter the files found in folders.
	Include []string
	Exclude []string
	// FailUnder is the percentage a document must reach (nil: unset).
	FailUnder *float64
	// Format is the output format, one of Formats.
	Format string
	// Together judges all documents as one body of evidence; Subject names
	// it then.
	Together bool
	Subject  string
	// MaxFileSize and MaxUnzipped are byte limits (0: unset); PDFTimeout
	// bounds the time spent on one PDF (0: unset).
	MaxFileSize int64
	MaxUnzipped int64
	PDFTimeout  time.Duration
	PDFMemory   int64
	// Waivers is the `waivers:` node as written: a scalar naming a waivers
	// file (WaiversFile, relative to Dir) or an inline list that the waiver
	// package parses (waiver.ParseNode) with File for positions.
	Waivers     *yaml.Node
	WaiversFile string
	// WarnExpiry is how many days before a waiver expires it is flagged
	// (nil: unset).
	WarnExpiry *int
	// FailOnExpired fails a check or an audit when a waiver that covers
	// one of its items has expired.
	FailOnExpired bool
	// Cases says how to read a complaints case log (nil: unset).
	Cases *Cases
}

// keys are the keys a configuration may set, for did-you-mean hints.
var keys = []string{
	"checklists", "checks", "paths", "include", "exclude", "fail-under", "format",
	"together", "subject", "max-file-size", "max-unzipped", "pdf-timeout", "pdf-memory",
	"waivers", "warn-expiry", "fail-on-expired", "cases",
}

// Load reads and parses the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := input.Read(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Find looks for .svcaudit.yaml (or .svcaudit.yml) in dir and its
// parents (see Lookup). It
// returns "" and no error when there is none.
func Find(dir string) (string, error) {
	path, _, err := Lookup(dir)
	return path, err
}

// Lookup looks for .svcaudit.yaml or .svcaudit.yml in dir and its
// parents (a folder holding both is a *BothNamesError). It stops at the
// root of the repository (a folder holding .git), at the user's home
// folder, and before any folder that is not the user's own (another
// user's, root's, or one anyone may write to, such as /tmp), whose file a
// stranger could have put there; and at the root of the file system. It
// returns the file found ("" when none) and, for --verbose, where and why
// the search stopped.
func Lookup(dir string) (path, stop string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	home, _ := os.UserHomeDir()
	for {
		if why := untrusted(abs); why != "" {
			return "", fmt.Sprintf("stopped before %s: %s", abs, why), nil
		}
		var found []string
		for _, name := range []string{Name, AltName} {
			p := filepath.Join(abs, name)
			if _, err := os.Stat(p); err == nil {
				found = append(found, p)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return "", "", fmt.Errorf("look for config: %w", err)
			}
		}
		switch len(found) {
		case 1:
			return found[0], "", nil
		case 2:
			return "", "", &BothNamesError{Dir: abs}
		}
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return "", fmt.Sprintf("stopped at %s: the root of the repository", abs), nil
		}
		if home != "" && abs == filepath.Clean(home) {
			return "", fmt.Sprintf("stopped at %s: the home folder", abs), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", fmt.Sprintf("stopped at %s: the root of the file system", abs), nil
		}
		abs = parent
	}
}

// Path resolves p, as written in the configuration, against its folder.
func (c *Config) Path(p string) string {
	if c == nil || c.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Parse reads a configuration from data; file names it in errors. Every
// problem is reported, each at its line and column, as a diag.List.
func Parse(file string, data []byte) (*Config, error) {
	c := &Config{File: file, Dir: filepath.Dir(file)}
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line, Column: n.Column} }
	var errs diag.List
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return c, nil
		}
		errs.Addf(pos(root), "config must be a mapping of settings, e.g. `checklists: [keeps-promises]`")
		return nil, errs
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		key := k.Value
		if prev, ok := seen[key]; ok {
			errs.Addf(pos(k), "duplicate key %q (first set at line %d)", key, prev.Line)
			continue
		}
		seen[key] = k
		switch key {
		case "checklists":
			c.Checklists = stringList(v, key, pos, &errs)
			checkIDs(v, &errs, pos)
		case "checks":
			c.Checks = parseChecks(v, pos, &errs)
		case "paths":
			c.Paths = stringList(v, key, pos, &errs)
		case "include":
			c.Include = globList(v, key, pos, &errs)
		case "exclude":
			c.Exclude = globList(v, key, pos, &errs)
		case "fail-under":
			f, err := strconv.ParseFloat(v.Value, 64)
			if v.Kind != yaml.ScalarNode || err != nil || f < 0 || f > 100 {
				errs.Addf(pos(v), "fail-under must be a percentage from 0 to 100, not %q", short(v))
				continue
			}
			c.FailUnder = &f
		case "format":
			if v.Kind != yaml.ScalarNode || !contains(Formats, v.Value) {
				e := errs.Addf(pos(v), "format must be one of %s, not %q", strings.Join(Formats, ", "), short(v))
				if s := diag.Suggest(v.Value, Formats); s != "" {
					e.WithHint("did you mean %q?", s)
				}
				continue
			}
			c.Format = v.Value
		case "together":
			b, err := strconv.ParseBool(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || err != nil {
				errs.Addf(pos(v), "together must be true or false, not %q", short(v))
				continue
			}
			c.Together = b
		case "subject":
			if v.Kind != yaml.ScalarNode {
				errs.Addf(pos(v), "subject must be a string")
				continue
			}
			c.Subject = v.Value
		case "max-file-size", "max-unzipped", "pdf-memory":
			n, err := ParseSize(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || n <= 0 {
				msg := "must be a positive size"
				if err != nil && v.Kind == yaml.ScalarNode {
					msg = err.Error()
				}
				if !strings.Contains(msg, "e.g.") {
					msg += ", e.g. 32MiB"
				}
				errs.Addf(pos(v), "%s: %s", key, msg)
				continue
			}
			switch key {
			case "max-file-size":
				c.MaxFileSize = n
			case "max-unzipped":
				c.MaxUnzipped = n
			default:
				c.PDFMemory = n
			}
		case "pdf-timeout":
			d, err := time.ParseDuration(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || d <= 0 {
				errs.Addf(pos(v), "pdf-timeout must be a positive duration such as 10s, not %q", short(v))
				continue
			}
			c.PDFTimeout = d
		case "waivers":
			switch {
			case v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value != "":
				c.WaiversFile = v.Value
				c.Waivers = v
			case v.Kind == yaml.SequenceNode:
				c.Waivers = v
			default:
				errs.Addf(pos(v), "waivers must be the path of a waivers file or a list of waivers")
			}
		case "warn-expiry":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || n < 0 {
				errs.Addf(pos(v), "warn-expiry must be a whole number of days, not %q", short(v))
				continue
			}
			c.WarnExpiry = &n
		case "fail-on-expired":
			b, err := strconv.ParseBool(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || err != nil {
				errs.Addf(pos(v), "fail-on-expired must be true or false, not %q", short(v))
				continue
			}
			c.FailOnExpired = b
		case "cases":
			c.Cases = parseCases(v, pos, &errs)
		default:
			e := errs.Addf(pos(k), "unknown key %q", key)
			if s := diag.Suggest(key, keys); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("known keys: %s", strings.Join(sortedKeys(), ", "))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// stringList reads a string or a list of strings.
func stringList(v *yaml.Node, key string, pos func(*yaml.Node) diag.Pos, errs *diag.List) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		return []string{v.Value}
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode || e.Value == "" {
				errs.Addf(pos(e), "%s: each entry must be a non-empty string", key)
				continue
			}
			out = append(out, e.Value)
		}
		return out
	}
	errs.Addf(pos(v), "%s must be a string or a list of strings", key)
	return nil
}

// globList reads a list of globs and checks their syntax.
func globList(v *yaml.Node, key string, pos func(*yaml.Node) diag.Pos, errs *diag.List) []string {
	gs := stringList(v, key, pos, errs)
	nodes := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		nodes = v.Content
	}
	for i, g := range gs {
		if err := validGlob(g); err != nil {
			n := v
			if i < len(nodes) {
				n = nodes[i]
			}
			errs.Addf(pos(n), "%s: bad glob %q: %v", key, g, err)
		}
	}
	return gs
}

func yamlError(file string, err error) error {
	line, msg := yamlnode.SyntaxLine(err)
	return diag.List{diag.Errorf(diag.Pos{File: file, Line: line}, "%s", msg)}
}

func short(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return map[yaml.Kind]string{yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}[n.Kind]
	}
	if len(n.Value) > 40 {
		return n.Value[:40] + "…"
	}
	return n.Value
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys() []string {
	ks := append([]string(nil), keys...)
	sort.Strings(ks)
	return ks
}

func validGlob(g string) error {
	if !doublestar.ValidatePattern(filepath.ToSlash(g)) {
		return errors.New("unbalanced brackets or braces, or a bad escape")
	}
	return nil
}
