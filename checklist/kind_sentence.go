package checklist

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

var sentenceKeys = []string{"all", "any", "none", "own", "who", "commit", "hedge", "hedged", "negated", "missing", "forbid", "rows", "heading", "follow", "context", "what", "example"}

// sentence: one sentence that matches and reads as asked (see
// SentenceRule); one rule or a list of them.
//
//	sentence: {all: ['\bapologi[sz]e\b'], who: organisation, commit: true}
var sentenceKind = &Kind{
	Name:      "sentence",
	Keys:      sentenceKeys,
	Condition: true,
	Documents: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Sentences = d.sentenceRules(f, ev.MatchCase) },
	set:       func(ev *Evidence) bool { return len(ev.Sentences) > 0 },
	words: func(ev *Evidence) []string {
		out := make([]string, 0, len(ev.Sentences))
		for _, r := range ev.Sentences {
			out = append(out, r.words())
		}
		return out
	},
}

// words says what the rule asks for: `a sentence in which the
// organisation commits to apologise` when it says (what), else
// `a sentence with /apologi[sz]e/ by the organisation, a commitment`.
func (r *SentenceRule) words() string {
	s := "a sentence"
	if r.Forbid {
		s = "no sentence"
	}
	if r.What != "" {
		return s + " " + r.What
	}
	ps := append(append([]Pattern(nil), r.All...), r.Any...)
	if len(ps) == 1 {
		s += " with " + quote(ps[0].Expr)
	} else {
		s += fmt.Sprintf(" with %d patterns", len(ps))
	}
	switch r.Who {
	case "organisation":
		s += " by the organisation"
	case "reader":
		s += " by the reader"
	}
	var how []string
	if r.Commit {
		how = append(how, "a commitment")
	}
	if r.Negated {
		how = append(how, "negated")
	}
	if len(how) > 0 {
		s += ", " + strings.Join(how, ", ")
	}
	return s
}

// sentenceRules reads `sentence:`, one rule (a mapping) or a list of them.
func (d *decoder) sentenceRules(f field, matchCase bool) []*SentenceRule {
	nodes := []*yaml.Node{f.value}
	if f.value.Kind == yaml.SequenceNode {
		nodes = d.list(f, false)
		if len(nodes) == 0 {
			d.errorf(f.value, "sentence lists no rules")
		}
	}
	var out []*SentenceRule
	for _, n := range nodes {
		fs := d.mapping(n, "sentence", sentenceKeys)
		if fs == nil {
			continue
		}
		r := &SentenceRule{Pos: d.pos(n), Hedge: "partial", Missing: "fail"}
		for _, key := range []string{"all", "any", "none", "own"} {
			pf, ok := fs[key]
			if !ok {
				continue
			}
			var ps []Pattern
			for _, pn := range d.list(pf, true) {
				if p, ok := d.pattern(pn, "sentence "+key, matchCase); ok {
					ps = append(ps, p)
				}
			}
			switch key {
			case "all":
				r.All = ps
			case "any":
				r.Any = ps
			case "none":
				r.None = ps
			case "own":
				r.Own = ps
			}
		}
		if _, ok := fs["all"]; !ok {
			if _, ok := fs["any"]; !ok {
				d.errorf(n, "sentence has neither all nor any").
					WithHint(`sentence: {all: ['\bapologi[sz]e\b'], who: organisation, commit: true}`)
			}
		}
		enum := func(key string, allowed ...string) string {
			vf, ok := fs[key]
			if !ok {
				return ""
			}
			v, ok := d.text(vf)
			if !ok {
				return ""
			}
			if !contains(allowed, v) {
				d.errorf(vf.value, "sentence %s must be %s, not %q", key, strings.Join(allowed, " or "), v)
				return ""
			}
			return v
		}
		r.Who = enum("who", "organisation", "reader", "anyone")
		if r.Who == "anyone" {
			r.Who = ""
		}
		if v := enum("hedge", "partial", "pass", "fail"); v != "" {
			r.Hedge = v
		}
		if v := enum("missing", "fail", "partial"); v != "" {
			r.Missing = v
		}
		for _, key := range []string{"commit", "hedged", "negated", "forbid", "rows", "heading", "follow"} {
			if bf, ok := fs[key]; ok {
				if v, ok := d.boolean(bf); ok {
					switch key {
					case "commit":
						r.Commit = v
					case "hedged":
						r.Hedged = v
					case "negated":
						r.Negated = v
					case "forbid":
						r.Forbid = v
					case "rows":
						r.Rows = v
					case "heading":
						r.Heading = v
					case "follow":
						r.Follow = v
					}
				}
			}
		}
		if cf, ok := fs["context"]; ok {
			if v, ok := d.integer(cf); ok {
				if v < 0 || v > 20 {
					d.errorf(cf.value, "sentence context must be from 0 to 20 units, not %d", v)
				} else {
					r.Context = v
				}
			}
		}
		if of, ok := fs["own"]; ok && r.Context == 0 {
			d.errorf(of.key, "sentence own needs context: it says when the units before a sentence are not looked at").
				WithHint(`sentence: {any: ['\bcall\s+me\b'], none: ['\bombudsman\b'], context: 3, own: ['\bme\b']}`)
		}
		if r.Forbid && r.Missing == "partial" {
			d.errorf(fs["missing"].value, "a forbid sentence rule cannot be missing: it fails on what it finds")
		}
		for _, key := range []string{"what", "example"} {
			if tf, ok := fs[key]; ok {
				if v, ok := d.text(tf); ok {
					if key == "what" {
						r.What = v
					} else {
						r.Example = v
					}
				}
			}
		}
		out = append(out, r)
	}
	return out
}
