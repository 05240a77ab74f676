// Package hostile holds only tests: they feed text crafted to attack each
// output format (terminal escapes, bidi overrides, NUL, CR, table and
// markup syntax, spreadsheet formulas) through the renderers of packages
// report, explain and lint, and check that each output stays inert and
// well-formed: parsed back, it holds the text as data, never as structure.
package hostile
