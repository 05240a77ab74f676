package rule

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/stance"
	"github.com/svcaudit/svcaudit/result"
)

// timescaleRule holds when every figure the documents give for an event
// (a number and a unit: "within 10 working days", "five days", "two
// weeks") is within a limit, and there is at least one:
//
//	timescale:
//	  what: stage 1 response
//	  event: 'respon\w*|repl(?:y|ies)'
//	  stage: 1
//	  max: 10 working days
//	  from: 'acknowledg\w*|receiv\w*'
//	  later: 'allocat\w*'
//	  skip: 'extend\w*|further'
//
// How a figure is read, one sentence at a time (document.Sentence):
//
//   - it is the organisation's: a figure in a clause where the reader acts
//     or is set a deadline ("you must complain within 12 months") is not;
//   - it is about the event when the event's words come before it in the
//     sentence (after any earlier figure: "acknowledge within 5 days and
//     respond within 10"), or after it when nothing else does ("Within 10
//     working days we will respond"); a figure with no event of its own
//     ("…; at stage 2 within 20") takes the one before it;
//   - its stage is the stage the sentence names nearest the figure, else
//     the nearest heading above that names one (or an ancestor heading),
//     else the last mention in the text just before; a figure with no
//     stage counts as stage 1;
//   - skip drops a figure whose sentence text up to it (or right after it)
//     is about something else, such as an extension;
//   - its starting point ("of receipt", "from acknowledgement") fails
//     when later matches it; one that from (the starting points as early
//     as the limit's) does not match is judged on the figure alone, and
//     the finding asks for its starting point to be checked;
//   - figures convert to working days: a day is 5/7 of one (calendar days
//     run faster), a week 5, a month 21 (a month is always more than 20
//     working days), an hour 1/24 of a day;
//   - with total set, a figure written as a whole ("extend to 20 working
//     days", "20 working days for complex cases") is held to total and one
//     written as an addition ("by up to a further 10") to max.
type timescaleRule struct {
	what                    string
	event, from, later, skp *regexp.Regexp
	stage                   int
	max                     checklist.Duration
	total                   *checklist.Duration
}

func init() {
	register(kind{name: "timescale", compile: func(c *compiler, e *checklist.Evidence) check {
		t := e.Timescale
		if t == nil || t.Event.Expr == "" || t.Max.N == 0 {
			return nil
		}
		re := func(p *checklist.Pattern) *regexp.Regexp {
			if p == nil || p.Expr == "" {
				return nil
			}
			expr := p.Expr
			if !e.MatchCase {
				expr = "(?i)" + expr
			}
			r, err := regexp.Compile(expr)
			if err != nil {
				c.errs.Addf(p.Pos, "bad regular expression `%s`: %v", p.Expr, err)
				return nil
			}
			return r
		}
		r := &timescaleRule{what: t.What, event: re(&t.Event), from: re(t.From), later: re(t.Later), skp: re(t.Skip),
			stage: t.Stage, max: t.Max, total: t.Total}
		if r.event == nil {
			return nil
		}
		return r
	}})
}

// figure is a duration written in a document: Text[start:end], with what
// every timescale rule reads around it, worked out once.
type figure struct {
	start, end int
	d          checklist.Duration
	// si is its sentence's index (-1: none); a and b are its offsets in
	// the sentence's text, and before and after the sentence's text from
	// the figure before (or the sentence's start) and to the figure after
	// (or the sentence's end).
	si            int
	a, b          int
	before, after string
	// eventBefore says some event's words come before it; tail is what
	// follows it up to the next event; start its starting point.
	eventBefore bool
	tail, from  string
	// rest is after without the starting point.
	rest string
	// reader and stage are read the first time a rule asks (read).
	read   bool
	reader bool
	stage  int
}

// workingDays is d in working days.
func workingDays(d checklist.Duration) float64 {
	switch d.Unit {
	case "days":
		return d.N * 5 / 7
	case "weeks":
		return d.N * 5
	case "months":
		return d.N * 21
	case "hours":
		return d.N * 5 / 7 / 24
	}
	return d.N
}

