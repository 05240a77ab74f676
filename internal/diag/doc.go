// Package diag carries problems found in a user's files, each with the file,
// line and column it refers to, so that commands print them as
// "file:line:col: message" and JSON output can use the fields directly.
package diag
