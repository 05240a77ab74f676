// Package stance reads what one sentence does with a phrase in it: who
// acts (the organisation or the reader), whether it is a commitment or
// only a question, a condition, a target or the reader's own deadline,
// whether a hedge ("where possible", "aim to", "normally") makes the
// commitment partial, and whether it is negated.
//
// It works on one sentence (a document.Sentence's text) and the byte range
// of the phrase a rule matched in it, with word lists rather than a parse:
// it is the judgement a careful reader makes at a glance, written down so
// that rule kinds share it. Of is the one entry point:
//
//	st := stance.Of("Where possible we will call you back within a day.", 26, 40)
//	st.Who == stance.Organisation; st.Commits; st.Hedge == "where possible"
package stance

import (
	"regexp"
	"strings"
)

// Party is who acts in a clause.
type Party int

// The parties a clause can have as its actor.
const (
	Nobody       Party = iota // no one named: a heading, a noun phrase
	Organisation              // we, I (writing for it), our staff, the council, "you will receive"
	Reader                    // you, your (as the one who must or may act)
)

func (p Party) String() string {
	switch p {
	case Organisation:
		return "organisation"
	case Reader:
		return "reader"
	}
	return "nobody"
}

// Stance is what a sentence does with a phrase in it.
type Stance struct {
	// Who acts in the clause that holds the phrase.
	Who Party
	// Commits is set when the organisation undertakes something in that
	// clause: a subject of the organisation's with a modal of promise
	// ("will", "shall", "promise", "always", "aim to"...) or in the
	// present tense ("we reply", "we apologise"), not a question, not
	// negated, not only a target, not the reader's deadline. A hedged
	// commitment still Commits; Hedge says it is partial.
	Commits bool
	// Hedge is the hedge that weakens the commitment ("where possible",
	// "do our best", "normally", "aim to", "try to"...), or "".
	Hedge string
	// Condition is the word that makes the sentence conditional ("if",
	// "unless", "provided", "as long as", "once", "subject to"), or "".
	Condition string
	// ReaderCondition is set when the condition is something the reader
	// must do or be ("if you pay", "provided you", "as long as you"): an
	// offer on terms, not a commitment. A condition on the organisation's
	// own fault ("if we get it wrong") is not one.
	ReaderCondition bool
	// Question is set for a sentence that asks ("Can we call you back?").
	Question bool
	// Target is set when the clause states an aim or target ("our target
	// is 90%", "we aim to") rather than a result or a promise.
	Target bool
	// Negated is set when the clause's verb is negated ("we will not",
	// "we never", "no one will").
	Negated bool
	// ReaderDeadline is set when the clause sets the reader a time limit
	// ("you must complain within 12 months", "you have 28 days to").
	ReaderDeadline bool
	// Standard is set for a table row (OfRow) that states a service level
	// under a heading or header of standards or targets, naming no one
	// who commits to it.
	Standard bool
}

// Partial reports whether the sentence makes only a partial commitment: a
// hedged one or a mere target.
func (s Stance) Partial() bool { return s.Commits && (s.Hedge != "" || s.Target) }

