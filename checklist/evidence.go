package checklist

import (
	"errors"
	"regexp/syntax"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// DefaultNearWithin is how many words apart a near rule's two patterns may
// be when it sets no `within`.
const DefaultNearWithin = 20

// evidence reads an item's evidence: each key by its kind (see kinds),
// the settings first, as they change how every pattern is read.
func (d *decoder) evidence(f field) *Evidence {
	fs := d.mapping(f.value, "evidence", kindNames())
	if fs == nil {
		return nil
	}
	ev := &Evidence{Pos: d.pos(f.value)}
	for _, k := range kinds {
		if kf, ok := fs[k.Name]; ok && k.Setting {
			k.read(d, kf, ev)
		}
	}
	conditions, qualified := 0, false
	for _, k := range kinds {
		kf, ok := fs[k.Name]
		if !ok || k.Setting {
			continue
		}
		k.read(d, kf, ev)
		if k.Condition {
			conditions++
		} else {
			qualified = true
		}
	}
	if conditions == 0 && len(f.value.Content) > 0 && 2*len(fs) == len(f.value.Content) && !qualified {
		d.errorf(f.value, "evidence sets no condition").
			WithHint("give at least one of %s", conditionList())
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
