// Package explain tells, in words a board member can follow, how a saved
// Result's score was reached: each item's answer and where it came from,
// the points it earned, each section's arithmetic, how the sections make
// the overall score, the grade bands and the gating rules. It computes no
// score of its own: it reads the figures the Result records, and re-derives
// the overall score only with package score's arithmetic (score.Overall),
// to say so when the Result disagrees.
package explain