const (
	exprReWord = `[\p{L}\p{N}'’]+`

	exprOrgSubject = `(?i)\b(we|i|please\s+accept\s+(our|my)|our\s+(targets?|aims?|goals?|standards?|promises?|commitments?|pledges?|policy|ambitions?|objectives?)\s+(is|are|will\s+be)|our\s+(\w+\s+)?(staff|team|teams|officers?|advisers?|advisors?|people|colleagues|managers?|caseworkers?|service|services|engineers?|contact\s+centre|call\s+centre|customer\s+services?|complaints?\s+team|nurses?|doctors?)|(the|this)\s+(council|trust|association|company|organisation|organization|department|service|team|landlord|board|practice|authority|agency|firm|bank|provider|hospital|university|college|school|society|group|partnership|ombudsman\s+team)|(a|one\s+of\s+our|a\s+member\s+of\s+(our\s+)?|the\s+)(staff|officer|manager|adviser|advisor|caseworker|case\s+officer|senior\s+manager|complaints?\s+officer|investigating\s+officer|team\s+member)|staff|officers|crews|engineers|operatives|inspectors|surveyors|advisers|advisors|caseworkers|nurses|drivers|someone|somebody|a\s+person|(our|the|a|an)\s+(\w+\s+)?(engineer|surveyor|inspector|operative|crew|nurse|adviser|advisor|officer|caseworker|driver|technician|contractor|team|decorator|painter|plasterer|roofer|plumber|electrician|joiner|carpenter|glazier|bricklayer|gardener|fitter|locksmith|scaffolder)|your\s+(named\s+)?(case\s+officer|caseworker|housing\s+officer|key\s+worker|contact|adviser|advisor|officer|account\s+manager|engineer|social\s+worker|support\s+worker|nurse|doctor|midwife|health\s+visitor|care\s+coordinator|personal\s+adviser|neighbourhood\s+officer|tenancy\s+officer|link\s+worker))\b`

	// The reader's obligation: a time limit or a duty on them.
	exprReaderDuty = `(?i)\b(you|customers|residents|tenants|complainants|patients|people|the\s+complainant)\s+(must|need\s+to|needs\s+to|should|have\s+to|has\s+to|are\s+required\s+to|is\s+required\s+to|are\s+expected\s+to|will\s+need\s+to|'ll\s+need\s+to|’ll\s+need\s+to|are\s+asked\s+to|have\s+(up\s+to\s+)?\w+\s+(working\s+|calendar\s+)?(days|weeks|months|years)\b)|\b(must|should|need\s+to)\s+be\s+(made|received|submitted|sent|raised|returned|lodged|brought|logged|reported)\b|\bplease\s+(make\s+sure|ensure|note\s+that\s+you)\b|\b(we|i)\s+(need|expect|ask|require|would\s+like)\s+(you|customers|residents|tenants|all\s+\w+)\b|\bwhat\s+we\s+(expect|need|ask)\s+(from|of)\s+you\b|\bin\s+return\b|\bhow\s+you\s+can\s+help\b|\bno\s+later\s+than\b.*\byou\b|\byou\b.*\bno\s+later\s+than\b`

	exprTimeLimit = `(?i)\b(within|by|before|no\s+later\s+than|of\s+(the\s+)?(date|receiving|receipt)|after)\b|\b\d+\s+(working\s+|calendar\s+)?(days|weeks|months|years)\b`

	// "you will receive a reply": the organisation acts for the reader.
	exprReaderReceives = `(?i)\b(you|your\s+\w+(\s+\w+)?)\s+(will|shall|'ll|’ll|should|can\s+expect\s+to|are\s+entitled\s+to)\s+(always\s+)?(receive|get|hear|be\s+(given|sent|offered|told|contacted|called|visited|seen|updated|kept\s+informed|informed|acknowledged|answered|dealt|investigated|reviewed|put\s+through|passed|transferred|assigned|allocated|refunded|compensated|paid|met|invited|able\s+to\s+(speak|talk|meet|see))|speak\s+to|talk\s+to|deal\s+with)\b|\b(your|the|each|every|all|our|a|any)\s+(\w+\s+){0,2}(complaints?|enquir(y|ies)|request|case|letter|call|email|appeal|claim|query|repairs?|application)\s+(will|shall|is|are|should)\s+(always\s+|normally\s+|usually\s+)?(be\s+)?(acknowledged|answered|dealt|investigated|reviewed|logged|responded|replied|handled|looked|resolved|assigned|allocated|passed|considered|completed|fixed|carried|attended|seen|recorded)\b|\byou\s+(can|will|should)\s+(always\s+)?expect\s+(a|an|our|the)\s+(\w+\s+){0,2}(reply|response|answer|decision|call|visit|acknowledgement|update)\b|\byou\s+(will|shall|'ll|’ll|should)\s+have\s+(my|our|a|an|the)\s+(\w+\s+){0,2}(reply|response|answer|decision|letter|report|refund|update|outcome|findings|results?)\b|\b(your|the)\s+(\w+\s+){0,2}(refund|repayment|payment|compensation|credit|reimbursement|money|cheque|grant|award)\s+(\S+\s+){0,8}?(will|shall|should)\s+(reach|arrive\s+in|go\s+into|appear\s+in|show\s+in|be\s+in|land\s+in|clear\s+in(to)?)\s+(your|the)\b`

	// The reader as the one who acts: "you" as a subject, not an object
	// ("we will call you").
	exprBareReceives = `(?i)\bwill\s+(then\s+|also\s+|always\s+)?be\s+(fully\s+)?(refunded|compensated|reimbursed|repaid|credited|corrected|fixed|repaired|replaced|put\s+right|sorted|rebooked|contacted|offered|called|visited|answered|acknowledged|investigated|posted|sent|delivered|issued|paid|paid\s+back)\b|(^|[^\w])(complaints|enquiries|emails|e-mails|letters|calls|phone\s+calls|requests|repairs|appeals|messages|voicemails|applications|queries|claims|reports|cases|visits|refunds|payments)\s+(will|shall|are|is|should)\s+(always\s+|normally\s+|usually\s+|all\s+)?(be\s+)?(acknowledged|answered|dealt|investigated|reviewed|logged|responded|replied|handled|looked|resolved|assigned|allocated|passed|considered|completed|fixed|carried|attended|seen|recorded|returned|made|paid|processed|sent|issued|closed|picked\s+up|followed\s+up)\b`

	exprReaderActs = `(?i)(^\W*|[,;:]\s*|\b(if|when|where|and|then|so|that|once|unless|until|whether)\s+)(you|your\s+\w+)\b|\byou\s+(can|may|could|must|should|need|needs|have|will|'ll|’ll|are|want|wish|would|feel|think|disagree|remain|might|do|did|get|make|contact|call|write|email|ask|tell|complain|go|visit)\b`

	exprCommitModal = `(?i)\b(is\s+to|are\s+to|will|shall|'ll|’ll|are\s+going\s+to|promise|promises|pledge|pledges|commit|commits|are\s+committed|is\s+committed|guarantee|guarantees|undertake|undertakes|always|aim|aims|try|tries|endeavour|endeavours|strive|strives|seek|seeks|intend|intends|plan|plans|expect|expects|would|can|may|must|make\s+sure|ensure|ensures|want|offer|offers|do|does)\b`

	// A present-tense verb of the organisation's ("we reply within").
	exprPresentVerb = `(?i)\b(crews|engineers|operatives|inspectors|surveyors|advisers|advisors|caseworkers|nurses|drivers|staff|officers)\s+((always|also|now|normally|usually|often|generally)\s+)?(will|can|are|return|visit|call|come|aim|attend|reply|respond|answer|fix|repair|complete|wear|carry|identify|tell|give|arrive|collect|empty|work|deal|help|offer|look|check|inspect|contact|write)\b|\bplease\s+accept\s+(our|my)\b|\b(we|i)\s*('re|’re|'m|’m|'ve|’ve)\b|\b(we|i|staff|officers|our\s+\w+(\s+\w+)?|the\s+\w+)\s+((always|also|now|then|normally|usually|often|generally|still|all|both|each|sincerely|truly|deeply|really|very|fully|unreservedly)\s+)?(are|am|is|was|were|got|made|fell|let|failed|have|has|complete|completes|finish|finishes|process|processes|pay|pays|collect|collects|empty|empties|clear|clears|attend|attends|come|comes|carry|carries|aim|aims|regret|regrets|accept|accepts|owe|owes|include|includes|share|shares|show|shows|admit|admits|recognise|recognises|recognize|acknowledges|reply|respond|answer|acknowledge|apologi[sz]e|call|visit|contact|write|aim|publish|report|survey|surveys|run|runs|hold|holds|measure|measures|monitor|monitors|offer|provide|give|send|fix|repair|refund|investigate|review|arrange|meet|return|deal|look|say|put|keep|tell|update|explain|ask|listen|learn|record|log|assign|acknowledges|replies|responds|answers|publishes|reports|offers|provides|gives|sends|fixes|repairs|investigates|reviews|arranges|meets|returns|deals|aims|says|puts|keeps|tells|updates|explains|apologi[sz]es|visits|calls|contacts|writes)\b`

	exprHedges = `(?i)\b(do\s+(our|my)\s+(very\s+)?best|doing\s+(our|my)\s+best|try\s+our\s+best|wherever\s+(possible|we\s+can|they\s+can|practicable)|where\s+(possible|practicable|appropriate|we\s+can|they\s+can|it\s+is\s+possible|feasible)|whenever\s+(possible|we\s+can)|if\s+(at\s+all\s+)?(possible|practicable|appropriate|we\s+can)|as\s+far\s+as\s+(possible|we\s+can|practicable|reasonably\s+practicable)|normally|usually|generally|typically|ordinarily|in\s+most\s+cases|most\s+of\s+the\s+time|in\s+general|aim(s|ing)?\s+to|try(ing)?\s+to|tries\s+to|endeavou?r(s|ing)?\s+to|strive(s)?\s+to|seek(s)?\s+to|hope(s)?\s+to|intend(s)?\s+to|would\s+hope|should\s+be\s+able|may\s+be\s+able|might|may|could|where\s+necessary|as\s+soon\s+as\s+(we\s+)?(can|possible|practicable)|at\s+(our|the)\s+discretion|subject\s+to\s+(availability|resources|capacity)|(we|I)\s+should|you\s+should\s+(receive|get|hear|be\s+(contacted|told|sent|called|given|offered))|reasonable\s+(efforts|endeavours)|(every|all)\s+(reasonable\s+)?effort|(have|has|allow|allows|allowed|give|gives|given)\s+(us\s+)?(up\s+to|a\s+maximum\s+of)|allows?\s+us)\b`

	exprTargetWords = `(?i)\b(targets?|aim(s|ed|ing)?|goals?|ambitions?|objectives?|aspir(e|es|ation|ations)|we\s+want\s+to|our\s+standard\s+is\s+to\s+aim)\b`

	exprNegation = `(?i)\b(not|never|no\s+one|nobody|nothing|cannot|can't|can’t|won't|won’t|don't|don’t|doesn't|doesn’t|didn't|didn’t|isn't|isn’t|aren't|aren’t|wouldn't|wouldn’t|shouldn't|shouldn’t|unable|neither|nor)\b|\bno\s+(longer|more)\b|\b(should|ought\s+to)\s+have\s+(been\s+)?\w+`

	exprConditionWords = `(?i)(^|[\s,;(])(if|unless|provided(\s+that)?|providing(\s+that)?|as\s+long\s+as|so\s+long\s+as|only\s+when|only\s+if|once|subject\s+to|on\s+condition\s+that|in\s+the\s+event\s+that|on\s+payment|in\s+return\s+for)\b`

	// a condition on the organisation's own fault or the circumstance,
	// not on the reader: "if we get it wrong", "when things go wrong".
	exprFaultCondition = `(?i)\b(if|when|where|whenever|once)\s+(we|i|our\s+\w+|the\s+\w+|things|something|anything|a\s+mistake|mistakes|an\s+error|errors)\b(\s+\w+){0,4}?\s+(got|get|gets|make|made|makes|go|goes|went|have\s+(made|got|gone|been|fallen)|has\s+(made|gone|been|fallen)|are\s+(wrong|at\s+fault|late)|were\s+(wrong|at\s+fault)|is\s+(wrong|late)|fall|fell|falls|fail|failed|fails|let|did\s+not|didn't|didn’t|do\s+not|don't|don’t|cannot|can't|can’t|miss|missed|misses)\b|\bif\s+(possible|appropriate|necessary|needed|required|you\s+(wish|prefer|would\s+like|want|ask|need|are\s+(unhappy|not\s+(happy|satisfied))|remain|still|feel|disagree|have\s+(a\s+)?(complaint|concern|problem|disability)))\b|\bif\s+you\s+(are\s+not|aren't|aren’t|remain)\b`

	exprReaderConditionWords = `(?i)\b(if|once|when|where)\s+you\s+(\w+\s+){0,3}(pay|paid|pays|purchase|purchased|buy|bought|subscribe|subscribed|sign\s+up|signed\s+up|upgrade|upgraded|opt\s+in|opted\s+in|join|joined|register\s+for|take\s+out|choose\s+(our|the)\s+(premium|priority|express|fast[\s-]track))\b|\b(provided(\s+that)?|providing(\s+that)?|as\s+long\s+as|so\s+long\s+as|only\s+(if|when)|on\s+condition\s+that)\s+(you|your|the\s+(customer|resident|tenant|complainant|applicant|patient))\b|\bon\s+payment\b|\bsubject\s+to\s+(a\s+|the\s+)?(fee|charge|payment|you)\b|\bin\s+return\s+for\b|\bfor\s+an?\s+(extra|additional|small)\s+(fee|charge)\b|\bat\s+an?\s+(extra|additional)\s+(cost|charge)\b|\bpremium\s+(service|option|package|plan)\b|\bpriority\s+service\s+(fee|charge|plan)\b`
)

