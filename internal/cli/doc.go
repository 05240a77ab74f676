// Package cli is svcaudit's command line: one file per command, each with an
// options struct and a run function over injected streams. Only this package
// knows about terminals, colour and exit codes.
package cli
