package config

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Check is one entry of `checks:`: the documents its Paths match are judged
// against its Checklists, with its own FailUnder when set.
type Check struct {
	// Paths are doublestar globs relative to the configuration's folder; a
	// folder matches everything under it.
	Paths []string
	// Checklists are built-in ids or paths (relative to the configuration's
	// folder) of checklists.
	Checklists []string
	// FailUnder overrides the top-level fail-under (nil: unset).
	FailUnder *float64
	// Pos is where the entry starts.
	Pos diag.Pos
}

// checkKeys are the keys of one `checks:` entry.
var checkKeys = []string{"paths", "checklists", "fail-under"}

// parseChecks reads the `checks:` list.
func parseChecks(v *yaml.Node, pos func(*yaml.Node) diag.Pos, errs *diag.List) []Check {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		errs.Addf(pos(v), "checks must be a list of entries, each with paths and checklists")
		return nil
	}
	var out []Check
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			errs.Addf(pos(e), "checks: each entry must be a mapping with paths and checklists, e.g. {paths: [\"letters/**\"], checklists: [real-humans]}")
			continue
		}
		ck := Check{Pos: pos(e)}
		var sawPaths, sawLists bool
		seen := map[string]bool{}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, val := e.Content[i], e.Content[i+1]
			if val.Kind == yaml.AliasNode {
				val = val.Alias
			}
			if seen[k.Value] {
				errs.Addf(pos(k), "checks: duplicate key %q", k.Value)
				continue
			}
			seen[k.Value] = true
			switch k.Value {
			case "paths":
				sawPaths = true
				ck.Paths = globList(val, "checks: paths", pos, errs)
				if isEmpty(val) {
					errs.Addf(pos(val), "checks: paths must name at least one file, folder or glob")
				}
			case "checklists":
				sawLists = true
				ck.Checklists = stringList(val, "checks: checklists", pos, errs)
				if isEmpty(val) {
					errs.Addf(pos(val), "checks: checklists must name at least one checklist")
				}
				checkIDs(val, errs, pos)
			case "fail-under":
				f, err := strconv.ParseFloat(val.Value, 64)
				if val.Kind != yaml.ScalarNode || err != nil || f < 0 || f > 100 {
					errs.Addf(pos(val), "checks: fail-under must be a percentage from 0 to 100, not %q", short(val))
					continue
				}
				ck.FailUnder = &f
			default:
				d := errs.Addf(pos(k), "checks: unknown key %q", k.Value)
				if s := diag.Suggest(k.Value, checkKeys); s != "" {
					d.WithHint("did you mean %q?", s)
				} else {
					d.WithHint("an entry has paths, checklists and fail-under")
				}
			}
		}
		if !sawPaths {
			errs.Addf(pos(e), "checks: entry has no paths")
		}
		if !sawLists {
			errs.Addf(pos(e), "checks: entry has no checklists")
		}
		out = append(out, ck)
	}
	return out
}

// checkIDs reports the entries of a checklists node that are neither a
// built-in id nor written as a path.
func checkIDs(v *yaml.Node, errs *diag.List, pos func(*yaml.Node) diag.Pos) {
	nodes := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		nodes = v.Content
	}
	ids := checklist.BuiltinIDs()
	for _, n := range nodes {
		if n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" || IsPath(n.Value) || contains(ids, n.Value) {
			continue
		}
		e := errs.Addf(pos(n), "unknown checklist %q", n.Value)
		if s := diag.Suggest(n.Value, ids); s != "" {
			e.WithHint("did you mean %q?", s)
		} else {
			e.WithHint("'svcaudit list' shows the built-in checklists; a file must end in .yaml or contain a /")
		}
	}
}

// isEmpty reports an empty list, a null or an empty string.
func isEmpty(n *yaml.Node) bool {
	return (n.Kind == yaml.SequenceNode && len(n.Content) == 0) ||
		(n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Value == ""))
}

// IsPath tells a checklist file from a built-in id.
func IsPath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
}

// Matches reports whether the document at rel — a slash-separated path
// relative to the configuration's folder — is matched by one of the
// entry's paths. A path that names a folder matches everything under it.
func (ck *Check) Matches(rel string) bool {
	rel = filepath.ToSlash(rel)
	for _, p := range ck.Paths {
		p = strings.TrimSuffix(filepath.ToSlash(p), "/")
		p = strings.TrimPrefix(p, "./")
		if p == "." || p == "" {
			return true
		}
		if ok, _ := doublestar.Match(p, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(p+"/**", rel); ok {
			return true
		}
	}
	return false
}

// ChecksFor returns the entries that match the document at path (as the
// caller would open it); none when the document lies outside the
// configuration's folder.
func (c *Config) ChecksFor(path string) []*Check {
	if c == nil || len(c.Checks) == 0 {
		return nil
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	var out []*Check
	for i := range c.Checks {
		if c.Checks[i].Matches(rel) {
			out = append(out, &c.Checks[i])
		}
	}
	return out
}