// The expressions, compiled the first time a sentence is read
// (compileExpressions, from loadGuards), so that no command pays for them
// at start-up.
var (
	reWord               *regexp.Regexp
	orgSubject           *regexp.Regexp
	readerDuty           *regexp.Regexp
	timeLimit            *regexp.Regexp
	readerReceives       *regexp.Regexp
	bareReceives         *regexp.Regexp
	readerActs           *regexp.Regexp
	commitModal          *regexp.Regexp
	presentVerb          *regexp.Regexp
	hedges               *regexp.Regexp
	targetWords          *regexp.Regexp
	negation             *regexp.Regexp
	conditionWords       *regexp.Regexp
	faultCondition       *regexp.Regexp
	readerConditionWords *regexp.Regexp
	mainClause           *regexp.Regexp
	leadingCondition     *regexp.Regexp
	standardRow          *regexp.Regexp
	headingPromise       *regexp.Regexp
	headingTarget        *regexp.Regexp
)

func compileExpressions() {
	reWord = regexp.MustCompile(exprReWord)
	orgSubject = regexp.MustCompile(exprOrgSubject)
	readerDuty = regexp.MustCompile(exprReaderDuty)
	timeLimit = regexp.MustCompile(exprTimeLimit)
	readerReceives = regexp.MustCompile(exprReaderReceives)
	bareReceives = regexp.MustCompile(exprBareReceives)
	readerActs = regexp.MustCompile(exprReaderActs)
	commitModal = regexp.MustCompile(exprCommitModal)
	presentVerb = regexp.MustCompile(exprPresentVerb)
	hedges = regexp.MustCompile(exprHedges)
	targetWords = regexp.MustCompile(exprTargetWords)
	negation = regexp.MustCompile(exprNegation)
	conditionWords = regexp.MustCompile(exprConditionWords)
	faultCondition = regexp.MustCompile(exprFaultCondition)
	readerConditionWords = regexp.MustCompile(exprReaderConditionWords)
	mainClause = regexp.MustCompile(exprMainClause)
	leadingCondition = regexp.MustCompile(exprLeadingCondition)
	standardRow = regexp.MustCompile(exprStandardRow)
	headingPromise = regexp.MustCompile(exprHeadingPromise)
	headingTarget = regexp.MustCompile(exprHeadingTarget)
}

