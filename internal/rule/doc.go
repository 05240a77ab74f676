// Package rule is the evidence rule engine: it compiles a checklist's
// evidence rules once and runs them over documents, producing for each
// automated item whether it passed and the findings that say why.
package rule
