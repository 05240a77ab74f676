// Package report renders saved Results for people: one audit as a board
// paper (headline, sections, failures with their evidence and open actions),
// several as a comparison of services, and either against a baseline with the
// change since. It writes terminal tables, Markdown, self-contained HTML with
// charts, CSV, XLSX and JSON. Renderers compute no scores; the one exception
// is Merge, which combines Results of one subject and rescores them with
// Rescore, which sums the items' points and leaves the rest of the
// arithmetic to package score, the one place it is written.
package report