// clauseOf returns the clause of the sentence holding [start, end): from
// the last clause break before start to the first after end.
func (sn *Sentence) clauseOf(start, end int) (int, int) {
	s := sn.text
	if start < 0 {
		start = 0
	}
	if end > len(s) || end < start {
		end = len(s)
	}
	lo, hi := 0, len(s)
	for i := start - 1; i >= 0; i-- {
		if s[i] == ';' || s[i] == ':' && !(i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1])) {
			lo = i + 1
			break
		}
		if i+2 < len(s) && s[i] == ',' && startsClause(s[i+1:]) {
			lo = i + 1
			break
		}
	}
	for i := end; i < len(s); i++ {
		if s[i] == ';' || s[i] == ':' && !(i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1])) {
			hi = i
			break
		}
		if s[i] == ',' && startsClause(s[i+1:]) {
			hi = i
			break
		}
	}
	if lo == 0 {
		if !sn.leadDone {
			sn.lead, sn.leadDone = leadingCondition.FindStringIndex(s), true
		}
		if m := sn.lead; m != nil {
			if c := strings.IndexByte(s[m[1]:], ','); c >= 0 && m[1]+c < start {
				lo = m[1] + c + 1
			} else {
				// no comma: the main clause starts at its subject and
				// modal ("If you are not satisfied you can contact...")
				for _, mm := range mainClause.FindAllStringIndex(s[:start], -1) {
					if mm[0] > m[1] {
						lo = mm[0]
					}
				}
			}
		}
	}
	return lo, hi
}

