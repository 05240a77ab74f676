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
}

// Partial reports whether the sentence makes only a partial commitment: a
// hedged one or a mere target.
func (s Stance) Partial() bool { return s.Commits && (s.Hedge != "" || s.Target) }

var (
	reWord = regexp.MustCompile(`[\p{L}\p{N}'’]+`)

	orgSubject = regexp.MustCompile(`(?i)\b(we|i|please\s+accept\s+(our|my)|our\s+(targets?|aims?|goals?|standards?|promises?|commitments?|pledges?|policy|ambitions?|objectives?)\s+(is|are|will\s+be)|our\s+(\w+\s+)?(staff|team|teams|officers?|advisers?|advisors?|people|colleagues|managers?|caseworkers?|service|services|engineers?|contact\s+centre|call\s+centre|customer\s+services?|complaints?\s+team|nurses?|doctors?)|(the|this)\s+(council|trust|association|company|organisation|organization|department|service|team|landlord|board|practice|authority|agency|firm|bank|provider|hospital|university|college|school|society|group|partnership|ombudsman\s+team)|(a|one\s+of\s+our|a\s+member\s+of\s+(our\s+)?|the\s+)(staff|officer|manager|adviser|advisor|caseworker|case\s+officer|senior\s+manager|complaints?\s+officer|investigating\s+officer|team\s+member)|staff|officers|crews|engineers|operatives|inspectors|surveyors|advisers|advisors|caseworkers|nurses|drivers|someone|somebody|a\s+person|(our|the|a|an)\s+(\w+\s+)?(engineer|surveyor|inspector|operative|crew|nurse|adviser|advisor|officer|caseworker|driver|technician|contractor|team)|your\s+(named\s+)?(case\s+officer|caseworker|housing\s+officer|key\s+worker|contact|adviser|advisor|officer|account\s+manager|engineer|social\s+worker|support\s+worker|nurse|doctor|midwife|health\s+visitor|care\s+coordinator|personal\s+adviser|neighbourhood\s+officer|tenancy\s+officer|link\s+worker))\b`)

	// The reader's obligation: a time limit or a duty on them.
	readerDuty = regexp.MustCompile(`(?i)\b(you|customers|residents|tenants|complainants|patients|people|the\s+complainant)\s+(must|need\s+to|needs\s+to|should|have\s+to|has\s+to|are\s+required\s+to|is\s+required\s+to|are\s+expected\s+to|will\s+need\s+to|'ll\s+need\s+to|’ll\s+need\s+to|are\s+asked\s+to|have\s+(up\s+to\s+)?\w+\s+(working\s+|calendar\s+)?(days|weeks|months|years)\b)|\b(must|should|need\s+to)\s+be\s+(made|received|submitted|sent|raised|returned|lodged|brought|logged|reported)\b|\bplease\s+(make\s+sure|ensure|note\s+that\s+you)\b|\b(we|i)\s+(need|expect|ask|require|would\s+like)\s+(you|customers|residents|tenants|all\s+\w+)\b|\bwhat\s+we\s+(expect|need|ask)\s+(from|of)\s+you\b|\bin\s+return\b|\bhow\s+you\s+can\s+help\b|\bno\s+later\s+than\b.*\byou\b|\byou\b.*\bno\s+later\s+than\b`)

	timeLimit = regexp.MustCompile(`(?i)\b(within|by|before|no\s+later\s+than|of\s+(the\s+)?(date|receiving|receipt)|after)\b|\b\d+\s+(working\s+|calendar\s+)?(days|weeks|months|years)\b`)

	// "you will receive a reply": the organisation acts for the reader.
	readerReceives = regexp.MustCompile(`(?i)\b(you|your\s+\w+(\s+\w+)?)\s+(will|shall|'ll|’ll|should|can\s+expect\s+to|are\s+entitled\s+to)\s+(always\s+)?(receive|get|hear|be\s+(given|sent|offered|told|contacted|called|visited|seen|updated|kept\s+informed|informed|acknowledged|answered|dealt|investigated|reviewed|put\s+through|passed|transferred|assigned|allocated|refunded|compensated|paid|met|invited|able\s+to\s+(speak|talk|meet|see))|speak\s+to|talk\s+to|deal\s+with)\b|\b(your|the|each|every|all|our)\s+(\w+\s+){0,2}(complaints?|enquir(y|ies)|request|case|letter|call|email|appeal|claim|query|repairs?|application)\s+(will|shall|is|are|should)\s+(always\s+|normally\s+|usually\s+)?(be\s+)?(acknowledged|answered|dealt|investigated|reviewed|logged|responded|replied|handled|looked|resolved|assigned|allocated|passed|considered|completed|fixed|carried|attended|seen|recorded)\b|\byou\s+(can|will|should)\s+(always\s+)?expect\s+(a|an|our|the)\s+(\w+\s+){0,2}(reply|response|answer|decision|call|visit|acknowledgement|update)\b`)

	// The reader as the one who acts: "you" as a subject, not an object
	// ("we will call you").
	bareReceives = regexp.MustCompile(`(?i)\bwill\s+(then\s+|also\s+|always\s+)?be\s+(fully\s+)?(refunded|compensated|reimbursed|repaid|credited|corrected|fixed|repaired|replaced|put\s+right|sorted|rebooked|contacted|offered|called|visited|answered|acknowledged|investigated)\b|(^|[^\w])(complaints|enquiries|emails|e-mails|letters|calls|phone\s+calls|requests|repairs|appeals|messages|voicemails|applications|queries|claims|reports|cases|visits|refunds|payments)\s+(will|shall|are|is|should)\s+(always\s+|normally\s+|usually\s+|all\s+)?(be\s+)?(acknowledged|answered|dealt|investigated|reviewed|logged|responded|replied|handled|looked|resolved|assigned|allocated|passed|considered|completed|fixed|carried|attended|seen|recorded|returned|made|paid|processed|sent|issued|closed|picked\s+up|followed\s+up)\b`)

	readerActs = regexp.MustCompile(`(?i)(^\W*|[,;:]\s*|\b(if|when|where|and|then|so|that|once|unless|until|whether)\s+)(you|your\s+\w+)\b|\byou\s+(can|may|could|must|should|need|needs|have|will|'ll|’ll|are|want|wish|would|feel|think|disagree|remain|might|do|did|get|make|contact|call|write|email|ask|tell|complain|go|visit)\b`)

	commitModal = regexp.MustCompile(`(?i)\b(is\s+to|are\s+to|will|shall|'ll|’ll|are\s+going\s+to|promise|promises|pledge|pledges|commit|commits|are\s+committed|is\s+committed|guarantee|guarantees|undertake|undertakes|always|aim|aims|try|tries|endeavour|endeavours|strive|strives|seek|seeks|intend|intends|plan|plans|expect|expects|would|can|may|must|make\s+sure|ensure|ensures|want|offer|offers|do|does)\b`)

	// A present-tense verb of the organisation's ("we reply within").
	presentVerb = regexp.MustCompile(`(?i)\b(crews|engineers|operatives|inspectors|surveyors|advisers|advisors|caseworkers|nurses|drivers|staff|officers)\s+((always|also|now|normally|usually|often|generally)\s+)?(will|can|are|return|visit|call|come|aim|attend|reply|respond|answer|fix|repair|complete|wear|carry|identify|tell|give|arrive|collect|empty|work|deal|help|offer|look|check|inspect|contact|write)\b|\bplease\s+accept\s+(our|my)\b|\b(we|i)\s*('re|’re|'m|’m|'ve|’ve)\b|\b(we|i|staff|officers|our\s+\w+(\s+\w+)?|the\s+\w+)\s+((always|also|now|then|normally|usually|often|generally|still|all|both|each|sincerely|truly|deeply|really|very|fully|unreservedly)\s+)?(are|am|is|was|were|got|made|fell|let|failed|have|has|complete|completes|finish|finishes|process|processes|pay|pays|collect|collects|empty|empties|clear|clears|attend|attends|come|comes|carry|carries|aim|aims|regret|regrets|accept|accepts|admit|admits|recognise|recognises|recognize|acknowledges|reply|respond|answer|acknowledge|apologi[sz]e|call|visit|contact|write|aim|publish|report|offer|provide|give|send|fix|repair|refund|investigate|review|arrange|meet|return|deal|look|say|put|keep|tell|update|explain|ask|listen|learn|record|log|assign|acknowledges|replies|responds|answers|publishes|reports|offers|provides|gives|sends|fixes|repairs|investigates|reviews|arranges|meets|returns|deals|aims|says|puts|keeps|tells|updates|explains|apologi[sz]es|visits|calls|contacts|writes)\b`)

	hedges = regexp.MustCompile(`(?i)\b(do\s+(our|my)\s+(very\s+)?best|doing\s+(our|my)\s+best|try\s+our\s+best|wherever\s+(possible|we\s+can|practicable)|where\s+(possible|practicable|appropriate|we\s+can|it\s+is\s+possible|feasible)|whenever\s+(possible|we\s+can)|if\s+(at\s+all\s+)?(possible|practicable|appropriate|we\s+can)|as\s+far\s+as\s+(possible|we\s+can|practicable|reasonably\s+practicable)|normally|usually|generally|typically|ordinarily|in\s+most\s+cases|most\s+of\s+the\s+time|in\s+general|aim(s|ing)?\s+to|try(ing)?\s+to|tries\s+to|endeavou?r(s|ing)?\s+to|strive(s)?\s+to|seek(s)?\s+to|hope(s)?\s+to|intend(s)?\s+to|would\s+hope|should\s+be\s+able|may\s+be\s+able|might|may|could|where\s+necessary|as\s+soon\s+as\s+(we\s+)?(can|possible|practicable)|at\s+(our|the)\s+discretion|subject\s+to\s+(availability|resources|capacity)|(we|I)\s+should|reasonable\s+(efforts|endeavours)|(every|all)\s+(reasonable\s+)?effort)\b`)

	targetWords = regexp.MustCompile(`(?i)\b(targets?|aim(s|ed|ing)?|goals?|ambitions?|objectives?|aspir(e|es|ation|ations)|we\s+want\s+to|our\s+standard\s+is\s+to\s+aim)\b`)

	negation = regexp.MustCompile(`(?i)\b(not|never|no\s+one|nobody|nothing|cannot|can't|can’t|won't|won’t|don't|don’t|doesn't|doesn’t|didn't|didn’t|isn't|isn’t|aren't|aren’t|wouldn't|wouldn’t|shouldn't|shouldn’t|unable|neither|nor)\b|\bno\s+(longer|more)\b`)

	conditionWords = regexp.MustCompile(`(?i)(^|[\s,;(])(if|unless|provided(\s+that)?|providing(\s+that)?|as\s+long\s+as|so\s+long\s+as|only\s+when|only\s+if|once|subject\s+to|on\s+condition\s+that|in\s+the\s+event\s+that|on\s+payment|in\s+return\s+for)\b`)

	// a condition on the organisation's own fault or the circumstance,
	// not on the reader: "if we get it wrong", "when things go wrong".
	faultCondition = regexp.MustCompile(`(?i)\b(if|when|where|whenever|once)\s+(we|i|our\s+\w+|the\s+\w+|things|something|anything|a\s+mistake|mistakes|an\s+error|errors)\b(\s+\w+){0,4}?\s+(got|get|gets|make|made|makes|go|goes|went|have\s+(made|got|gone|been|fallen)|has\s+(made|gone|been|fallen)|are\s+(wrong|at\s+fault|late)|were\s+(wrong|at\s+fault)|is\s+(wrong|late)|fall|fell|falls|fail|failed|fails|let|did\s+not|didn't|didn’t|do\s+not|don't|don’t|cannot|can't|can’t|miss|missed|misses)\b|\bif\s+(possible|appropriate|necessary|needed|required|you\s+(wish|prefer|would\s+like|want|ask|need|are\s+(unhappy|not\s+(happy|satisfied))|remain|still|feel|disagree|have\s+(a\s+)?(complaint|concern|problem|disability)))\b|\bif\s+you\s+(are\s+not|aren't|aren’t|remain)\b`)

	readerConditionWords = regexp.MustCompile(`(?i)\b(if|once|when|where)\s+you\s+(\w+\s+){0,3}(pay|paid|pays|purchase|purchased|buy|bought|subscribe|subscribed|sign\s+up|signed\s+up|upgrade|upgraded|opt\s+in|opted\s+in|join|joined|register\s+for|take\s+out|choose\s+(our|the)\s+(premium|priority|express|fast[\s-]track))\b|\b(provided(\s+that)?|providing(\s+that)?|as\s+long\s+as|so\s+long\s+as|only\s+(if|when)|on\s+condition\s+that)\s+(you|your|the\s+(customer|resident|tenant|complainant|applicant|patient))\b|\bon\s+payment\b|\bsubject\s+to\s+(a\s+|the\s+)?(fee|charge|payment|you)\b|\bin\s+return\s+for\b|\bfor\s+an?\s+(extra|additional|small)\s+(fee|charge)\b|\bat\s+an?\s+(extra|additional)\s+(cost|charge)\b|\bpremium\s+(service|option|package|plan)\b|\bpriority\s+service\s+(fee|charge|plan)\b`)
)

