// Package lint renders the outcome of `svcaudit check` — one Result per
// document and checklist, and the documents that could not be checked — as
// text for a person, or as JSON, JUnit XML, SARIF 2.1.0 or GitHub Actions
// annotations for CI. Renderers compute nothing: scores come from the
// Results. Output is deterministic, and text that came from documents or
// checklists is cleaned of control characters and escape sequences whatever
// the format.
package lint
