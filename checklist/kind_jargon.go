package checklist

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

var jargonKeys = []string{"max", "per", "words"}

// jargon: at most max uses of words (per `per` words of prose).
//
//	jargon: {max: 5, per: 1000, words: [going forward, leverage]}
var jargonKind = &Kind{
	Name:      "jargon",
	Keys:      jargonKeys,
	Condition: true,
	Documents: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Jargon = d.jargon(f) },
	set:       func(ev *Evidence) bool { return ev.Jargon != nil },
	words: func(ev *Evidence) []string {
		j := ev.Jargon
		s := fmt.Sprintf("jargon at most %s", num(j.Max))
		if j.Per > 0 {
			s += fmt.Sprintf(" per %d words", j.Per)
		}
		return []string{s}
	},
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
