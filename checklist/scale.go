package checklist

import (
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/svcaudit/svcaudit/internal/diag"
)

func (d *decoder) scale(f field) Scale {
	var s Scale
	seen := map[string]*yaml.Node{}
	badOutcome := false
	for _, n := range d.list(f, false) {
		fs := d.mapping(n, "scale choice", choiceKeys)
		if fs == nil {
			continue
		}
		c := Choice{Pos: d.pos(n)}
		vf, ok := fs["value"]
		if !ok {
			d.errorf(n, "scale choice has no value")
			continue
		}
		if c.Value, ok = d.text(vf); !ok {
			continue
		}
		if prev, dup := seen[c.Value]; dup {
			d.errorf(vf.value, "duplicate scale value %q (first at line %d)", c.Value, prev.Line)
			continue
		}
		seen[c.Value] = vf.value
		c.Label = c.Value
		if lf, ok := fs["label"]; ok {
			c.Label, _ = d.text(lf)
		}
		if nf, ok := fs["na"]; ok {
			c.NA, _ = d.boolean(nf)
		}
		if sf, ok := fs["score"]; ok {
			if c.NA {
				d.errorf(sf.key, "a not-applicable choice takes no score: it leaves the item out of the score")
			} else if v, ok := d.number(sf); ok {
				if v < 0 || v > 1 {
					d.errorf(sf.value, "score must be between 0 and 1 (a fraction of the item's weight), not %s", sf.value.Value).
						WithHint("a 0–4 maturity scale scores 0, 0.25, 0.5, 0.75 and 1")
				}
				c.Score = v
			}
		} else if !c.NA {
			d.errorf(n, "scale choice %q has no score", c.Value).WithHint("give score: 0 to 1, or na: true")
		}
		if of, ok := fs["outcome"]; ok {
			if o, ok := d.text(of); ok {
				switch Level(o) {
				case LevelPass, LevelPartial, LevelFail:
					if c.NA {
						d.errorf(of.key, "a not-applicable choice takes no outcome: it leaves the item out of the score")
					} else {
						c.Outcome = Level(o)
					}
				default:
					badOutcome = true
					e := d.errorf(of.value, "outcome must be pass, partial or fail, not %q", o)
					if best := diag.Suggest(o, []string{"pass", "partial", "fail"}); best != "" {
						e.WithHint("did you mean %q?", best)
					}
				}
			}
		}
		s.Choices = append(s.Choices, c)
	}
	scored, passing := 0, 0
	for _, c := range s.Choices {
		if !c.NA {
			scored++
		}
		if c.Level() == LevelPass {
			passing++
		}
	}
	rank := map[Level]int{LevelFail: 0, LevelPartial: 1, LevelPass: 2}
	for i, a := range s.Choices {
		for _, b := range s.Choices[:i] {
			if a.NA || b.NA || badOutcome {
				continue
			}
			if (a.Score > b.Score && rank[a.Level()] < rank[b.Level()]) || (a.Score < b.Score && rank[a.Level()] > rank[b.Level()]) {
				d.errs.Addf(a.Pos, "scale choice %q scores %s with outcome %s, but %q scores %s with outcome %s: a higher score cannot mean a worse outcome",
					a.Value, fmtNum(a.Score), a.Level(), b.Value, fmtNum(b.Score), b.Level())
			}
		}
	}
	if scored < 2 && f.value.Kind == yaml.SequenceNode {
		d.errorf(f.value, "a scale needs at least two scored choices")
	} else if passing == 0 && !badOutcome && f.value.Kind == yaml.SequenceNode {
		d.errorf(f.value, "no answer on this scale meets an item: give the top choice score: 1 or outcome: pass")
	}
	return s
}

func (d *decoder) grades(f field) []Band {
	var bands []Band
	mins := map[float64]*yaml.Node{}
	labels := map[string]*yaml.Node{}
	for _, n := range d.list(f, false) {
		fs := d.mapping(n, "grade band", bandKeys)
		if fs == nil {
			continue
		}
		b := Band{Pos: d.pos(n)}
		if lf, ok := fs["label"]; ok {
			if b.Label, ok = d.text(lf); ok {
				if prev, dup := labels[b.Label]; dup {
					d.errorf(lf.value, "duplicate grade label %q (first at line %d)", b.Label, prev.Line)
				}
				labels[b.Label] = lf.value
			}
		} else {
			d.errorf(n, "grade band has no label")
		}
		if mf, ok := fs["min"]; ok {
			if v, ok := d.number(mf); ok {
				switch prev, dup := mins[v]; {
				case v < 0 || v > 100:
					d.errorf(mf.value, "min must be a percentage from 0 to 100, not %s", mf.value.Value)
				case dup:
					d.errorf(mf.value, "grade bands overlap: two start at %s (first at line %d)", fmtNum(v), prev.Line)
				default:
					mins[v] = mf.value
				}
				b.Min = v
			}
		} else {
			d.errorf(n, "grade band has no min").WithHint("min is the lowest percentage the band covers")
		}
		if rf, ok := fs["rag"]; ok {
			if r, ok := d.text(rf); ok {
				switch RAG(r) {
				case Red, Amber, Green:
					b.RAG = RAG(r)
				default:
					e := d.errorf(rf.value, "rag must be red, amber or green, not %q", r)
					if s := suggestRAG(r); s != "" {
						e.WithHint("did you mean %q?", s)
					}
				}
			}
		} else {
			d.errorf(n, "grade band has no rag").WithHint("give rag: red, amber or green")
		}
		bands = append(bands, b)
	}
	if f.value.Kind != yaml.SequenceNode {
		return DefaultGrades()
	}
	if len(bands) == 0 {
		d.errorf(f.value, "grades is empty").WithHint("leave grades out for the default bands")
		return DefaultGrades()
	}
	sort.SliceStable(bands, func(i, j int) bool { return bands[i].Min > bands[j].Min })
	if _, ok := mins[0]; !ok && len(mins) > 0 {
		d.errorf(f.value, "grade bands leave a gap: no band starts at 0, so scores below %s have no grade", fmtNum(bands[len(bands)-1].Min)).
			WithHint("give the lowest band min: 0")
	}
	return bands
}

func suggestRAG(s string) string {
	switch s {
	case "r", "R", "Red", "RED":
		return "red"
	case "a", "A", "Amber", "AMBER", "yellow", "orange":
		return "amber"
	case "g", "G", "Green", "GREEN":
		return "green"
	}
	return ""
}

func fmtNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
