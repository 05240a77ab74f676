package config

import (
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Cases is the `cases:` section: how to read a complaints case log.
//
//	cases:
//	  columns: {received: "Date logged", reference: "Case ID"}
//	  holidays: scotland
//	  homes: 12500
type Cases struct {
	// Columns maps a field of the log (reference, stage, received,
	// acknowledged, responded, extension days, category, handler) to the
	// log's own name for its column.
	Columns  map[string]string
	Holidays string
	Homes    int
}

var casesConfigKeys = []string{"columns", "holidays", "homes"}

func parseCases(v *yaml.Node, pos func(*yaml.Node) diag.Pos, errs *diag.List) *Cases {
	if v.Kind != yaml.MappingNode {
		errs.Addf(pos(v), "cases must be a mapping, e.g. cases: {columns: {received: \"Date logged\"}}")
		return nil
	}
	c := &Cases{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "columns":
			if val.Kind != yaml.MappingNode {
				errs.Addf(pos(val), "cases columns must map fields to column names, e.g. {received: \"Date logged\"}")
				continue
			}
			c.Columns = map[string]string{}
			for j := 0; j+1 < len(val.Content); j += 2 {
				fk, fv := val.Content[j], val.Content[j+1]
				if fv.Kind != yaml.ScalarNode || strings.TrimSpace(fv.Value) == "" {
					errs.Addf(pos(fv), "cases column for %q must be a column name", fk.Value)
					continue
				}
				c.Columns[fk.Value] = fv.Value
			}
		case "holidays":
			if val.Kind != yaml.ScalarNode {
				errs.Addf(pos(val), "cases holidays must be england-and-wales, scotland or northern-ireland")
				continue
			}
			switch val.Value {
			case "england-and-wales", "scotland", "northern-ireland":
				c.Holidays = val.Value
			default:
				errs.Addf(pos(val), "cases holidays must be england-and-wales, scotland or northern-ireland, not %q", val.Value)
			}
		case "homes":
			var n int
			if val.Kind != yaml.ScalarNode || val.Tag != "!!int" || val.Decode(&n) != nil || n < 1 {
				errs.Addf(pos(val), "cases homes must be a whole number of homes, not %q", short(val))
				continue
			}
			c.Homes = n
		default:
			e := errs.Addf(pos(k), "unknown key %q in cases", k.Value)
			if s := diag.Suggest(k.Value, casesConfigKeys); s != "" {
				e.WithHint("did you mean %q?", s)
			}
		}
	}
	return c
}
