package rule

import (
	"sort"
	"sync"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/aho"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

// maxInfo is how many supporting (info) findings each condition of an item
// keeps; a pass needs only a few examples of where the evidence is.
const maxInfo = 3

// maxErrors is how many error findings one condition reports before
// summing up the rest.
const maxErrors = 100

// check is one compiled condition of an item's evidence ("any", "none",
// ...), in two halves: collect does its work on the documents and keeps
// what it found in a Tally, of counts that add and lists of findings in
// the order of the documents; decide judges the condition on a Tally and
// says why. A Tally of one evaluation, or several merged (mergeTally) from
// evaluations of different documents, is judged the same way, so shards
// of a body of documents judge as the whole would.
type check interface {
	collect(ev *evidence) result.Tally
	decide(t result.Tally, w placer) (verdict, []result.Finding)
}

// placer makes a finding about the documents as a whole: it names the
// document when there is only one.
type placer interface {
	whole(rule, severity, msg string) result.Finding
}

// kind is the engine's half of a rule kind: how the evidence the
// checklist package read for it (checklist.Kinds, its YAML shape and
// validation) compiles into a check. compile returns nil when the
// evidence does not set the rule.
type kind struct {
	name    string
	compile func(c *compiler, e *checklist.Evidence) check
}

var kinds []kind

// register adds a rule kind; each kind's file calls it from init. The
// name must be a kind of the checklist package's registry that documents
// answer (TestKindsRegistered checks that every one has its compiler).
func register(k kind) {
	if ck, ok := checklist.LookupKind(k.name); !ok || !ck.Documents {
		panic("rule: " + k.name + " is not a documentary kind of the checklist registry")
	}
	kinds = append(kinds, k)
	sort.SliceStable(kinds, func(i, j int) bool { return kindOrder(kinds[i].name) < kindOrder(kinds[j].name) })
}

// kindOrder fixes the order in which an item's conditions report, so that
// findings come out the same whatever the init order: min just after the
// patterns it counts, the rest as the registry lists them.
func kindOrder(name string) int {
	for i, n := range []string{"any", "all", "min"} {
		if n == name {
			return i
		}
	}
	for i, k := range checklist.Kinds() {
		if k.Name == name {
			return 3 + i
		}
	}
	return 1 << 10
}

// Set is a checklist's evidence rules, compiled once and ready to run over
// any number of documents. A Set is safe for concurrent use.
type Set struct {
	items    []compiledItem
	patterns []*pattern
	byKey    map[patternKey]int
	scanner  *aho.Scanner
	// classes are the byte classes some anchor needs: each document's
	// runs of their bytes are found beside the scanner's literals.
	classes []byteClass
	// classMask has, for each byte, a bit per class that holds it.
	classMask [256]uint64
	// hitPool recycles the per-literal hit lists of evaluations; Sets
	// compiled together share it, with their patterns and scanner.
	hitPool *sync.Pool
	// plan is shared by the Sets compiled together (CompileGroups): an
	// Evidence read by one of them serves them all.
	plan *plan
	// needStats is set when some pattern's reach depends on a document's
	// longest line or run of whitespace.
	needStats bool
	// naive turns the prefilter off (tests compare the two).
	naive bool
}

type compiledItem struct {
	id       string
	question string // as messages quote it
	checks   []check
}

type patternKey struct {
	expr string
	opt  patternOptions
}

// compiler collects the patterns of the items being compiled and their
// errors.
type compiler struct {
	set  *Set
	errs diag.List
	opt  patternOptions
	item *checklist.Item // the item being compiled
}

// pattern compiles p (once per expression and options) and returns its
// index in the Set, or -1 after recording an error.
func (c *compiler) pattern(p checklist.Pattern) int {
	return c.patternWith(p, c.opt)
}

func (c *compiler) patternWith(p checklist.Pattern, opt patternOptions) int {
	i := c.compile(p, opt)
	if i >= 0 {
		c.set.patterns[i].scan = true
	}
	return i
}

// headingPattern compiles a pattern that only ever runs on the text of
// headings: its literals need not be scanned for in the whole text (unless
// another rule uses the same pattern).
func (c *compiler) headingPattern(p checklist.Pattern) int {
	return c.compile(p, c.opt)
}

func (c *compiler) compile(p checklist.Pattern, opt patternOptions) int {
	key := patternKey{p.Expr, opt}
	if i, ok := c.set.byKey[key]; ok {
		return i
	}
	cp, err := parsePattern(p, opt)
	if err != nil {
		c.errs.Add(err)
		return -1
	}
	c.set.patterns = append(c.set.patterns, cp)
	c.set.byKey[key] = len(c.set.patterns) - 1
	return len(c.set.patterns) - 1
}

// patterns compiles a list, leaving out the ones that failed.
func (c *compiler) patterns(ps []checklist.Pattern) []int {
	var out []int
	for _, p := range ps {
		if i := c.pattern(p); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// maxClasses is how many byte classes one pass over a document follows.
const maxClasses = 64

// plan identifies the Sets compiled together.
type plan struct{ _ byte }

// Compile compiles the evidence rules of the automated items among items.
// Items without evidence, or whose only evidence is a case log's (cases:),
// are skipped. Every bad pattern is reported, as a
// diag.List of errors at the pattern's position.
func Compile(items []*checklist.Item) (*Set, error) {
	sets, err := CompileGroups([][]*checklist.Item{items})
	if err != nil {
		return nil, err
	}
	return sets[0], nil
}

// CompileGroups compiles several lists of items (a checklist's each) into
// one plan: one Set per list, judging that list's items, all sharing one
// compiled copy of every pattern, one literal scanner and one pattern
// cache. An Evidence read by any of them (Read) serves all of them, so a
// document judged against many checklists is scanned once and each
// pattern run on it at most once, whatever their number.
func CompileGroups(groups [][]*checklist.Item) ([]*Set, error) {
	base := &Set{byKey: map[patternKey]int{}, plan: &plan{}}
	c := &compiler{set: base}
	itemsOf := make([][]compiledItem, len(groups))
	for g, items := range groups {
		for _, it := range items {
			if it == nil || it.Evidence == nil || !it.Evidence.Documentary() {
				continue
			}
			c.item = it
			c.opt = patternOptions{matchCase: it.Evidence.MatchCase, numberWords: it.Evidence.NumberWords}
			ci := compiledItem{id: it.FullID, question: question(it)}
			for _, k := range kinds {
				if ch := k.compile(c, it.Evidence); ch != nil {
					ci.checks = append(ci.checks, ch)
				}
			}
			itemsOf[g] = append(itemsOf[g], ci)
		}
	}
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	base.buildScanner()
	sets := make([]*Set, len(groups))
	for g := range groups {
		s := *base
		s.items = itemsOf[g]
		sets[g] = &s
	}
	return sets, nil
}

// Evidence is the work done on documents before any rule runs (one scan
// for every literal of a plan) and what the rules find in them (each
// pattern's matches, prose counts), kept for every Set of the plan that
// judges the same documents. It is for one goroutine at a time; Release
// it when done.
type Evidence struct{ ev *evidence }

// Read scans docs, taken together as one body of evidence, for every Set
// compiled with s.
func (s *Set) Read(docs ...*document.Document) *Evidence {
	return &Evidence{ev: s.newEvidence(docs)}
}

// Release hands the Evidence's buffers back for the next documents.
func (e *Evidence) Release() {
	if e != nil && e.ev != nil {
		e.ev.release()
		e.ev = nil
	}
}

// EvaluateEvidence is Evaluate (info) or EvaluateErrors (!info) over
// the documents e was read from, reusing what earlier evaluations of the
// same plan found there. An Evidence of another plan is read again.
func (s *Set) EvaluateEvidence(e *Evidence, info bool) map[string]Outcome {
	if e.ev.set.plan != s.plan || s.plan == nil {
		return s.evaluate(e.ev.docs, info)
	}
	return s.evaluateOn(e.ev, info)
}

// buildScanner gathers every pattern's literals into one automaton, and
// the byte classes they need into a list scanned for beside it. Scanner
// ids are the literals' first, then the classes'.
func (s *Set) buildScanner() {
	index := map[string]int32{}
	var lits []string
	var classes []byteClass
	lid := func(l string) int32 {
		i, ok := index[l]
		if !ok {
			i = int32(len(lits))
			index[l] = i
			lits = append(lits, l)
		}
		return i
	}
	type classRef struct{ p, a, g int }
	var refs []classRef
	for pi, p := range s.patterns {
		if !p.scan {
			p.pre.anchors = nil // never searched for in the text: see find
			continue
		}
		p.analyze()
		for ai := range p.pre.anchors {
			a := &p.pre.anchors[ai]
			a.ids, a.class = nil, nil
			for g, n := range append([]need{a.need}, a.also...) {
				if n.class != nil {
					ci := -1
					for j, c := range classes {
						if c == *n.class {
							ci = j
						}
					}
					if ci < 0 && len(classes) == maxClasses {
						// Past the classes one pass can follow, the
						// class's bytes all: a superset, found as runs.
						ci = maxClasses - 1
						for w := range classes[ci] {
							classes[ci][w] |= n.class[w]
						}
					}
					if ci < 0 {
						ci = len(classes)
						classes = append(classes, *n.class)
					}
					refs = append(refs, classRef{pi, ai, g})
					a.ids = append(a.ids, []int32{int32(ci)})
					a.class = append(a.class, true)
					continue
				}
				ids := make([]int32, len(n.lits))
				for i, l := range n.lits {
					ids[i] = lid(l)
				}
				a.ids = append(a.ids, ids)
				a.class = append(a.class, false)
			}
			s.needStats = s.needStats || a.before.add(a.after).variable()
		}
	}
	// Class ids follow the literals'.
	for _, r := range refs {
		s.patterns[r.p].pre.anchors[r.a].ids[r.g][0] += int32(len(lits))
	}
	s.scanner = aho.New(lits)
	s.classes = classes
	for i, c := range classes {
		for b := 0; b < 256; b++ {
			if c.has(byte(b)) {
				s.classMask[b] |= 1 << i
			}
		}
	}
	n := len(lits) + len(classes)
	s.hitPool = &sync.Pool{New: func() any { return make([][]hit, n) }}
}

// Evaluate runs the rules over docs, taken together as one body of
// evidence, and returns each automated item's outcome by full id.
func (s *Set) Evaluate(docs ...*document.Document) map[string]Outcome {
	return s.evaluate(docs, true)
}

// EvaluateTallied is Evaluate, with each Outcome's Tally set: what the
// documents showed each condition, which Merge combines with the tallies
// of other documents.
func (s *Set) EvaluateTallied(docs ...*document.Document) map[string]Outcome {
	ev := s.newEvidence(docs)
	defer ev.release()
	ev.tally = true
	return s.evaluateOn(ev, true)
}

// EvaluateErrors is Evaluate without the supporting (info) findings of
// the rules that pass: every item has the same Passed and the same error
// findings, for less work (no snippet or place is worked out for what
// supports a pass). It suits output that shows only problems.
func (s *Set) EvaluateErrors(docs ...*document.Document) map[string]Outcome {
	return s.evaluate(docs, false)
}

func (s *Set) evaluate(docs []*document.Document, info bool) map[string]Outcome {
	ev := s.newEvidence(docs)
	defer ev.release()
	return s.evaluateOn(ev, info)
}

func (s *Set) evaluateOn(ev *evidence, info bool) map[string]Outcome {
	ev.noInfo = !info
	out := make(map[string]Outcome, len(s.items))
	for _, it := range s.items {
		var j judgement
		var tallies []result.Tally
		if ev.tally {
			tallies = make([]result.Tally, len(it.checks))
		}
		for i, ch := range it.checks {
			t := ch.collect(ev)
			v, fs := ch.decide(t, ev)
			j.add(it.question, v, fs, info)
			if tallies != nil {
				tallies[i] = settled(t)
			}
		}
		o := j.outcome()
		o.Tally = tallies
		out[it.id] = o
	}
	return out
}

// judgement gathers the verdicts of an item's conditions into its
// Outcome.
type judgement struct {
	findings        []result.Finding
	asked           bool // a message has quoted the item's question
	failed, partial bool
}

// add takes in one condition's verdict and findings, keeping at most
// maxInfo supporting findings of it (none without info) and quoting the
// item's question q in one message only.
func (j *judgement) add(q string, v verdict, fs []result.Finding, info bool) {
	j.failed = j.failed || v == verdictFail
	j.partial = j.partial || v == verdictPartial
	infos := 0
	for _, f := range fs {
		if f.Severity == severityInfo {
			if infos >= maxInfo || !info {
				continue
			}
			infos++
		}
		if reason, ok := explained(q, f.Message); ok {
			if j.asked {
				// Once per item is enough.
				f.Message = "no evidence found: " + reason
			}
			j.asked = true
		}
		j.findings = append(j.findings, f)
	}
}

func (j *judgement) outcome() Outcome {
	o := Outcome{Findings: j.findings}
	if o.Findings == nil {
		o.Findings = []result.Finding{}
	}
	o.Passed = !j.failed && !j.partial
	o.Partial = !j.failed && j.partial
	return o
}

// Items lists the full ids of the items the Set judges, in order.
func (s *Set) Items() []string {
	ids := make([]string, len(s.items))
	for i, it := range s.items {
		ids[i] = it.id
	}
	return ids
}

// Expressions lists, as RE2 syntax, the rewritten expression of every
// pattern the Set searches the whole text for (heading-only patterns
// aside), in the order compiled: what another regular-expression tool
// would have to run to do the same search (the benchmark gives them to
// ripgrep). Case folding is written into each one, as (?i:…).
func (s *Set) Expressions() []string {
	var out []string
	for _, p := range s.patterns {
		if p.scan {
			out = append(out, p.source())
		}
	}
	return out
}
