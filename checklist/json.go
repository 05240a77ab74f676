package checklist

import "encoding/json"

// The JSON form of a checklist uses the YAML format's key names, with each
// item's full id and the checklist it was written in added, so that tools
// reading `svcaudit show --format json` need no second vocabulary.
type (
	jsonChecklist struct {
		ID          string        `json:"id"`
		Title       string        `json:"title"`
		Version     string        `json:"version,omitempty"`
		Description string        `json:"description,omitempty"`
		Source      string        `json:"source,omitempty"`
		Scale       []jsonChoice  `json:"scale"`
		Grades      []jsonBand    `json:"grades"`
		Gates       []jsonGate    `json:"gates,omitempty"`
		Sections    []jsonSection `json:"sections"`
		Include     []jsonInclude `json:"include,omitempty"`
	}
	jsonChoice struct {
		Value string   `json:"value"`
		Label string   `json:"label"`
		Score *float64 `json:"score,omitempty"`
		NA    bool     `json:"na,omitempty"`
	}
	jsonBand struct {
		Label string  `json:"label"`
		Min   float64 `json:"min"`
		RAG   RAG     `json:"rag"`
	}
	jsonGate struct {
		Kind     GateKind `json:"kind"`
		Min      *float64 `json:"min,omitempty"`
		Max      *int     `json:"max,omitempty"`
		Sections []string `json:"sections,omitempty"`
	}
	jsonSection struct {
		ID     string     `json:"id"`
		Title  string     `json:"title"`
		Weight float64    `json:"weight,omitempty"`
		Items  []jsonItem `json:"items"`
	}
	jsonItem struct {
		ID        string        `json:"id"`
		FullID    string        `json:"fullId"`
		Ref       string        `json:"ref,omitempty"`
		Checklist string        `json:"checklist"`
		Question  string        `json:"question"`
		Guidance  string        `json:"guidance,omitempty"`
		Weight    float64       `json:"weight"`
		Critical  bool          `json:"critical"`
		Source    string        `json:"source,omitempty"`
		Automated bool          `json:"automated"`
		Evidence  *jsonEvidence `json:"evidence,omitempty"`
		When      *jsonWhen     `json:"when,omitempty"`
	}
	jsonEvidence struct {
		Any         []string       `json:"any,omitempty"`
		All         []string       `json:"all,omitempty"`
		None        []string       `json:"none,omitempty"`
		Near        *jsonNear      `json:"near,omitempty"`
		Min         int            `json:"min,omitempty"`
		Heading     string         `json:"heading,omitempty"`
		Readability *jsonMin       `json:"readability,omitempty"`
		Jargon      *jsonJargon    `json:"jargon,omitempty"`
		Sentence    []jsonSentence `json:"sentence,omitempty"`
		Timescale   *jsonTime      `json:"timescale,omitempty"`
		Numbers     string         `json:"numbers,omitempty"`
		Case        string         `json:"case,omitempty"`
		Cases       *jsonCases     `json:"cases,omitempty"`
	}
	jsonCases struct {
		Stage     int     `json:"stage"`
		Interval  string  `json:"interval"`
		Limit     int     `json:"limit"`
		Extension any     `json:"extension,omitempty"`
		Only      string  `json:"only,omitempty"`
		Min       float64 `json:"min"`
	}
	jsonNear struct {
		A      string `json:"a"`
		B      string `json:"b"`
		Within int    `json:"within"`
		Stage  int    `json:"stage,omitempty"`
	}
	jsonSentence struct {
		All     []string `json:"all,omitempty"`
		Any     []string `json:"any,omitempty"`
		None    []string `json:"none,omitempty"`
		Own     []string `json:"own,omitempty"`
		Who     string   `json:"who,omitempty"`
		Commit  bool     `json:"commit,omitempty"`
		Hedge   string   `json:"hedge,omitempty"`
		Negated bool     `json:"negated,omitempty"`
		Missing string   `json:"missing,omitempty"`
		Forbid  bool     `json:"forbid,omitempty"`
		Rows    bool     `json:"rows,omitempty"`
		Heading bool     `json:"heading,omitempty"`
		Follow  bool     `json:"follow,omitempty"`
		Context int      `json:"context,omitempty"`
		What    string   `json:"what,omitempty"`
		Example string   `json:"example,omitempty"`
	}
	jsonMin struct {
		Min float64 `json:"min"`
	}
	jsonJargon struct {
		Max   float64  `json:"max"`
		Per   int      `json:"per,omitempty"`
		Words []string `json:"words"`
	}
	jsonTime struct {
		What  string `json:"what"`
		Event string `json:"event"`
		Stage int    `json:"stage,omitempty"`
		Max   string `json:"max"`
		Total string `json:"total,omitempty"`
		From  string `json:"from,omitempty"`
		Later string `json:"later,omitempty"`
		Skip  string `json:"skip,omitempty"`
	}
	jsonWhen struct {
		Item   string   `json:"item"`
		Answer []string `json:"answer"`
	}
	jsonInclude struct {
		Checklist string             `json:"checklist"`
		Title     string             `json:"title,omitempty"`
		Weight    float64            `json:"weight,omitempty"`
		Select    []string           `json:"select,omitempty"`
		Deselect  []string           `json:"deselect,omitempty"`
		Reweight  map[string]float64 `json:"reweight,omitempty"`
	}
)

