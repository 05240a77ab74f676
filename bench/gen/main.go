// Command gen writes the benchmark's inputs: corpora of realistic policy
// documents in Markdown, and checklists of 27 and 300 evidence patterns in
// the forms the engine, ripgrep and Vale each read.
//
//	go run ./bench/gen -out DIR [-small 1000] [-large 10000] [-size 20000]
//
// Output is deterministic for given flags.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "bench-data", "output directory")
	small := flag.Int("small", 1000, "documents in the small corpus")
	large := flag.Int("large", 10000, "documents in the large corpus (0: none)")
	size := flag.Int("size", 20000, "approximate size of a document in bytes")
	flag.Parse()
	if err := run(*out, *small, *large, *size); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string, small, large, size int) error {
	if err := corpus(filepath.Join(out, "corpus1k"), small, size, 1); err != nil {
		return err
	}
	if large > 0 {
		if err := corpus(filepath.Join(out, "corpus10k"), large, size, 2); err != nil {
			return err
		}
	}
	for _, n := range []int{27, 300} {
		rules := rulesOf(n)
		if err := writeRules(out, n, rules); err != nil {
			return err
		}
	}
	return nil
}

// corpus writes n documents, spread over folders of 100, unless it is
// already there.
func corpus(dir string, n, size int, seed int64) error {
	stamp := filepath.Join(dir, fmt.Sprintf(".done-%d-%d", n, size))
	if _, err := os.Stat(stamp); err == nil {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	r := rand.New(rand.NewSource(seed))
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		name := filepath.Join(sub, fmt.Sprintf("%s-%05d.md", kinds[r.Intn(len(kinds))], i))
		if err := os.WriteFile(name, document(r, size), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(stamp, nil, 0o644)
}

var kinds = []string{"charter", "complaints-policy", "letter-template", "customer-promise", "service-standards"}

var services = []string{"housing repairs", "council tax", "adult social care", "waste collection", "outpatients",
	"planning", "benefits", "parking", "children's services", "the library service", "the customer contact centre",
	"pharmacy", "community nursing", "licensing", "environmental health", "the billing team"}

var sections = []string{"About this document", "Our promise to you", "Our service standards", "How to make a complaint",
	"What happens next", "Timescales", "If you are still unhappy", "Contacting us", "Accessibility", "How we use your information",
	"Learning from complaints", "Compliments and feedback", "Unreasonable behaviour", "Review of this policy"}

// sentences are the building blocks of the prose. {s} is a service, {n} a
// number, {u} a unit, {p} a person.
var sentences = []string{
	"We will acknowledge your complaint within {n} working days and give you a full response within {n} working days.",
	"If we cannot meet this timescale we will tell you why and agree a new date with you.",
	"Our staff will answer the telephone within {n} rings and will always give you their name.",
	"You can complain in person, by phone, by email or in writing, and we will help you if you need support to do so.",
	"If you are not happy with our response you can ask the Local Government and Social Care Ombudsman to look at your complaint.",
	"The Parliamentary and Health Service Ombudsman can review complaints about NHS services once our process is complete.",
	"We will give you a named contact who will keep you informed of progress at least every {n} {u}.",
	"We apologise for any inconvenience this may have caused and will respond as soon as possible.",
	"Going forward we will leverage our learning to drive continuous improvement across {s}.",
	"We publish what our customers tell us every quarter, including the number of complaints we upheld.",
	"When we get something wrong we will say sorry, put it right and explain what we have changed.",
	"You will be able to speak to a real person during our opening hours, from 8am to 6pm, Monday to Friday.",
	"Please quote your reference number when you contact us so that we can find your records quickly.",
	"We aim to resolve most problems at the first point of contact, without the need for a formal complaint.",
	"A senior manager from {s} will review the handling of your case and write to you with their findings.",
	"We will treat you with dignity and respect and we expect our staff to be treated in the same way.",
	"This policy applies to all services provided by {s}, including those delivered by our contractors.",
	"Your feedback helps us to improve {s}, and we report on it to our board every {u}.",
	"If your complaint is complex we may need more time, but we will not take longer than {n} working days.",
	"We record all complaints and use them to identify trends, so that the same mistake does not happen again.",
	"Information about you will be kept confidential and used only to investigate and respond to your complaint.",
	"{p} is responsible for making sure this policy is followed and that lessons learned are shared.",
	"We may decide not to investigate a complaint made more than {n} months after you became aware of the problem.",
	"Appointments are offered within {n} weeks of referral, and you can change yours by calling the booking line.",
	"We guarantee that repairs classed as emergencies will be made safe within {n} hours of your call.",
	"Letters and emails will be written in plain English and will avoid jargon wherever possible.",
	"You can ask for this document in large print, Braille, audio or another language.",
	"We will monitor our performance against these standards and publish the results on our website.",
}

var people = []string{"The Chief Executive", "The Head of Customer Services", "The Complaints Manager", "The Director of Nursing", "The Service Manager"}

var units = []string{"days", "weeks", "months", "working days", "hours"}

func fill(r *rand.Rand, s string) string {
	for strings.Contains(s, "{") {
		switch {
		case strings.Contains(s, "{n}"):
			s = strings.Replace(s, "{n}", fmt.Sprint(1+r.Intn(28)), 1)
		case strings.Contains(s, "{u}"):
			s = strings.Replace(s, "{u}", units[r.Intn(len(units))], 1)
		case strings.Contains(s, "{s}"):
			s = strings.Replace(s, "{s}", services[r.Intn(len(services))], 1)
		case strings.Contains(s, "{p}"):
			s = strings.Replace(s, "{p}", people[r.Intn(len(people))], 1)
		default:
			return s
		}
	}
	return s
}

// document is one policy of about size bytes: a title, sections with
// headings, paragraphs wrapped at 80 columns, lists and a table.
func document(r *rand.Rand, size int) []byte {
	var b strings.Builder
	svc := services[r.Intn(len(services))]
	fmt.Fprintf(&b, "# %s: %s\n\n", strings.ToUpper(svc[:1])+svc[1:], kinds[r.Intn(len(kinds))])
	fmt.Fprintf(&b, "Version %d.%d, reviewed %d %s 2026.\n\n", 1+r.Intn(4), r.Intn(10), 1+r.Intn(28), []string{"March", "June", "September", "November"}[r.Intn(4)])
	for b.Len() < size {
		fmt.Fprintf(&b, "## %s\n\n", sections[r.Intn(len(sections))])
		for p := 0; p < 2+r.Intn(3) && b.Len() < size; p++ {
			switch r.Intn(6) {
			case 0:
				for k := 0; k < 3+r.Intn(4); k++ {
					fmt.Fprintf(&b, "- %s\n", fill(r, sentences[r.Intn(len(sentences))]))
				}
			case 1:
				b.WriteString("| Stage | Who | Timescale |\n| --- | --- | --- |\n")
				for k := 1; k <= 3; k++ {
					fmt.Fprintf(&b, "| %d | %s | %d working days |\n", k, people[r.Intn(len(people))], 5*k+r.Intn(10))
				}
			default:
				var para []string
				for k := 0; k < 3+r.Intn(5); k++ {
					para = append(para, fill(r, sentences[r.Intn(len(sentences))]))
				}
				b.WriteString(wrap(strings.Join(para, " "), 80))
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(s) {
		if col > 0 && col+1+len(w) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteByte('\n')
	return b.String()
}

// rule is one evidence pattern and the rule kind it belongs to.
type rule struct{ kind, expr string }

// base are 27 patterns of the kinds the built-in checklists use:
// timescales, routes to complain, escalation, named contacts, published
// feedback, and anti-patterns.
var base = []rule{
	{"any", `within \d+ (working )?(days|hours|weeks)`},
	{"any", `within \d+ rings`},
	{"any", `\d+ (working )?days`},
	{"any", `ombudsman`},
	{"any", `how to (make a )?complain`},
	{"any", `complaints? (policy|procedure|process)`},
	{"any", `named (contact|person|officer)`},
	{"any", `(speak|talk) to a (real )?person`},
	{"any", `we will (say sorry|apologi[sz]e)`},
	{"any", `put (it|things) right`},
	{"any", `publish(ed)? (what|the results|our performance)`},
	{"any", `large print|braille|easy read`},
	{"any", `plain english`},
	{"any", `reference number`},
	{"any", `opening hours`},
	{"any", `(emergenc(y|ies)|urgent) repairs?`},
	{"any", `lessons? (learned|learnt)`},
	{"any", `we guarantee`},
	{"any", `by (phone|telephone|email|post|letter)`},
	{"any", `senior manager`},
	{"all", `complain`},
	{"all", `respon(d|se)`},
	{"none", `as soon as (possible|practicable)`},
	{"none", `apologi[sz]e for any inconvenience`},
	{"none", `going forward`},
	{"none", `leverag(e|ing)`},
	{"none", `continuous improvement`},
}

var nouns = []string{"complaint", "appointment", "repair", "referral", "application", "enquiry", "payment", "booking",
	"assessment", "review", "appeal", "claim", "request", "visit", "letter", "call", "email", "case", "report", "decision"}

var verbs = []string{"acknowledge", "answer", "resolve", "review", "investigate", "confirm", "process", "respond to", "decide", "explain"}

var adjectives = []string{"emergency", "urgent", "routine", "formal", "informal", "written", "final", "first"}

// rulesOf returns n rules: the 27 base ones, then generated phrases of the
// same shapes.
func rulesOf(n int) []rule {
	rules := append([]rule(nil), base...)
	r := rand.New(rand.NewSource(int64(n)))
	seen := map[string]bool{}
	for _, x := range rules {
		seen[x.expr] = true
	}
	shapes := []func() rule{
		func() rule {
			return rule{"any", fmt.Sprintf(`%s (your|the) %ss? within \d+ (working )?days`, verbs[r.Intn(len(verbs))], nouns[r.Intn(len(nouns))])}
		},
		func() rule {
			return rule{"any", fmt.Sprintf(`%s %ss?`, adjectives[r.Intn(len(adjectives))], nouns[r.Intn(len(nouns))])}
		},
		func() rule {
			return rule{"any", fmt.Sprintf(`(we will|we aim to) %s`, verbs[r.Intn(len(verbs))])}
		},
		func() rule {
			return rule{"none", fmt.Sprintf(`%s (as soon as possible|in due course|shortly)`, nouns[r.Intn(len(nouns))])}
		},
		func() rule {
			return rule{"any", fmt.Sprintf(`%s (number|reference|date)`, nouns[r.Intn(len(nouns))])}
		},
	}
	for len(rules) < n {
		x := shapes[r.Intn(len(shapes))]()
		if !seen[x.expr] {
			seen[x.expr] = true
			rules = append(rules, x)
		}
	}
	return rules
}

// writeRules writes the rules for each tool: patternsN.txt (one regexp a
// line, for ripgrep -f), rulesN.tsv (kind and regexp, for the driver),
// checklistN.yaml (for svcaudit check) and valeN/ (a Vale style with one
// existence rule per pattern, and its .vale.ini).
func writeRules(out string, n int, rules []rule) error {
	var txt, tsv, yaml strings.Builder
	fmt.Fprintf(&yaml, "id: bench%d\ntitle: Benchmark checklist of %d patterns\nversion: \"1\"\nitems:\n", n, n)
	valeDir := filepath.Join(out, fmt.Sprintf("vale%d", n))
	styles := filepath.Join(valeDir, "styles", "Bench")
	if err := os.RemoveAll(valeDir); err != nil {
		return err
	}
	if err := os.MkdirAll(styles, 0o755); err != nil {
		return err
	}
	for i, x := range rules {
		fmt.Fprintln(&txt, x.expr)
		fmt.Fprintf(&tsv, "%s\t%s\n", x.kind, x.expr)
		fmt.Fprintf(&yaml, "  - id: p%03d\n    question: Pattern %d\n    evidence:\n      %s: ['%s']\n", i, i, x.kind, x.expr)
		vale := fmt.Sprintf("extends: existence\nmessage: \"found '%%s'\"\nignorecase: true\nlevel: error\nnonword: true\nraw:\n  - '%s'\n", x.expr)
		if err := os.WriteFile(filepath.Join(styles, fmt.Sprintf("P%03d.yml", i)), []byte(vale), 0o644); err != nil {
			return err
		}
	}
	ini := "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Bench\n"
	if err := os.WriteFile(filepath.Join(valeDir, ".vale.ini"), []byte(ini), 0o644); err != nil {
		return err
	}
	for name, data := range map[string]string{
		fmt.Sprintf("patterns%d.txt", n):   txt.String(),
		fmt.Sprintf("rules%d.tsv", n):      tsv.String(),
		fmt.Sprintf("checklist%d.yaml", n): yaml.String(),
	} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
