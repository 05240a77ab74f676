//go:build unix

package input

import "syscall"

// openFlags opens without blocking: a named pipe with no writer would
// otherwise block the open forever.
const openFlags = syscall.O_NONBLOCK