// clauseOf returns the clause of sentence holding [start, end): from the
// last clause break before start to the first after end.
func clauseOf(s string, start, end int) (int, int) {
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
		if m := leadingCondition.FindStringIndex(s); m != nil {
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

var mainClause = regexp.MustCompile(`(?i)\b(we|you|i|they|it|the\s+\w+|our\s+\w+)\s+(will|can|may|should|must|could|'ll|’ll|shall|would|are\s+able|have\s+the\s+right)\b`)

var leadingCondition = regexp.MustCompile(`(?i)^\W*(if|when|where|whenever|wherever|unless|once|should|provided|as\s+long\s+as|in\s+the\s+event|after|before|while)\b`)

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
	var st Stance
	t := strings.TrimSpace(sentence)
	st.Question = strings.HasSuffix(strings.TrimRight(t, `"'”’) `), "?")
	lo, hi := clauseOf(sentence, start, end)
	clause := sentence[lo:hi]
	// The condition may sit in a clause before the phrase's: look at the
	// whole sentence up to the phrase's clause end.
	upTo := sentence[:hi]
	if loc := conditionWords.FindStringSubmatchIndex(upTo); loc != nil {
		st.Condition = strings.ToLower(strings.Join(strings.Fields(upTo[loc[4]:loc[5]]), " "))
		if readerConditionWords.MatchString(upTo) && !faultCondition.MatchString(upTo) {
			st.ReaderCondition = true
		}
	}
	if readerConditionWords.MatchString(clause) && !faultCondition.MatchString(clause) {
		st.ReaderCondition = true
		if st.Condition == "" {
			st.Condition = "on terms"
		}
	}
	// Negation counts before the phrase, where it governs it ("we will
	// not apologise"), not in what follows ("sorry that we did not come").
	if ps := start - lo; ps > 0 && ps <= len(clause) {
		st.Negated = negation.MatchString(clause[:ps])
	} else if ps == 0 && start == end {
		st.Negated = negation.MatchString(clause)
	}
	st.Target = targetWords.MatchString(clause)
	if h := hedges.FindString(sentence); h != "" {
		st.Hedge = strings.ToLower(strings.Join(strings.Fields(h), " "))
	}
	switch {
	case readerDuty.MatchString(clause):
		st.Who = Reader
		st.ReaderDeadline = timeLimit.MatchString(clause)
	case orgSubject.MatchString(clause) && (commitModal.MatchString(clause) || presentVerb.MatchString(clause)):
		st.Who = Organisation
	case readerReceives.MatchString(clause), bareReceives.MatchString(clause):
		st.Who = Organisation
	case orgSubject.MatchString(clause):
		st.Who = Organisation
	case readerActs.MatchString(clause):
		st.Who = Reader
	}
	if st.Who == Nobody && lo > 0 {
		// the actor may sit before a comma: "If we let you down we
		// will say sorry, explain and put things right"
		wide := sentence[:hi]
		switch {
		case readerDuty.MatchString(wide):
			st.Who = Reader
			st.ReaderDeadline = timeLimit.MatchString(wide)
		case orgSubject.MatchString(wide) || readerReceives.MatchString(wide) || bareReceives.MatchString(wide):
			st.Who = Organisation
			clause = wide
		}
	}
	st.Commits = st.Who == Organisation && !st.Question && !st.Negated && !st.ReaderCondition &&
		(commitModal.MatchString(clause) || presentVerb.MatchString(clause) || readerReceives.MatchString(clause) || bareReceives.MatchString(clause))
	return st
}

// HasActor reports whether s names an actor of its own (the organisation
// or the reader), as a list item under a lead-in ("We will:") does not.
func HasActor(s string) bool {
	return orgSubject.MatchString(s) || readerActs.MatchString(s) || readerDuty.MatchString(s)
}

// StartsWithActor reports whether s begins by naming who acts ("We
// will...", "Our staff...", "You can..."), as a list item under a lead-in
// usually does not.
func StartsWithActor(s string) bool {
	s = strings.TrimLeft(s, " \t•*-–—·\"'“‘(")
	if loc := orgSubject.FindStringIndex(s); loc != nil && loc[0] == 0 {
		return true
	}
	if loc := readerActs.FindStringIndex(s); loc != nil && loc[0] == 0 {
		return true
	}
	return false
}

// OfItem reads a list item (or a short unit) that continues a lead-in
// ending in ":" ("If you complain, we will:", "In return, we ask you
// to:"): the item takes its actor, modal and conditions from the lead-in.
// start and end are the phrase's range in item.
func OfItem(lead, item string, start, end int) Stance {
	lead = strings.TrimRight(strings.TrimSpace(lead), ":—–- ")
	joined := lead + " " + item
	off := len(lead) + 1
	return Of(joined, off+start, off+end)
}

var rowCommits = regexp.MustCompile(`(?i)\b(standards?|targets?|promises?|pledges?|commitments?|guarantees?|we\s+will|what\s+we\s+(will\s+)?do|our\s+aims?|service\s+levels?)\b`)

// OfRow reads a table row given with its header row and the heading above
// its table (text, as "heading | header cells | row cells"): a row under
// "Our standards" or a "Target" column is the organisation's commitment,
// a target (partial) where the table says so.
func OfRow(text string) Stance {
	st := Of(text, 0, len(text))
	if st.Who == Nobody && rowCommits.MatchString(text) {
		st.Who = Organisation
		st.Commits = !st.Question && !st.Negated
		st.Target = st.Target || targetWords.MatchString(text)
	}
	return st
}

// Words counts the words of s, as the stance reader sees them.
func Words(s string) int { return len(reWord.FindAllStringIndex(s, -1)) }