var (
	numberWord = `\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty(?:[- ]five)?|fifty|sixty|ninety`
	// reFigure is a number and a unit: "10 working days", "ten (10)
	// working days", "a further 5 days", "two weeks", "48 hours",
	// "10-day".
	reFigure = regexp.MustCompile(`(?i)\b(` + numberWord + `)(?:\s*\([^)\n]{1,12}\))?[\s-]+(?:(?:full|clear|further|additional|more|extra|consecutive)[\s-]+)?(?:(working|business|calendar|school)[\s-]+)?(days?|weeks?|months?|hours?)\b`)
	// reEvent is any event a figure may be about: one of these words
	// before a figure keeps it from looking past it for its event.
	reEvent  = regexp.MustCompile(`(?i)acknowledg\w*|respon[ds]\w*|\brepl(?:y|ies|ied)\b|\banswer\w*|resolv\w*|escalat\w*|extend\w*|extension|\bdecision\b|\boutcome\b|\bcontact\w*|\bcall(?:ed|ing)?\s+(?:you\s+)?back|\blog(?:ged|ging)?\b|investigat\w*|\bupdat\w*|\bvisit\w*|\battend\w*|\brepair\w*|\bappeal\w*|\breview\w*|complex\w*|\bcomplet\w*`)
	reStage1 = regexp.MustCompile(`(?i)\bstage\s*(?:1|one)\b|\bfirst\s+stage\b`)
	reStage2 = regexp.MustCompile(`(?i)\bstage\s*(?:2|two)\b|\bsecond\s+stage\b|\bfinal\s+stage\b|escalat\w*|\bappeals?\b`)
	// reStage3 is a stage past the code's two (a panel's or a board's
	// review): a figure about it is neither stage's.
	reStage3 = regexp.MustCompile(`(?i)\bstage\s*(?:3|three)\b|\bthird\s+stage\b`)
	// reStageAny is a sentence about every stage ("whatever the stage",
	// "at either stage"): what it says holds for each.
	reStageAny = regexp.MustCompile(`(?i)\b(?:whatever|whichever)\s+(?:the\s+)?stage\b|\b(?:at|in|for|during)\s+(?:either|any|each|every|both)\s+(?:of\s+the\s+(?:two\s+)?)?stages?\b|\b(?:both|all)\s+stages\b`)
	// reStageAfter is what comes before a stage whose end starts the next
	// ("if you remain unhappy after stage 2"): the figure is about the
	// stage after it.
	reStageAfter = regexp.MustCompile(`(?i)\b(?:after|following|beyond)\s+(?:the\s+)?$`)
	// reEvery is a frequency, not a time limit ("the panel meets every
	// two months").
	reEvery  = regexp.MustCompile(`(?i)\b(?:every|each)\s+$`)
	reStart  = regexp.MustCompile(`(?i)\b(?:of|from|after|following|since|once)\b`)
	reAdd    = regexp.MustCompile(`(?i)\b(?:further|additional|another|extra|more|by)\b`)
	reExtend = regexp.MustCompile(`(?i)extend\w*|extension`)
	reTo     = regexp.MustCompile(`(?i)\b(?:to|total|maximum|overall|or)\b|\bin\s+all\b`)
	reUpTo   = regexp.MustCompile(`(?i)\bup\s+to\b`)
	// reReceives is the reader as the one who is sent something ("you'll
	// usually get a response within 10 working days"): the timescale is
	// still the organisation's.
	reReceives = regexp.MustCompile(`(?i)\byou(?:'ll|’ll|\s+will|\s+should|\s+can\s+expect\s+to)\s+(?:\w+\s+)?(?:get|receive|have|hear|be\s+(?:sent|given|told|informed|contacted|notified))\b`)
	// reTold is a clause that tells the reader what to do ("please do
	// this within 20 working days", "if you are unhappy, ask for a review
	// within…"): the timescale is the reader's.
	reTold = regexp.MustCompile(`(?i)(?:^|[,;:]|\bplease)\s*(?:then\s+)?(?:please\s+)?(?:do|ask|tell|let\s+us\s+know|contact\s+us|write\s+to\s+us|send\s+(?:us|it|your)|make|request|submit|get\s+in\s+touch|complain|escalate|appeal)\b[^,;:]*$`)
	// reStageRef is what comes before a stage named only for comparison
	// or for who was involved ("as at stage 1", "not involved at stage
	// 1"): such a mention does not say which stage a figure is about.
	reStageRef = regexp.MustCompile(`(?i)(?:\bas\s+(?:at|in|with|per|for|under|during)|\b(?:play(?:s|ed)?|ha[ds]|t(?:ook|akes?|aken))\s+(?:no|any|a)\s+(?:\w+\s+)?(?:part|role)\s+(?:\w+\s+){0,2}(?:at|in|with|during)|\bno\s+(?:\w+\s+)?involvement\s+(?:at|in|with|during)|\b(?:involved|considered|handled|dealt\s+with|investigated|looked\s+at)\s+(?:\w+\s+){0,2}(?:at|in|with|during))\s+(?:the\s+)?$`)
	// reStageFrom is a starting point that names the stage before
	// ("of our stage 1 answer"): the figure is about the stage after it.
	reStageFrom = regexp.MustCompile(`(?i)\b(?:of|from|after|following|since|to)\s+(?:\w+\s+){0,4}?(?:our|your|the|their|its|this|that|a)\s+$`)
	reAnswer    = regexp.MustCompile(`(?i)^\s*(?:complaint\s+)?(?:response|answer|reply|decision|outcome|letter|investigation)s?\b`)
	// reJoin joins a second action on to a starting point ("of receipt
	// and send a reply"): followed by an event, it ends the starting point.
	reJoin = regexp.MustCompile(`(?i)\s(?:and|but|then)\s`)
	// reClauseEnd ends a starting point at the next clause.
	reClauseEnd = regexp.MustCompile(`(?i)\s(?:and|but|then|if|unless|where|while|or)\s+(?:we|you|will|it|they|the|a|an|our|your|then|can|may|should|must|to)\b`)
)