const exprMainClause = `(?i)\b(we|you|i|they|it|the\s+\w+|our\s+\w+)\s+(will|can|may|should|must|could|'ll|’ll|shall|would|are\s+able|have\s+the\s+right)\b`

const exprLeadingCondition = `(?i)^\W*(if|when|where|whenever|wherever|unless|once|should|provided|as\s+long\s+as|in\s+the\s+event|after|before|while)\b`

// startsClause reports whether the text after a comma starts a clause of
// its own: "but", "although", "and we", "so you"...
func startsClause(rest string) bool {
	r := strings.ToLower(strings.TrimLeft(rest, " "))
	for _, w := range []string{"but ", "although ", "though ", "whereas ", "while ", "and you ", "and we ", "and i ", "and our ", "and the ", "and staff ", "so you ", "so we ", "or you ", "or we ", "however", "otherwise", "which ", "unless "} {
		if strings.HasPrefix(r, w) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Of reads sentence, in which a rule matched sentence[start:end] (give 0,
// len(sentence) for the sentence as a whole).
func Of(sentence string, start, end int) Stance {
	return NewSentence(sentence).At(start, end)
}

// Sentence is one sentence read for any number of phrases in it: what
// does not depend on the phrase (the question mark, the hedge, each
// clause's actor, conditions and verbs) is worked out the first time a
// phrase asks and shared by every later one. Rules that read the same
// sentence keep one Sentence for it (internal/rule keeps one per
// sentence per evaluation), so the expressions run once per clause, not
// once per rule. A Sentence is for one goroutine at a time.
type Sentence struct {
	text string
	// lead is leadingCondition's match, worked out once (leadDone).
	lead     []int
	leadDone bool
	hedge    string
	question bool
	clauses  []clauseReading
	negs     []negReading
	// hits are where the guards' literals occur in text.
	hits sentenceHits
}

// match is re.MatchString(text[lo:hi]), spared where its guard says it
// cannot match.
func (s *Sentence) match(re *guarded, lo, hi int) bool {
	return re.match(&s.hits, s.text, lo, hi)
}

// clauseReading is the phrase-independent stance of clause [lo, hi).
type clauseReading struct {
	lo, hi int
	st     Stance // all but Negated and Commits
	// verb: the clause (widened to the actor, where it was) has a modal
	// or verb of commitment, or the organisation acts for the reader.
	verb bool
	// negWhole: the clause as a whole is negated (for a phrase of no
	// length at its start).
	negWhole, negWholeDone bool
}

// negReading is whether text[lo:start] is negated.
type negReading struct {
	lo, start int
	neg       bool
}

// NewSentence starts the reading of sentence.
func NewSentence(sentence string) *Sentence {
	loadGuards()
	t := strings.TrimSpace(sentence)
	s := &Sentence{text: sentence, hits: scanGuards(sentence)}
	s.question = strings.HasSuffix(strings.TrimRight(t, `"'”’) `), "?")
	for from := 0; from < len(sentence); {
		loc := guards.hedges.find(&s.hits, sentence, from, len(sentence))
		if loc == nil {
			break
		}
		a, b := from+loc[0], from+loc[1]
		if monthMay(sentence, a, b) || conditionalModal(sentence, a, b) {
			from = b
			continue
		}
		if h := sentence[a:b]; h != "" {
			s.hedge = strings.ToLower(strings.Join(strings.Fields(h), " "))
		}
		break
	}
	return s
}

// conditionalModal reports whether text[a:b] is "could", "may" or
// "might" inside a condition ("…refund the charge there and then if they
// could not fix it"): it belongs to the condition, not to the
// commitment, which it does not weaken.
func conditionalModal(text string, a, b int) bool {
	switch strings.ToLower(text[a:b]) {
	case "could", "may", "might":
	default:
		return false
	}
	words := strings.Fields(text[:a])
	for i := len(words) - 1; i >= 0 && i >= len(words)-4; i-- {
		w := strings.ToLower(strings.Trim(words[i], ",;:()"))
		switch w {
		case "if", "unless", "when", "whenever":
			return true
		}
		if strings.ContainsAny(words[i], ",;:") {
			return false
		}
	}
	return false
}

// monthMay reports whether text[a:b] is "may" the month, not the modal:
// beside a day or year ("on 20 May", "May 2025"), or capitalised after the
// start of the sentence ("in May we will…").
func monthMay(text string, a, b int) bool {
	w := text[a:b]
	if !strings.EqualFold(w, "may") {
		return false
	}
	before := strings.TrimRight(text[:a], " \t\u00a0")
	after := strings.TrimLeft(text[b:], " \t\u00a0")
	if before != "" && before[len(before)-1] >= '0' && before[len(before)-1] <= '9' {
		return true
	}
	if after != "" && after[0] >= '0' && after[0] <= '9' {
		return true
	}
	return w == "May" && strings.TrimSpace(before) != ""
}

// Text is the sentence read.
func (s *Sentence) Text() string { return s.text }

// At is the stance of the phrase s.Text()[start:end], as Of.
func (s *Sentence) At(start, end int) Stance {
	lo, hi := s.clauseOf(start, end)
	c := s.clause(lo, hi)
	st := c.st
	// Negation counts before the phrase, where it governs it ("we will
	// not apologise"), not in what follows ("sorry that we did not come").
	if ps := start - lo; ps > 0 && ps <= hi-lo {
		st.Negated = s.negated(lo, start)
	} else if ps == 0 && start == end {
		if !c.negWholeDone {
			c.negWhole, c.negWholeDone = s.match(guards.negation, lo, hi), true
		}
		st.Negated = c.negWhole
	}
	st.Commits = st.Who == Organisation && !st.Question && !st.Negated && !st.ReaderCondition && c.verb
	return st
}

func (s *Sentence) negated(lo, start int) bool {
	for _, n := range s.negs {
		if n.lo == lo && n.start == start {
			return n.neg
		}
	}
	n := negReading{lo: lo, start: start, neg: s.match(guards.negation, lo, start)}
	s.negs = append(s.negs, n)
	return n.neg
}

// clause is the reading of clause [lo, hi), worked out once.
func (s *Sentence) clause(lo, hi int) *clauseReading {
	for i := range s.clauses {
		if c := &s.clauses[i]; c.lo == lo && c.hi == hi {
			return c
		}
	}
	sentence := s.text
	c := clauseReading{lo: lo, hi: hi}
	st := &c.st
	st.Question = s.question
	st.Hedge = s.hedge
	// The condition may sit in a clause before the phrase's: look at the
	// whole sentence up to the phrase's clause end.
	upTo := sentence[:hi]
	if guards.conditionWords.possible(&s.hits, 0, hi) {
		if loc := conditionWords.FindStringSubmatchIndex(upTo); loc != nil {
			st.Condition = strings.ToLower(strings.Join(strings.Fields(upTo[loc[4]:loc[5]]), " "))
			if s.match(guards.readerConditionWords, 0, hi) && !s.match(guards.faultCondition, 0, hi) {
				st.ReaderCondition = true
			}
		}
	}
	if s.match(guards.readerConditionWords, lo, hi) && !s.match(guards.faultCondition, lo, hi) {
		st.ReaderCondition = true
		if st.Condition == "" {
			st.Condition = "on terms"
		}
	}
	st.Target = s.match(guards.targetWords, lo, hi)
	switch {
	case s.match(guards.readerDuty, lo, hi) && !youShouldReceive(s.text[lo:hi]):
		st.Who = Reader
		st.ReaderDeadline = s.match(guards.timeLimit, lo, hi)
	case s.match(guards.orgSubject, lo, hi) && (s.match(guards.commitModal, lo, hi) || s.match(guards.presentVerb, lo, hi)):
		st.Who = Organisation
	case s.match(guards.readerReceives, lo, hi), s.match(guards.bareReceives, lo, hi):
		st.Who = Organisation
	case s.match(guards.orgSubject, lo, hi):
		st.Who = Organisation
	case s.match(guards.readerActs, lo, hi):
		st.Who = Reader
	}
	vlo := lo // where the verbs are looked for: the clause, or from the start
	if st.Who == Nobody && lo > 0 {
		// the actor may sit before a comma: "If we let you down we
		// will say sorry, explain and put things right"
		switch {
		case s.match(guards.readerDuty, 0, hi) && !youShouldReceive(s.text[:hi]):
			st.Who = Reader
			st.ReaderDeadline = s.match(guards.timeLimit, 0, hi)
		case s.match(guards.orgSubject, 0, hi) || s.match(guards.readerReceives, 0, hi) || s.match(guards.bareReceives, 0, hi):
			st.Who = Organisation
			vlo = 0
		}
	}
	// Only the organisation's clauses can commit: the verbs are not
	// looked for in the others'.
	c.verb = st.Who == Organisation && !st.Question && !st.ReaderCondition &&
		(s.match(guards.commitModal, vlo, hi) || s.match(guards.presentVerb, vlo, hi) || s.match(guards.readerReceives, vlo, hi) || s.match(guards.bareReceives, vlo, hi))
	s.clauses = append(s.clauses, c)
	return &s.clauses[len(s.clauses)-1]
}

// HasActor reports whether s names an actor of its own (the organisation
// or the reader), as a list item under a lead-in ("We will:") does not.
func HasActor(s string) bool {
	loadGuards()
	h := scanGuards(s)
	return guards.orgSubject.match(&h, s, 0, len(s)) || guards.readerActs.match(&h, s, 0, len(s)) || guards.readerDuty.match(&h, s, 0, len(s))
}

// StartsWithActor reports whether s begins by naming who acts ("We
// will...", "Our staff...", "You can..."), as a list item under a lead-in
// usually does not.
func StartsWithActor(s string) bool {
	s = strings.TrimLeft(s, " \t•*-–—·\"'“‘(")
	loadGuards()
	h := scanGuards(s)
	if loc := guards.orgSubject.find(&h, s, 0, len(s)); loc != nil && loc[0] == 0 {
		return true
	}
	if loc := guards.readerActs.find(&h, s, 0, len(s)); loc != nil && loc[0] == 0 {
		return true
	}
	return false
}

// OfItem reads a list item (or a short unit) that continues a lead-in
// ending in ":" ("If you complain, we will:", "In return, we ask you
// to:"): the item takes its actor, modal and conditions from the lead-in.
// start and end are the phrase's range in item.
func OfItem(lead, item string, start, end int) Stance {
	s, off := NewItem(lead, item)
	return s.At(off+start, off+end)
}

// NewItem is the Sentence OfItem reads: item after its lead-in. A phrase
// at [start, end) of item is at [off+start, off+end) of it.
func NewItem(lead, item string) (s *Sentence, off int) {
	lead = strings.TrimRight(strings.TrimSpace(lead), ":—–- ")
	return NewSentence(lead + " " + item), len(lead) + 1
}

// standardRow is a table's heading or header that names what its rows
// are: standards, targets, promises or pledges.
const exprStandardRow = `(?i)\b(standards?|targets?|promises?|pledges?|commitments?|service\s+levels?|timescales?|response\s+times)\b`

// A heading that says what the organisation will do ("What we will do",
// "Our promises to you", "What you can expect from us"), or that heads
// its targets or aims ("Targets for 2025/26"), is the lead-in of the list
// items under it that name no one who acts.
const (
	exprHeadingPromise = `(?i)^\W*(what\s+we\s+(will\s+do|do|promise|offer)|what\s+you\s+can\s+expect(\s+from\s+us)?|we\s+will|we\s+promise(\s+to)?|our\s+(promises?|commitments?|pledges?|guarantees?)(\s+to\s+you)?)(\s+(if|when|for)\b.*)?\W*$`
	exprHeadingTarget  = `(?i)^\W*((our|service|performance|customer\s+service)\s+)*(targets?|aims?)(\s+(for|in)\b.*)?\W*$`
)

// HeadingLeadIn is the lead-in that heading h gives the list items under
// it that name no one who acts ("## What we will do" above "- Answer your
// letters within 10 working days"): "We will" under a heading of what
// the organisation will do or promises, "Our targets are to" (a target)
// under one of targets or aims, and false under any other heading.
func HeadingLeadIn(h string) (string, bool) {
	loadGuards()
	switch {
	case headingPromise.MatchString(h):
		return "We will", true
	case headingTarget.MatchString(h):
		return "Our targets are to", true
	}
	return "", false
}

// OfRow reads a table row as one sentence, after what names its rows:
// context is the heading above its table and its header row, as
// "heading | header cells | ", and row the row's own cells. A row that
// names no one who acts, under a heading or header of standards, targets,
// promises or pledges, is Standard: it states a service level without
// saying who commits to it.
func OfRow(context, row string) Stance {
	text := context + row
	st := Of(text, 0, len(text))
	st.Standard = st.Who == Nobody && standardRow.MatchString(context)
	return st
}

// Words counts the words of s, as the stance reader sees them.
func Words(s string) int {
	loadGuards()
	return len(reWord.FindAllStringIndex(s, -1))
}
