// Package race tells tests whether they run under the race detector
// (go test -race), which makes code 5–20 times slower: a few tests that
// check scale or exhaust a corpus, not concurrency, do less then, and say
// so. Go's own internal/race does the same for the standard library.
package race
