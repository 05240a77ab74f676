// Package svcaudit runs service audits: a check of documents against the
// automated items of checklists (Check), and a full audit of one subject
// from an assessor's answers and documents (Audit). Both end in scored
// Results (package result) that package report and its subpackage stream
// render.
//
// The flow is the same for every caller, the svcaudit command included:
// checklists (package checklist) and documents give evidence; evidence and
// answers give a score; the score is a result.Result; a Result renders as
// a report.
//
//	cl, _ := checklist.Resolve("keeps-promises")
//	run, err := svcaudit.Check(ctx, svcaudit.CheckOptions{
//		Paths:      []string{"policies"},
//		Checklists: []string{cl.ID},
//	})
//
// Errors that a caller may want to explain are typed: MissingPathsError,
// NoDocumentsError, NoAutomatedItemsError, ErrNoChecklists and
// ErrNothingChecked. A document that cannot be read does not stop a check:
// it is listed in CheckRun.Errors.
package svcaudit
