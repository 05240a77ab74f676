package checklist

import (
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
)

// finish checks what spans the whole checklist once its sections are
// complete: unique section and item ids, follow-up conditions, gate
// sections and section weights. With lenient set (a file parsed without
// its includes), references that an include might satisfy are not
// reported. Every check is linear in the number of items.
func finish(cl *Checklist, gateSections [][]diag.Pos, lenient bool, errs *diag.List) {
	sections := make(map[string]*Section, len(cl.Sections))
	dupSection := make(map[*Section]bool)
	weighted := 0
	for _, s := range cl.Sections {
		if s.Weight > 0 {
			weighted++
		}
		if s.ID == "" {
			continue
		}
		if prev, dup := sections[s.ID]; dup {
			errs.Addf(s.Pos, "duplicate section id %q (first at %s)", s.ID, where(prev.Pos, s.Pos)).
				WithHint("section ids must be unique; an included checklist's section id is its checklist id")
			dupSection[s] = true
			continue
		}
		sections[s.ID] = s
	}
	if weighted > 0 && weighted < len(cl.Sections) {
		for _, s := range cl.Sections {
			if s.Weight == 0 {
				e := errs.Addf(s.Pos, "section %q has no weight, but other sections have: weight every section or none", s.ID)
				if s.ID == cl.ID {
					e.WithHint("the top-level items form a section that takes no weight: move them into a section under sections:")
				}
			}
		}
	}

	// Items by full id, and by short id where the short id is unique.
	full := make(map[string]*Item)
	short := make(map[string]*Item)
	ambiguous := make(map[string]bool)
	owner := make(map[*Item]*Section)
	for _, s := range cl.Sections {
		for _, it := range s.Items {
			if it.ID == "" {
				continue
			}
			owner[it] = s
			if prev, dup := full[it.FullID]; dup {
				if dupSection[s] && it.Checklist != cl.ID {
					continue // the duplicate section says it
				}
				if it.Checklist != cl.ID || prev.Checklist != cl.ID {
					errs.Addf(s.Pos, "item %s is included twice (first in section %q)", it.FullID, owner[prev].ID).
						WithHint("include each checklist once, or select different items")
				} else {
					errs.Addf(it.Pos, "duplicate item id %q (first at %s)", it.ID, where(prev.Pos, it.Pos))
				}
				continue
			}
			full[it.FullID] = it
			if _, seen := short[it.ID]; seen {
				ambiguous[it.ID] = true
			} else {
				short[it.ID] = it
			}
		}
	}

	// Refs are unique within the checklist each item was written in.
	refs := make(map[string]*Item)
	for _, s := range cl.Sections {
		for _, it := range s.Items {
			if it.Ref == "" {
				continue
			}
			key := it.Checklist + "/" + it.Ref
			if prev, dup := refs[key]; dup {
				if prev != it && (it.Checklist == cl.ID || prev.Checklist == cl.ID) {
					errs.Addf(it.RefPos, "duplicate ref %q: item %q has it too (at %s)", it.Ref, prev.ID, where(prev.RefPos, it.RefPos)).
						WithHint("a ref names one requirement: give each item its own")
				}
				continue
			}
			refs[key] = it
		}
	}

	// Follow-up conditions: resolve to the full id of the item they follow.
	for _, s := range cl.Sections {
		for _, it := range s.Items {
			c := it.When
			if c == nil || c.Item == "" {
				continue
			}
			target := full[c.Item]
			if target == nil && !strings.Contains(c.Item, "/") {
				target = full[it.Checklist+"/"+c.Item]
				if target == nil && !ambiguous[c.Item] {
					target = short[c.Item]
				}
			}
			switch {
			case target == nil && ambiguous[c.Item]:
				errs.Addf(c.Pos, "follow-up names item %q, which more than one included checklist has", c.Item).
					WithHint("use its full id, such as %q", short[c.Item].FullID)
			case target == nil:
				if lenient || it.Checklist != cl.ID {
					// An included item's condition was checked when its
					// checklist loaded; tailoring reports what it leaves out.
					continue
				}
				e := errs.Addf(c.Pos, "follow-up names unknown item %q", c.Item)
				if sug := diag.Suggest(c.Item, keys(short)); sug != "" {
					e.WithHint("did you mean %q?", sug)
				}
			case target == it:
				errs.Addf(c.Pos, "item %q cannot follow up itself", it.ID)
			default:
				c.Item = target.FullID
			}
		}
	}
	// Cycles: each item follows at most one other, so walking the chain
	// from each item, colouring as we go, finds every cycle once.
	const (
		unseen = iota
		walking
		done
	)
	state := make(map[*Item]int, len(full))
	for _, s := range cl.Sections {
		for _, it := range s.Items {
			var chain []*Item
			cur := it
			for cur != nil && state[cur] == unseen {
				state[cur] = walking
				chain = append(chain, cur)
				if cur.When == nil {
					break
				}
				cur = full[cur.When.Item]
			}
			if cur != nil && state[cur] == walking && cur.When != nil {
				// cur is on this walk's chain: report the cycle from cur.
				var ids []string
				start := 0
				for i, c := range chain {
					if c == cur {
						start = i
					}
				}
				for _, c := range chain[start:] {
					ids = append(ids, c.ID)
				}
				ids = append(ids, cur.ID)
				errs.Addf(cur.When.Pos, "follow-ups form a cycle: %s", strings.Join(ids, " → ")).
					WithHint("a follow-up must lead back to a question that is always asked")
			}
			for _, c := range chain {
				state[c] = done
			}
		}
	}

	// Gates name sections that exist.
	for i, g := range cl.Gates {
		for j, id := range g.Sections {
			if _, ok := sections[id]; ok || lenient {
				continue
			}
			pos := g.Pos
			if i < len(gateSections) && j < len(gateSections[i]) {
				pos = gateSections[i][j]
			}
			e := errs.Addf(pos, "gate names unknown section %q", id)
			if sug := diag.Suggest(id, keys(sections)); sug != "" {
				e.WithHint("did you mean %q?", sug)
			}
		}
	}
}

// where describes prev for a message about cur: "line 4" in the same file,
// the full position otherwise.
func where(prev, cur diag.Pos) string {
	if prev.File == cur.File {
		return "line " + itoa(prev.Line)
	}
	return prev.String()
}

func itoa(n int) string { return fmtNum(float64(n)) }

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
