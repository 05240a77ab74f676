package checklist

import (
	"errors"
	"regexp/syntax"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

var (
	evidenceKeys    = []string{"any", "all", "none", "near", "min", "heading", "readability", "jargon", "sentence", "timescale", "numbers", "case", "cases"}
	sentenceKeys    = []string{"all", "any", "none", "who", "commit", "hedge", "negated", "missing", "forbid", "rows", "heading", "context", "what", "example"}
	nearKeys        = []string{"a", "b", "within"}
	readabilityKeys = []string{"min"}
	jargonKeys      = []string{"max", "per", "words"}
)

// DefaultNearWithin is how many words apart a near rule's two patterns may
// be when it sets no `within`.
const DefaultNearWithin = 20

func (d *decoder) evidence(f field) *Evidence {
	fs := d.mapping(f.value, "evidence", evidenceKeys)
	if fs == nil {
		return nil
	}
	ev := &Evidence{Pos: d.pos(f.value)}
	// case and numbers change how every pattern is read, so they come first.
	if cf, ok := fs["case"]; ok {
		if v, ok := d.text(cf); ok {
			switch v {
			case "sensitive":
				ev.MatchCase = true
			case "insensitive":
			default:
				d.errorf(cf.value, "case must be sensitive or insensitive, not %q", v)
			}
		}
	}
	if nf, ok := fs["numbers"]; ok {
		if v, ok := d.text(nf); ok {
			switch v {
			case "words":
				ev.NumberWords = true
			case "digits":
			default:
				d.errorf(nf.value, "numbers must be words or digits, not %q", v).
					WithHint(`numbers: words lets \d also match numbers written as words ("three working days")`)
			}
		}
	}
	conditions := 0
	for _, key := range []string{"any", "all", "none"} {
		pf, ok := fs[key]
		if !ok {
			continue
		}
		var ps []Pattern
		for _, n := range d.list(pf, true) {
			if p, ok := d.pattern(n, key, ev.MatchCase); ok {
				ps = append(ps, p)
			}
		}
		conditions++
		switch key {
		case "any":
			ev.Any = ps
		case "all":
			ev.All = ps
		case "none":
			ev.None = ps
		}
	}
	if nf, ok := fs["near"]; ok {
		ev.Near = d.near(nf, ev.MatchCase)
		conditions++
	}
	if mf, ok := fs["min"]; ok {
		if v, ok := d.integer(mf); ok {
			if v < 1 {
				d.errorf(mf.value, "min must be at least 1, not %d", v)
			} else if len(ev.Any) == 0 && len(ev.All) == 0 {
				d.errorf(mf.key, "min counts matches of any and all, and this evidence has neither")
			}
			ev.Min = v
		}
	}
	if hf, ok := fs["heading"]; ok {
		if p, ok := d.pattern(hf.value, "heading", ev.MatchCase); ok {
			ev.Heading = &p
		}
		conditions++
	}
	if rf, ok := fs["readability"]; ok {
		ev.Readability = d.readability(rf)
		conditions++
	}
	if jf, ok := fs["jargon"]; ok {
		ev.Jargon = d.jargon(jf)
		conditions++
	}
	if sf, ok := fs["sentence"]; ok {
		ev.Sentences = d.sentenceRules(sf, ev.MatchCase)
		conditions++
	}
	if tf, ok := fs["timescale"]; ok {
		ev.Timescale = d.timescale(tf, ev.MatchCase)
		conditions++
	}
	if cf, ok := fs["cases"]; ok {
		ev.Cases = d.cases(cf)
		conditions++
	}
	_, hasMin := fs["min"]
	if conditions == 0 && len(f.value.Content) > 0 && 2*len(fs) == len(f.value.Content) && !hasMin {
		d.errorf(f.value, "evidence sets no condition").
			WithHint("give at least one of any, all, none, near, heading, readability, jargon, sentence, timescale or cases")
	} else if len(f.value.Content) == 0 {
		d.errorf(f.value, "evidence is empty").WithHint("leave evidence out for an item an assessor answers")
	}
	return ev
}

// pattern reads a regular expression and checks that it compiles as it will
// be run: case-insensitive unless the evidence says case: sensitive.
func (d *decoder) pattern(n *yaml.Node, what string, matchCase bool) (Pattern, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errorf(n, "%s pattern must be text, not %s", what, kindName(n))
		return Pattern{}, false
	}
	p := Pattern{Expr: n.Value, Pos: d.pos(n)}
	if strings.TrimSpace(p.Expr) == "" {
		d.errorf(n, "%s pattern is empty: it would match everything", what)
		return p, false
	}
	if err := d.checkPattern(p.Expr, matchCase); err != nil {
		e := *err.(*diag.Error)
		e.Pos = p.Pos
		d.errs.Add(&e)
		return p, false
	}
	return p, true
}