// MarshalJSON writes the checklist as loaded (includes resolved into
// sections) in the key names of the YAML format.
func (c *Checklist) MarshalJSON() ([]byte, error) {
	j := jsonChecklist{ID: c.ID, Title: c.Title, Version: c.Version, Description: c.Description, Source: c.Source,
		Scale: []jsonChoice{}, Grades: []jsonBand{}, Sections: []jsonSection{}}
	for _, ch := range c.Scale.Choices {
		jc := jsonChoice{Value: ch.Value, Label: ch.Label, NA: ch.NA}
		if !ch.NA {
			s := ch.Score
			jc.Score = &s
		}
		j.Scale = append(j.Scale, jc)
	}
	for _, b := range c.Grades {
		j.Grades = append(j.Grades, jsonBand{Label: b.Label, Min: b.Min, RAG: b.RAG})
	}
	for _, g := range c.Gates {
		jg := jsonGate{Kind: g.Kind, Sections: g.Sections}
		switch g.Kind {
		case SectionMin, OverallMin:
			m := g.Min
			jg.Min = &m
		case MaxPartials:
			m := g.Max
			jg.Max = &m
		}
		j.Gates = append(j.Gates, jg)
	}
	for _, s := range c.Sections {
		js := jsonSection{ID: s.ID, Title: s.Title, Weight: s.Weight, Items: []jsonItem{}}
		for _, it := range s.Items {
			js.Items = append(js.Items, itemJSON(it))
		}
		j.Sections = append(j.Sections, js)
	}
	for _, in := range c.Includes {
		j.Include = append(j.Include, jsonInclude{Checklist: in.Checklist, Title: in.Title, Weight: in.Weight,
			Select: in.Select, Deselect: in.Deselect, Reweight: in.Reweight})
	}
	return json.Marshal(j)
}

func itemJSON(it *Item) jsonItem {
	ji := jsonItem{ID: it.ID, FullID: it.FullID, Ref: it.Ref, Checklist: it.Checklist, Question: it.Question, Guidance: it.Guidance,
		Weight: it.Weight, Critical: it.Critical, Source: it.Source, Automated: it.Automated()}
	if w := it.When; w != nil {
		ji.When = &jsonWhen{Item: w.Item, Answer: w.Answers}
	}
	ev := it.Evidence
	if ev == nil {
		return ji
	}
	je := &jsonEvidence{Any: exprs(ev.Any), All: exprs(ev.All), None: exprs(ev.None), Min: ev.Min}
	if ev.Readability != nil {
		je.Readability = &jsonMin{Min: ev.Readability.Min}
	}
	if ev.Near != nil {
		je.Near = &jsonNear{A: ev.Near.A.Expr, B: ev.Near.B.Expr, Within: ev.Near.Within, Stage: ev.Near.Stage}
	}
	if ev.Heading != nil {
		je.Heading = ev.Heading.Expr
	}
	if ev.Jargon != nil {
		je.Jargon = &jsonJargon{Max: ev.Jargon.Max, Per: ev.Jargon.Per, Words: ev.Jargon.Words}
	}
	for _, r := range ev.Sentences {
		je.Sentence = append(je.Sentence, jsonSentence{All: exprs(r.All), Any: exprs(r.Any), None: exprs(r.None), Own: exprs(r.Own),
			Who: r.Who, Commit: r.Commit, Hedge: r.Hedge, Negated: r.Negated, Missing: r.Missing, Forbid: r.Forbid, Rows: r.Rows, Heading: r.Heading, Follow: r.Follow, Context: r.Context,
			What: r.What, Example: r.Example})
	}
	if t := ev.Timescale; t != nil {
		jt := &jsonTime{What: t.What, Event: t.Event.Expr, Stage: t.Stage, Max: t.Max.String()}
		if t.Total != nil {
			jt.Total = t.Total.String()
		}
		for _, p := range []struct {
			dst *string
			src *Pattern
		}{{&jt.From, t.From}, {&jt.Later, t.Later}, {&jt.Skip, t.Skip}} {
			if p.src != nil {
				*p.dst = p.src.Expr
			}
		}
		je.Timescale = jt
	}
	if ev.NumberWords {
		je.Numbers = "words"
	}
	if ev.MatchCase {
		je.Case = "sensitive"
	}
	if c := ev.Cases; c != nil {
		jc := &jsonCases{Stage: c.Stage, Interval: c.From + "-" + c.To, Limit: c.Limit, Min: c.Min}
		switch {
		case c.ExtensionMax > 0:
			jc.Extension = c.ExtensionMax
		case c.Extension:
			jc.Extension = true
		}
		if c.OnlyExtended {
			jc.Only = "extended"
		}
		je.Cases = jc
	}
	ji.Evidence = je
	return ji
}

func exprs(ps []Pattern) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Expr)
	}
	return out
}
