package svcaudit

import (
	"context"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// How an audit counts unanswered items (AuditOptions.Unanswered).
const (
	// UnansweredZero counts an unanswered item as earning nothing.
	UnansweredZero = score.UnansweredZero
	// UnansweredSkip leaves unanswered items out of the score.
	UnansweredSkip = score.UnansweredSkip
)

// Evidence is what a set of documents says about the automated items of a
// checklist, judged as one body of evidence.
type Evidence struct {
	// Documents are the documents read, in order.
	Documents []string
	outcomes  map[string]rule.Outcome
}

// Outcomes are the documents' outcome for each automated item, by full
// item id (nil without documents).
func (e *Evidence) Outcomes() map[string]rule.Outcome {
	if e == nil {
		return nil
	}
	return e.outcomes
}

// ReadEvidence finds the documents at paths (files, folders and globs, as
// for a check), reads them within limits and runs the evidence rules of
// cl over all of them together. Unlike a check, a document that cannot be
// read is an error: an audit's evidence must be whole.
func ReadEvidence(ctx context.Context, cl *checklist.Checklist, paths []string, limits Limits) (*Evidence, error) {
	if len(paths) == 0 {
		return &Evidence{}, nil
	}
	found, err := FindDocuments(paths, nil, nil)
	if err != nil {
		return nil, err
	}
	if len(found.Errors) > 0 {
		var errs diag.List
		for _, fe := range found.Errors {
			errs.Add(&diag.Error{Pos: diag.Pos{File: fe.File}, Msg: fe.Message})
		}
		return nil, errs
	}
	if len(found.Files) == 0 {
		return nil, &NoDocumentsError{Paths: paths}
	}
	docs := make([]*document.Document, 0, len(found.Files))
	for _, p := range found.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := document.Read(p, limits.document())
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	set, err := rule.Compile(cl.Items())
	if err != nil {
		return nil, err
	}
	return &Evidence{Documents: found.Files, outcomes: set.Evaluate(docs...)}, nil
}

// AuditOptions are the settings of an audit of one subject against one
// checklist.
type AuditOptions struct {
	// Checklist is the checklist audited against (see checklist.Resolve).
	Checklist *checklist.Checklist
	// Answers is an answers file (see checklist's answers format); empty
	// for none, when every item is automated or left unanswered.
	Answers string
	// Evidence answers the automated items (see ReadEvidence); nil for
	// none.
	Evidence *Evidence
	// Subject, Auditor and Date (YYYY-MM-DD) describe the audit; where
	// empty they come from the answers file, and the date from Now.
	Subject, Auditor, Date string
	// Unanswered is UnansweredZero (the default) or UnansweredSkip.
	Unanswered string
	// FailUnder, when set, is the score below which the audit fails.
	FailUnder *float64
	// Waivers is a waivers file; WarnExpiry is how many days before its
	// expiry a waiver becomes a notice (see DefaultWarnExpiry).
	Waivers    string
	WarnExpiry int
	// Now gives today's date (nil: time.Now).
	Now func() time.Time
	// OnNotice, when set, receives each notice about a waiver (expired,
	// or about to expire) as the audit is scored; they are in the
	// Result's Notices too.
	OnNotice func(string)
	// FailOnExpired asks the caller to fail the audit when a waiver that
	// covers one of its items has expired (the settings file's
	// fail-on-expired); OnExpired, when set, receives each such waiver,
	// whether or not FailOnExpired is set.
	FailOnExpired bool
	OnExpired     func(ExpiredWaiver)
	// Cases is a complaints case log for the items with cases: evidence
	// and the measures CH01/CH02; nil for none. Open cases are judged as
	// of Now.
	Cases *CaseLog

	// inlineWaivers is a settings file whose waivers: key lists waivers.
	inlineWaivers *config.Config
}

// ApplyConfig takes the waivers, their warning period and fail-on-expired
// from the settings file at path (see FindConfig), where given does not
// report the caller set them ("waivers", "warn-expiry", "fail-on-expired"): the waivers an organisation agreed
// apply to its audits as to its checks.
func (o *AuditOptions) ApplyConfig(path string, given func(setting string) bool) error {
	c, err := config.Load(path)
	if err != nil {
		return err
	}
	waiverSettings(c, given, &o.Waivers, &o.inlineWaivers, &o.WarnExpiry, &o.FailOnExpired)
	caseSettings(c, given, o.Cases)
	return nil
}

// HasWaivers reports whether the audit has waivers to apply, from a file
// or from a settings file.
func (o *AuditOptions) HasWaivers() bool { return o.Waivers != "" || o.inlineWaivers != nil }

// Audit scores one subject against a checklist from an assessor's answers
// and the evidence of documents; an answer overrides a document's outcome
// and the Result keeps both.
func Audit(ctx context.Context, o AuditOptions) (*result.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cl := o.Checklist
	now := o.Now
	if now == nil {
		now = time.Now
	}
	var af *answers.File
	if o.Answers != "" {
		var err error
		if af, err = answers.Load(o.Answers); err != nil {
			return nil, err
		}
		if err := af.Check(cl); err != nil {
			return nil, err
		}
	}
	var docs []string
	if o.Evidence != nil {
		docs = o.Evidence.Documents
	}
	automated, caseRep, err := measureCases(cl, o.Cases, o.Evidence.Outcomes(), now())
	if err != nil {
		return nil, err
	}
	in := score.Input{Subject: o.Subject, Auditor: o.Auditor, Date: o.Date, Answers: af,
		Automated: automated, Documents: docs,
		Options: score.Options{Unanswered: o.Unanswered, Threshold: o.FailUnder}}
	if af != nil {
		in.Subject = firstOf(o.Subject, af.Subject)
		in.Auditor = firstOf(o.Auditor, af.Auditor)
		in.Date = firstOf(o.Date, af.Date)
	}
	if in.Date == "" {
		in.Date = now().Format("2006-01-02")
	}
	ws, err := loadWaivers(o.Waivers, o.inlineWaivers)
	if err != nil {
		return nil, err
	}
	var notices []string
	if ws != nil {
		in.Waived, notices = ws.apply(cl, in.Subject, docs, now(), o.WarnExpiry)
		for _, e := range ws.unknown([]*checklist.Checklist{cl}) {
			n := e.Msg + " (" + e.Pos.String() + ")"
			if e.Hint != "" {
				n += "; " + e.Hint
			}
			notices = append(notices, n)
		}
		if o.OnExpired != nil {
			for _, e := range ws.expired(cl, in.Subject, docs, now()) {
				o.OnExpired(e)
			}
		}
	}
	r, err := score.Evaluate(cl, in)
	if err != nil {
		return nil, err
	}
	stamp(r)
	caseRep.add(r)
	r.Notices = append(r.Notices, notices...)
	if o.OnNotice != nil {
		for _, n := range notices {
			o.OnNotice(n)
		}
	}
	return r, nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
