// Package answers reads, checks and writes answers files: an assessor's
// answers to a checklist's manual items (and overrides of automated ones),
// written by hand from `svcaudit init answers` or by the interview after
// every answer.
//
// Errors carry file:line:col from the YAML nodes, so an assessor can jump to
// the line that is wrong.
package answers
