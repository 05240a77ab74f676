// Package rule is the evidence rule engine: it compiles a checklist's
// evidence rules once and runs them over documents, producing for each
// automated item whether it passed and the findings that say why.
//
// Each rule kind judged on documents (checklist.Kinds with Documents set:
// any, all, none, near, min, heading, readability, jargon, sentence,
// timescale) lives in its own file behind the check interface and
// registers its compiler by the kind's name; the kind's YAML shape and
// validation are in the checklist package.
// Patterns are rewritten at compile time so that whitespace matches any
// run of whitespace and, when asked, digits match numbers written as
// words. To be fast with many patterns, a Set scans each document once for
// the literals its patterns require (an Aho–Corasick automaton) and runs a
// regexp only on windows around their hits; the matches are exactly those
// of running every regexp over the whole text.
package rule
