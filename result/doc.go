// Package result defines the Result: the versioned JSON record of one audit
// or check that every later command (report, explain, merge) reads back.
package result
