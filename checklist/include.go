package checklist

import (
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// includes reads the include list. An entry is a built-in id or a relative
// path, or a mapping that also tailors what it includes.
func (d *decoder) includes(f field) []rawInclude {
	var out []rawInclude
	for _, n := range d.list(f, false) {
		in := rawInclude{Include: Include{Pos: d.pos(n)}, refPos: d.pos(n)}
		if n.Kind == yaml.ScalarNode && !isNull(n) {
			if strings.TrimSpace(n.Value) == "" {
				d.errorf(n, "include is empty: name a built-in id or a path")
				continue
			}
			in.Checklist = n.Value
			out = append(out, in)
			continue
		}
		fs := d.mapping(n, "include", includeKeys)
		if fs == nil {
			continue
		}
		cf, ok := fs["checklist"]
		if !ok {
			d.errorf(n, "include has no checklist").WithHint("name a built-in id or a path: checklist: keeps-promises")
			continue
		}
		if in.Checklist, ok = d.text(cf); !ok {
			continue
		}
		in.refPos = d.pos(cf.value)
		if tf, ok := fs["title"]; ok {
			in.Title, _ = d.text(tf)
		}
		if wf, ok := fs["weight"]; ok {
			if in.Weight = d.weight(wf, "include"); in.Weight == 0 {
				in.Weight = 1 // reported; don't also report it as missing
			}
		}
		if sf, ok := fs["select"]; ok {
			in.Select, in.selectPos = d.strings(sf, true)
			if len(in.Select) == 0 && sf.value.Kind == yaml.SequenceNode {
				d.errorf(sf.value, "select is empty: it would leave no items").WithHint("leave select out to keep every item")
			}
		}
		if sf, ok := fs["deselect"]; ok {
			in.Deselect, in.deselectPos = d.strings(sf, true)
		}
		if rf, ok := fs["reweight"]; ok {
			in.Reweight, in.reweightPos = d.reweight(rf)
		}
		out = append(out, in)
	}
	return out
}

func (d *decoder) reweight(f field) (map[string]float64, map[string]diag.Pos) {
	n := f.value
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "reweight must be a mapping of item id to weight, not %s", kindName(n))
		return nil, nil
	}
	ws := map[string]float64{}
	poss := map[string]diag.Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.value(n.Content[i]), d.value(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "reweight keys must be item ids, not %s", kindName(k))
			continue
		}
		if _, dup := ws[k.Value]; dup {
			d.errorf(k, "item %q is reweighted twice", k.Value)
			continue
		}
		if w := d.weight(field{key: k, value: v}, "item"); w > 0 {
			ws[k.Value] = w
			poss[k.Value] = d.pos(k)
		}
	}
	return ws, poss
}
