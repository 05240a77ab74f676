// Package wrap breaks prose into lines that fit a terminal width, at
// spaces where it can and inside a word only when the word alone is
// wider than the line.
package wrap
