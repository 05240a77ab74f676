//go:build !unix

package interview

import "os"

// flock is a no-op where advisory locks are not available.
func flock(f *os.File) error { return nil }