var numberWords = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}

// parseNumber reads "10", "ten", "twenty-one", "a".
func parseNumber(s string) (float64, bool) {
	s = strings.ToLower(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, true
	}
	if v, ok := numberWords[s]; ok {
		return v, true
	}
	if i := strings.IndexAny(s, "- "); i > 0 {
		a, ok1 := numberWords[s[:i]]
		b, ok2 := numberWords[s[i+1:]]
		if ok1 && ok2 && b < 10 {
			return a + b, true
		}
	}
	return 0, false
}

// units finds where a figure may end, at each unit word ("day", "weeks"):
// [start, end) of each, by a byte scan (a case-insensitive regular
// expression is many times slower over a long text).
func units(text string) [][2]int {
	var out [][2]int
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	for i := 0; i < len(text); i++ {
		var w string
		switch lower(text[i]) {
		case 'd':
			w = "day"
		case 'w':
			w = "week"
		case 'm':
			w = "month"
		case 'h':
			w = "hour"
		default:
			continue
		}
		if i+len(w) > len(text) {
			continue
		}
		ok := true
		for j := 1; j < len(w); j++ {
			if lower(text[i+j]) != w[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		end := i + len(w)
		if end < len(text) && lower(text[end]) == 's' {
			end++
		}
		if end < len(text) && isWordByte(text[end]) {
			continue
		}
		out = append(out, [2]int{i, end})
		i = end - 1
	}
	return out
}

// figures finds every duration in a text. The full pattern is slow to try
// at every byte, so it runs only on the few words before each unit.
func figures(text string) []figure {
	var out []figure
	lastEnd := 0
	for _, u := range units(text) {
		lo := max(lastEnd, u[0]-64)
		for lo > lastEnd && !utf8.RuneStart(text[lo]) {
			lo--
		}
		win := text[lo:u[1]]
		ms := reFigure.FindAllStringSubmatchIndex(win, -1)
		if len(ms) == 0 {
			continue
		}
		m := ms[len(ms)-1]
		if lo+m[1] != u[1] {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += lo
			}
		}
		n, ok := parseNumber(text[m[2]:m[3]])
		if !ok || n <= 0 {
			continue
		}
		unit := strings.ToLower(text[m[6]:m[7]])
		if !strings.HasSuffix(unit, "s") {
			unit += "s"
		}
		if unit == "days" && m[4] >= 0 {
			switch strings.ToLower(text[m[4]:m[5]]) {
			case "working", "business", "school":
				unit = "working days"
			}
		}
		out = append(out, figure{start: m[0], end: m[1], d: checklist.Duration{N: n, Unit: unit}, si: -1})
		lastEnd = m[1]
	}
	return out
}

// place works out where each figure sits in its sentence.
func place(d *document.Document, figs []figure) {
	for fi := range figs {
		fg := &figs[fi]
		si := d.SentenceIndex(fg.start)
		if si < 0 {
			continue
		}
		s := d.Sentences[si]
		text := d.Text[s.Start:s.End]
		a, b := fg.start-s.Start, fg.end-s.Start
		if b > len(text) {
			continue
		}
		prev := 0
		if fi > 0 && figs[fi-1].end > s.Start && figs[fi-1].end <= fg.start {
			prev = figs[fi-1].end - s.Start
		}
		next := len(text)
		if fi+1 < len(figs) && figs[fi+1].start < s.End {
			next = figs[fi+1].start - s.Start
		}
		fg.si, fg.a, fg.b = si, a, b
		fg.before, fg.after = text[prev:a], text[b:next]
		fg.eventBefore = reEvent.MatchString(fg.before)
		// What follows the figure, up to the next event or figure:
		// "(or 20 if complex)", "of receipt".
		fg.tail = fg.after
		if loc := reEvent.FindStringIndex(fg.tail); loc != nil && loc[0] > 0 {
			fg.tail = fg.tail[:loc[0]]
		}
		fg.from = startPhrase(fg.after)
		// What follows the starting point: an event word inside it ("20
		// working days from the date we acknowledged it") is not the
		// figure's event.
		fg.rest = fg.after
		if fg.from != "" {
			if i := strings.Index(fg.after, fg.from); i >= 0 {
				fg.rest = fg.after[i+len(fg.from):]
			}
		}
	}
}

// readFigure reads, once, whether a figure is the reader's and its stage.
func (ev *evidence) readFigure(doc int, fg *figure) {
	if fg.read {
		return
	}
	fg.read = true
	d := ev.docs[doc]
	st := ev.sentenceOf(doc, fg.si).At(fg.a, fg.b)
	fg.reader = st.Who == stance.Reader || st.ReaderDeadline || st.Question
	s := d.Sentences[fg.si]
	upto := d.Text[s.Start : s.Start+fg.a]
	switch {
	case fg.reader && !st.ReaderDeadline && !st.Question && reReceives.MatchString(upto):
		fg.reader = false
	case !fg.reader && st.Who != stance.Organisation && reTold.MatchString(upto):
		fg.reader = true
	}
	fg.stage = stageOf(d, fg.si, fg.a)
}

// docFigures is a document's figures, found once per evaluation and
// shared by every timescale rule.
func (ev *evidence) docFigures(i int) []figure {
	if ev.figures == nil {
		ev.figures = make([][]figure, len(ev.docs))
		ev.figuresDone = make([]bool, len(ev.docs))
	}
	if !ev.figuresDone[i] {
		ev.figures[i] = figures(ev.docs[i].Text)
		place(ev.docs[i], ev.figures[i])
		ev.figuresDone[i] = true
	}
	return ev.figures[i]
}

// timescaleReading is what a rule made of one figure.
type timescaleReading struct {
	m    match
	fig  figure
	ok   bool
	why  string
	held checklist.Duration // the limit it was held to
}

// collect keeps the first maxInfo figures within the limit (Lists[0]) and
// the first maxErrors over it (Lists[1]).
func (r *timescaleRule) collect(ev *evidence) result.Tally {
	var good, bad []timescaleReading
	for di, d := range ev.docs {
		figs := ev.docFigures(di)
		// inherited: the event of the figure before, in the same
		// sentence, for figures with none of their own.
		lastSent, inherited := -1, false
		for fi := range figs {
			fg := &figs[fi]
			if fg.si < 0 {
				continue
			}
			si := fg.si
			if si != lastSent {
				lastSent, inherited = si, false
			}
			before := fg.before
			ours := false
			switch {
			case r.event.MatchString(before):
				ours = true
			case fg.eventBefore:
			default:
				// Nothing before: the first event after decides.
				rl, el := r.event.FindStringIndex(fg.rest), reEvent.FindStringIndex(fg.rest)
				switch {
				case rl != nil:
					ours = el == nil || rl[0] <= el[0]
				case el == nil:
					ours = inherited
				}
			}
			inherited = ours
			if !ours {
				continue
			}
			s := d.Sentences[si]
			text := d.Text[s.Start:s.End]
			a, b := fg.a, fg.b
			if r.skp != nil && (r.skp.MatchString(before) || r.skp.MatchString(text[a:b]) || r.skp.MatchString(fg.tail)) {
				continue
			}
			if reEvery.MatchString(text[:a]) {
				continue
			}
			ev.readFigure(di, fg)
			if fg.reader {
				continue
			}
			if r.stage != 0 && !atStage(fg.stage, r.stage) {
				continue
			}
			rd := timescaleReading{m: match{doc: di, start: fg.start, end: fg.end}, fig: *fg, held: r.max}
			if r.total != nil && isTotal(before, text[a:b]) {
				rd.held = *r.total
			}
			start := fg.from
			said := quote(strings.TrimSpace(text[a:b]))
			if start != "" {
				said += " (" + start + ")"
			}
			switch {
			case workingDays(fg.d) > workingDays(rd.held)+1e-9:
				rd.why = fmt.Sprintf("%s: %s is more than the limit of %s", r.what, said, rd.held)
			case r.later != nil && r.later.MatchString(start):
				rd.why = fmt.Sprintf("%s: %s counts from a later point than the limit of %s allows", r.what, said, rd.held)
			default:
				rd.ok = true
				rd.why = fmt.Sprintf("%s: %s, within the limit of %s", r.what, said, rd.held)
				if start != "" && r.from != nil && !r.from.MatchString(start) {
					rd.why += " (check its starting point)"
				}
			}
			if rd.ok {
				good = append(good, rd)
			} else {
				bad = append(bad, rd)
			}
		}
	}
	t := result.Tally{Kind: "timescale", Lists: make([][]result.Finding, 2)}
	for _, rd := range good {
		if len(t.Lists[0]) == maxInfo {
			break
		}
		t.Lists[0] = append(t.Lists[0], ev.at("timescale", severityInfo, rd.m, rd.why))
	}
	for _, rd := range bad {
		if len(t.Lists[1]) == maxErrors {
			break
		}
		t.Lists[1] = append(t.Lists[1], ev.at("timescale", severityError, rd.m, rd.why))
	}
	return t
}

func (r *timescaleRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	good, bad := t.Lists[0], t.Lists[1]
	if len(bad) > 0 {
		return verdictFail, bad[:min(len(bad), maxErrors)]
	}
	if len(good) == 0 {
		return verdictFail, []result.Finding{w.whole("timescale", severityError, "no timescale for the "+r.what+" found")}
	}
	return verdictPass, good[:min(len(good), maxInfo)]
}

// isTotal reports whether a figure is written as a whole time ("extend it
// to 20 working days", "20 working days for complex cases") rather than an
// addition ("a further 10", "extend by 10").
func isTotal(before, fig string) bool {
	near := before
	if len(near) > 60 {
		near = near[len(near)-60:]
	}
	if reAdd.MatchString(fig) || reAdd.MatchString(reUpTo.ReplaceAllString(near, " ")) {
		return false
	}
	if !reExtend.MatchString(before) {
		return true
	}
	return reTo.MatchString(reUpTo.ReplaceAllString(near, " "))
}

// startPhrase is the starting point written after a figure: "of receipt",
// "from the date we acknowledge it", or "".
func startPhrase(tail string) string {
	loc := reStart.FindStringIndex(tail)
	if loc == nil || loc[0] > 12 {
		return ""
	}
	s := tail[loc[0]:]
	if len(s) > 80 {
		s = s[:80]
	}
	if i := strings.IndexAny(s, ",;:()"); i > 0 {
		s = s[:i]
	}
	if loc := reClauseEnd.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	// A second action joined on ("of receiving it and send you a full
	// response") ends it too.
	for _, loc := range reJoin.FindAllStringIndex(s, -1) {
		if loc[0] > 0 && reEvent.MatchString(s[loc[1]:]) {
			s = s[:loc[0]]
			break
		}
	}
	return strings.TrimRight(s, " .")
}

// stageAny is the stage of a sentence about every stage ("whatever the
// stage"): it counts for a rule of any stage.
const stageAny = -1

// atStage reports whether a figure or match read as stage st counts for a
// rule of stage want: its own stage, every stage, or no stage for stage 1.
func atStage(st, want int) bool {
	return st == want || st == stageAny || st == 0 && want == 1
}

// stageOf is the complaint stage (1, 2 or 3; stageAny for every stage; 0
// when none) a figure at byte off of sentence si is about.
func stageOf(d *document.Document, si, off int) int {
	s := d.Sentences[si]
	text := d.Text[s.Start:s.End]
	if st := stageIn(text, off); st != 0 {
		return st
	}
	// The nearest heading above, or the nearest ancestor heading, that
	// names a stage.
	level := math.MaxInt
	for i := len(d.Headings) - 1; i >= 0; i-- {
		h := d.Headings[i]
		if h.Off >= s.Start || h.Level >= level {
			continue
		}
		if st := stageIn(h.Text, len(h.Text)); st != 0 {
			return st
		}
		level = h.Level
	}
	// The text just before, for documents without headings (PDF).
	for j := si - 1; j >= 0 && s.Start-d.Sentences[j].End < 1500; j-- {
		p := d.Sentences[j]
		t := d.Text[p.Start:p.End]
		if st := stageIn(t, len(t)); st != 0 {
			return st
		}
		if p.Heading {
			break
		}
	}
	return 0
}

// isStageWord is a mention of a stage by number ("stage 1"), not a word
// such as "escalation" that implies one.
func isStageWord(m string) bool {
	return len(m) > 5 && strings.EqualFold(m[:5], "stage")
}

// stageIn is the stage text names nearest before off (else first after).
// A stage named for comparison or for who was involved ("as at stage 1",
// "not involved at stage 1") does not count; one named as the starting
// point of a later stage ("of our stage 1 answer") counts as stage 2.
func stageIn(text string, off int) int {
	best, bestAt := 0, -1
	after, afterAt := 0, len(text)+1
	for st, re := range map[int]*regexp.Regexp{1: reStage1, 2: reStage2, 3: reStage3, stageAny: reStageAny} {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			st := st
			if st != stageAny && isStageWord(text[loc[0]:loc[1]]) {
				lead := text[max(0, loc[0]-40):loc[0]]
				switch {
				case reStageRef.MatchString(lead):
					continue
				case st == 1 && reStageFrom.MatchString(lead) && reAnswer.MatchString(text[loc[1]:]):
					st = 2
				case st < 3 && reStageAfter.MatchString(lead) && !reAnswer.MatchString(text[loc[1]:]):
					st++
				}
			}
			if loc[0] < off && loc[0] > bestAt {
				best, bestAt = st, loc[0]
			}
			if loc[0] >= off && loc[0] < afterAt {
				after, afterAt = st, loc[0]
			}
		}
	}
	if best != 0 {
		return best
	}
	return after
}