// CheckPattern reports whether expr is a valid RE2 regular expression,
// compiled as evidence rules compile it (case-insensitive unless matchCase).
// The error is a *diag.Error without a position.
func CheckPattern(expr string, matchCase bool) error {
	full := expr
	if !matchCase {
		full = "(?i)" + expr
	}
	// syntax.Parse finds every error regexp.Compile would (including
	// "expression too large") at a fraction of the cost.
	_, err := syntax.Parse(full, syntax.Perl)
	if err == nil {
		return nil
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		msg := string(se.Code)
		if se.Expr != "" && se.Expr != full {
			msg += ": `" + se.Expr + "`"
		}
		e := &diag.Error{Msg: "bad regular expression `" + expr + "`: " + msg}
		if se.Code == syntax.ErrMissingParen || se.Code == syntax.ErrUnexpectedParen || se.Code == syntax.ErrMissingBracket {
			e.Hint = `to match a bracket or parenthesis itself, escape it with a backslash: \( \[`
		} else if se.Code == syntax.ErrInvalidPerlOp || se.Code == syntax.ErrInvalidNamedCapture || se.Code == syntax.ErrInvalidEscape {
			e.Hint = "patterns are RE2: no lookahead, lookbehind or backreferences"
		}
		return e
	}
	return &diag.Error{Msg: "bad regular expression `" + expr + "`: " + err.Error()}
}

func (d *decoder) near(f field, matchCase bool) *Near {
	fs := d.mapping(f.value, "near", nearKeys)
	if fs == nil {
		return nil
	}
	nr := &Near{Within: DefaultNearWithin, Pos: d.pos(f.value)}
	for _, k := range []string{"a", "b"} {
		pf, ok := fs[k]
		if !ok {
			d.errorf(f.value, "near has no %s pattern", k).WithHint("near: {a: 'complain', b: 'ombudsman', within: 40}")
			continue
		}
		p, _ := d.pattern(pf.value, "near "+k, matchCase)
		if k == "a" {
			nr.A = p
		} else {
			nr.B = p
		}
	}
	if wf, ok := fs["within"]; ok {
		if v, ok := d.integer(wf); ok {
			if v < 1 {
				d.errorf(wf.value, "within must be at least 1 word, not %d", v)
			} else {
				nr.Within = v
			}
		}
	}
	return nr
}

func (d *decoder) readability(f field) *Readability {
	fs := d.mapping(f.value, "readability", readabilityKeys)
	if fs == nil {
		return nil
	}
	r := &Readability{Pos: d.pos(f.value)}
	if mf, ok := fs["min"]; ok {
		if v, ok := d.number(mf); ok {
			if v < 0 || v > 100 {
				d.errorf(mf.value, "readability min must be a Flesch reading ease from 0 to 100, not %s", mf.value.Value)
			}
			r.Min = v
		}
	} else {
		d.errorf(f.value, "readability has no min").WithHint("readability: {min: 60} asks for plain English")
	}
	return r
}

func (d *decoder) jargon(f field) *Jargon {
	fs := d.mapping(f.value, "jargon", jargonKeys)
	if fs == nil {
		return nil
	}
	j := &Jargon{Pos: d.pos(f.value)}
	if mf, ok := fs["max"]; ok {
		if v, ok := d.number(mf); ok {
			if v < 0 {
				d.errorf(mf.value, "jargon max must not be negative, not %s", mf.value.Value)
			}
			j.Max = v
		}
	} else {
		d.errorf(f.value, "jargon has no max").WithHint("jargon: {max: 5, per: 1000, words: [...]}")
	}
	if pf, ok := fs["per"]; ok {
		if v, ok := d.integer(pf); ok {
			if v < 1 {
				d.errorf(pf.value, "jargon per must be at least 1 word, not %d", v).WithHint("leave per out for a plain count")
			}
			j.Per = v
		}
	}
	if wf, ok := fs["words"]; ok {
		words, poss := d.strings(wf, false)
		seen := make(map[string]bool, len(words))
		for i, w := range words {
			k := strings.ToLower(strings.TrimSpace(w))
			switch {
			case k == "":
				d.errs.Addf(poss[i], "jargon word is empty")
			case seen[k]:
				d.errs.Addf(poss[i], "jargon word %q is listed twice", w)
			default:
				seen[k] = true
				j.Words = append(j.Words, w)
			}
		}
		if len(words) == 0 && wf.value.Kind == yaml.SequenceNode {
			d.errorf(wf.value, "jargon words is empty")
		}
	} else {
		d.errorf(f.value, "jargon has no words").WithHint("list the words and phrases to count: words: [going forward, leverage]")
	}
	return j
}

// checkPattern is CheckPattern, remembering the answer: checklists often
// repeat a pattern across items.
func (d *decoder) checkPattern(expr string, matchCase bool) error {
	key := expr
	if matchCase {
		key = "\x00" + expr
	}
	if err, ok := d.patterns[key]; ok {
		return err
	}
	err := CheckPattern(expr, matchCase)
	if d.patterns == nil {
		d.patterns = map[string]error{}
	}
	d.patterns[key] = err
	return err
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
		for _, key := range []string{"all", "any", "none"} {
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
		for _, key := range []string{"commit", "negated", "forbid", "rows", "heading"} {
			if bf, ok := fs[key]; ok {
				if v, ok := d.boolean(bf); ok {
					switch key {
					case "commit":
						r.Commit = v
					case "negated":
						r.Negated = v
					case "forbid":
						r.Forbid = v
					case "rows":
						r.Rows = v
					case "heading":
						r.Heading = v
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
