// Package stream writes the report of a check run — one Result per
// document and checklist, and the documents that could not be checked — as
// text for a person, or as JSON, JUnit XML, SARIF 2.1.0 or GitHub Actions
// annotations for CI, each Result as it comes (a Writer) or all at once
// (Render). Writers compute nothing: scores come from the Results. Output
// is deterministic, and text that came from documents or checklists is
// cleaned of control characters and escape sequences whatever the format.
//
// It is a package of its own beside report, whose formats (table,
// Markdown, HTML, CSV, XLSX) render a set of saved Results side by side:
// each package has its own Formats, Options and Render.
package stream
